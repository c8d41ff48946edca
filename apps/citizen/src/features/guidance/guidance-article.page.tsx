import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { dateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { Markdown } from '../advisories/markdown.component.tsx';
import { LoadFailed, SavedAge } from '../offline/offline.component.tsx';
import { articlePath, type GuidanceArticle } from './guidance.api.ts';
import { titleIn } from './guidance-library.page.tsx';
import './guidance.css';

/** One guidance article, in the reader's language, or the language it is written in (labelled). */
export function GuidanceArticlePage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { slug = '' } = useParams();
  const state = useApi<GuidanceArticle>(articlePath(slug));
  const article = state.data;
  const title = article ? titleIn(article.title, locale) : null;
  useDocumentTitle(title?.text ?? t('guidance.title'));

  return (
    <>
      <Link to="/guidance" className="back-link">
        {t('guidance.back')}
      </Link>
      {state.status === 'error' ? (
        state.error.status === 404 ? (
          <>
            <h1>{t('guidance.notFoundTitle')}</h1>
            <p>{t('guidance.notFound')}</p>
          </>
        ) : (
          <LoadFailed onRetry={state.retry} />
        )
      ) : null}
      {state.status === 'loading' ? (
        <p role="status" className="hint">
          {t('guidance.loading')}
        </p>
      ) : null}
      {article && title ? (
        <article aria-labelledby="guidance-article-title">
          {state.savedAt !== null ? <SavedAge savedAt={state.savedAt} /> : null}
          <h1 id="guidance-article-title" lang={title.lang}>
            {title.text}
          </h1>
          <p className="item__meta">
            <span className="tag guidance-risk">{t(`guidance.risks.${article.riskType}`)}</span>{' '}
            {article.countryName ? article.countryName[locale] : t('guidance.everyCountry')}
          </p>
          {title.lang !== locale ? (
            <p className="inset">{t('guidance.onlyInNotice', { language: t(`guidance.languages.${title.lang}`) })}</p>
          ) : null}
          <Markdown text={article.body[title.lang]} lang={title.lang} headingShift={0} />
          <p className="hint">{t('guidance.updated', { at: dateTime(article.updatedAt, locale) })}</p>
          <p className="guidance-help">{t('guidance.emergency')}</p>
        </article>
      ) : null}
    </>
  );
}
