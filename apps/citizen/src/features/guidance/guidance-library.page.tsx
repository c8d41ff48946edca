import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatNumber, sortByName } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { SelectField, TextField } from '../accounts/form.components.tsx';
import { Pagination } from '../missions/pagination.component.tsx';
import { LoadFailed, SavedAge } from '../offline/offline.component.tsx';
import { COUNTRIES_PATH, type Country } from '../registration/registration.api.ts';
import {
  type GuidanceArticlePage,
  type GuidanceArticleSummary,
  LIBRARY_PAGE_SIZE,
  libraryPath,
  RISK_TYPES,
} from './guidance.api.ts';
import './guidance.css';

/** The guidance library: search in both languages, filters by country and risk type, one page at a time. */
export function GuidanceLibraryPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [params, setParams] = useSearchParams();
  const applied = {
    q: params.get('q') ?? '',
    country: params.get('country') ?? '',
    risk: params.get('risk') ?? '',
    page: Math.max(1, Number(params.get('page') ?? 1) || 1),
  };
  const [q, setQ] = useState(applied.q);
  const [country, setCountry] = useState(applied.country);
  const [risk, setRisk] = useState(applied.risk);
  // The form follows the address when it changes under it (Back, a shared link).
  useEffect(() => {
    setQ(applied.q);
    setCountry(applied.country);
    setRisk(applied.risk);
  }, [applied.q, applied.country, applied.risk]);
  const list = useApi<GuidanceArticlePage>(libraryPath(applied));
  const countries = useApi<Country[]>(COUNTRIES_PATH);
  useDocumentTitle(t('guidance.title'));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next: Record<string, string> = {};
    if (q.trim()) next.q = q.trim();
    if (country) next.country = country;
    if (risk) next.risk = risk;
    setParams(next);
  };
  const filtered = Boolean(applied.q || applied.country || applied.risk);

  return (
    <>
      <h1>{t('guidance.title')}</h1>
      <p>{t('guidance.intro')}</p>
      <form className="guidance-filters" onSubmit={onSubmit} aria-label={t('guidance.searchLabel')}>
        <TextField
          id="guidance-q"
          label={t('guidance.search')}
          hint={t('guidance.searchHint')}
          type="search"
          value={q}
          onChange={setQ}
        />
        <SelectField
          id="guidance-country"
          label={t('guidance.country')}
          value={country}
          onChange={setCountry}
          emptyLabel={t('guidance.anyCountry')}
          options={sortByName(countries.data ?? [], locale).map((c) => ({ value: c.code, label: c.name[locale] }))}
        />
        <SelectField
          id="guidance-risk"
          label={t('guidance.risk')}
          value={risk}
          onChange={setRisk}
          emptyLabel={t('guidance.anyRisk')}
          options={RISK_TYPES.map((r) => ({ value: r, label: t(`guidance.risks.${r}`) }))}
        />
        <div className="button-row">
          <button type="submit" className="button">
            {t('guidance.apply')}
          </button>
          {filtered ? (
            <Link to="/guidance" className="button button--secondary">
              {t('guidance.clear')}
            </Link>
          ) : null}
        </div>
      </form>
      {list.status === 'error' ? <LoadFailed onRetry={list.retry} /> : null}
      {list.status === 'loading' ? (
        <p role="status" className="hint">
          {t('guidance.loading')}
        </p>
      ) : null}
      {list.data ? (
        <section aria-labelledby="guidance-results">
          {list.savedAt !== null ? <SavedAge savedAt={list.savedAt} /> : null}
          <h2 id="guidance-results" aria-live="polite">
            {t('guidance.count', { count: list.data.total, formatted: formatNumber(list.data.total, locale) })}
          </h2>
          {list.data.total === 0 ? (
            <p>{filtered ? t('guidance.noneMatch') : t('guidance.none')}</p>
          ) : (
            <ul className="item-list">
              {list.data.items.map((article) => (
                <ArticleItem key={article.id} article={article} />
              ))}
            </ul>
          )}
          <Pagination page={applied.page} total={list.data.total} pageSize={LIBRARY_PAGE_SIZE} />
        </section>
      ) : null}
    </>
  );
}

/** The title in the reader's language, or the other one (marked with its language) when only that exists. */
export function titleIn(
  title: { 'zh-CN': string; en: string },
  locale: 'zh-CN' | 'en',
): { text: string; lang: 'zh-CN' | 'en' } {
  const other = locale === 'en' ? 'zh-CN' : 'en';
  return title[locale] ? { text: title[locale], lang: locale } : { text: title[other], lang: other };
}

function ArticleItem({ article }: { article: GuidanceArticleSummary }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const title = titleIn(article.title, locale);
  return (
    <li className="item">
      <p className="item__title">
        <Link to={`/guidance/${article.slug}`} lang={title.lang}>
          {title.text}
        </Link>
      </p>
      <p className="item__meta">
        <span className="tag guidance-risk">{t(`guidance.risks.${article.riskType}`)}</span>{' '}
        {article.countryName ? article.countryName[locale] : t('guidance.everyCountry')}
        {title.lang !== locale ? ` · ${t('guidance.onlyIn', { language: t(`guidance.languages.${title.lang}`) })}` : ''}
      </p>
    </li>
  );
}
