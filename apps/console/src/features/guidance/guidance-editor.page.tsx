import { type Country, LOCALES, type Locale } from '@homeward/shared';
import type { TFunction } from 'i18next';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { ApiError } from '../../lib/api.client.ts';
import { formatDateTime, sortByName } from '../../lib/format.ts';
import { LoadError } from '../../lib/load-error.component.tsx';
import { useApi } from '../../lib/use-api.hook.ts';
import { ErrorSummary } from '../auth/error-summary.component.tsx';
import { Field, FieldSet } from '../forms/field.component.tsx';
import { errorsFromFailure, type FormError, useFormErrors } from '../forms/form-errors.ts';
import { Markdown } from '../hotline/markdown.component.tsx';
import {
  createArticle,
  editorArticlePath,
  type GuidanceArticleInput,
  type GuidanceArticleWithHistory,
  type GuidanceRiskType,
  RISK_TYPES,
  saveArticle,
} from './guidance.api.ts';
import './guidance.css';

interface Draft {
  country: string;
  riskType: GuidanceRiskType | '';
  status: 'draft' | 'published';
  title: Record<Locale, string>;
  body: Record<Locale, string>;
}

const EMPTY: Draft = {
  country: '',
  riskType: '',
  status: 'draft',
  title: { 'zh-CN': '', en: '' },
  body: { 'zh-CN': '', en: '' },
};
const FIELD_IDS: Record<string, string> = {
  '/body/country': 'g-country',
  '/body/riskType': 'g-risk',
  '/body/title': 'g-title-zh-CN',
  '/body/title/zh-CN': 'g-title-zh-CN',
  '/body/title/en': 'g-title-en',
  '/body/body/zh-CN': 'g-body-zh-CN',
  '/body/body/en': 'g-body-en',
};

/** What the browser can say before asking the server: a risk type, and each language written whole or not at all. */
function check(draft: Draft, t: TFunction): FormError[] {
  const errors: FormError[] = [];
  if (!draft.riskType) errors.push({ fieldId: 'g-risk', message: () => t('guidance.errors.risk') });
  const written = LOCALES.filter((l) => draft.title[l].trim() || draft.body[l].trim());
  if (written.length === 0) errors.push({ fieldId: 'g-title-zh-CN', message: () => t('guidance.errors.language') });
  for (const l of written) {
    const language = () => t(`guidance.languages.${l}`);
    if (!draft.title[l].trim())
      errors.push({ fieldId: `g-title-${l}`, message: () => t('guidance.errors.title', { language: language() }) });
    if (!draft.body[l].trim())
      errors.push({ fieldId: `g-body-${l}`, message: () => t('guidance.errors.body', { language: language() }) });
  }
  return errors;
}

/** Write or edit an article: both languages (at least one), a live preview, draft or published, and its history. */
export function GuidanceEditorPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const navigate = useNavigate();
  const { id } = useParams();
  const saved = (useLocation().state as { saved?: string } | null)?.saved;
  const existing = useApi<GuidanceArticleWithHistory>(id ? editorArticlePath(id) : null);
  const countries = useApi<Country[]>('/api/v1/countries');
  const form = useFormErrors();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [busy, setBusy] = useState(false);
  const article = existing.data;
  useEffect(() => {
    if (!article) return;
    setDraft({
      country: article.country,
      riskType: article.riskType,
      status: article.status,
      title: { ...article.title },
      body: { ...article.body },
    });
  }, [article]);
  const heading = id ? t('guidance.editTitle') : t('guidance.newTitle');
  useDocumentTitle(heading);

  const set = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const errors = check(draft, t);
    form.show(errors);
    if (errors.length > 0 || busy || !draft.riskType) return;
    setBusy(true);
    const input: GuidanceArticleInput = {
      country: draft.country,
      riskType: draft.riskType,
      status: draft.status,
      title: draft.title,
      body: draft.body,
      ...(article ? { version: article.version } : {}),
    };
    try {
      const result = article ? await saveArticle(article.id, input) : await createArticle(input);
      navigate(`/guidance/${result.id}`, {
        replace: Boolean(article),
        state: { saved: t('guidance.saved', { version: result.version }) },
      });
      if (article) existing.retry();
    } catch (error) {
      if (error instanceof ApiError && error.status === 409)
        form.show([{ fieldId: 'g-risk', message: () => t('guidance.errors.conflict') }]);
      else form.show(errorsFromFailure(error, FIELD_IDS, 'g-risk', t('errors.network')));
    } finally {
      setBusy(false);
    }
  };

  if (id && !article)
    return (
      <>
        <p>
          <Link to="/guidance">{t('guidance.back')}</Link>
        </p>
        <h1>{heading}</h1>
        <LoadError state={existing} />
        {existing.status === 'loading' ? <p className="loading">{t('guidance.loading')}</p> : null}
      </>
    );

  return (
    <>
      <p>
        <Link to="/guidance">{t('guidance.back')}</Link>
      </p>
      {saved ? (
        <div className="notice notice--success" role="status">
          <p>{saved}</p>
        </div>
      ) : null}
      <form onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="g-heading">
        <h1 id="g-heading">{heading}</h1>
        {article ? (
          <p className="hint">
            {t('guidance.version', { version: article.version })} · {t(`guidance.status.${article.status}`)} ·{' '}
            {t('guidance.citizenAddress', { path: `/guidance/${article.slug}` })}
          </p>
        ) : null}
        {article?.status === 'published' ? (
          <p>
            <Link to={`/guidance/send?article=${article.id}`}>{t('guidance.sendThis')}</Link>
          </p>
        ) : null}
        <ErrorSummary errors={form.errors} version={form.version} />
        <Field id="g-risk" label={t('guidance.risk')} base="select" error={form.errorFor('g-risk')}>
          {(props) => (
            <select
              {...props}
              value={draft.riskType}
              onChange={(e) => set({ riskType: e.target.value as GuidanceRiskType })}
            >
              <option value="">{t('guidance.chooseRisk')}</option>
              {RISK_TYPES.map((r) => (
                <option key={r} value={r}>
                  {t(`guidance.risks.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id="g-country"
          label={t('guidance.country')}
          hint={t('guidance.countryHint')}
          base="select"
          error={form.errorFor('g-country')}
        >
          {(props) => (
            <select {...props} value={draft.country} onChange={(e) => set({ country: e.target.value })}>
              <option value="">{t('guidance.everyCountry')}</option>
              {sortByName(countries.data ?? [], locale).map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name[locale]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {LOCALES.map((l) => (
          <fieldset key={l} className="fieldset guidance-language">
            <legend className="label">{t('guidance.inLanguage', { language: t(`guidance.languages.${l}`) })}</legend>
            <Field id={`g-title-${l}`} label={t('guidance.form.title')} error={form.errorFor(`g-title-${l}`)}>
              {(props) => (
                <input
                  {...props}
                  lang={l}
                  value={draft.title[l]}
                  onChange={(e) => set({ title: { ...draft.title, [l]: e.target.value } })}
                />
              )}
            </Field>
            <Field
              id={`g-body-${l}`}
              label={t('guidance.form.body')}
              hint={t('guidance.form.bodyHint')}
              base="textarea"
              error={form.errorFor(`g-body-${l}`)}
            >
              {(props) => (
                <textarea
                  {...props}
                  lang={l}
                  rows={12}
                  value={draft.body[l]}
                  onChange={(e) => set({ body: { ...draft.body, [l]: e.target.value } })}
                />
              )}
            </Field>
            {draft.body[l].trim() ? (
              <section
                className="guidance-preview"
                aria-label={t('guidance.form.preview', { language: t(`guidance.languages.${l}`) })}
              >
                <p className="hint">{t('guidance.form.preview', { language: t(`guidance.languages.${l}`) })}</p>
                <Markdown text={draft.body[l]} lang={l} />
              </section>
            ) : null}
          </fieldset>
        ))}
        <FieldSet id="g-status" legend={t('guidance.form.status')}>
          <div className="radios">
            {(['draft', 'published'] as const).map((s) => (
              <div key={s} className="checkbox">
                <input
                  id={`g-status-${s}`}
                  type="radio"
                  name="status"
                  checked={draft.status === s}
                  onChange={() => set({ status: s })}
                />
                <label htmlFor={`g-status-${s}`}>{t(`guidance.form.statusChoice.${s}`)}</label>
              </div>
            ))}
          </div>
        </FieldSet>
        <div className="button-group">
          <button type="submit" className="button" aria-disabled={busy}>
            {busy ? t('guidance.saving') : t('guidance.save')}
          </button>
        </div>
      </form>
      {article ? <History article={article} /> : null}
    </>
  );
}

function History({ article }: { article: GuidanceArticleWithHistory }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <section aria-labelledby="g-history" className="guidance-history">
      <h2 id="g-history">{t('guidance.history')}</h2>
      <ol className="guidance-versions">
        {article.history.map((v) => {
          const l: Locale = v.title[locale] ? locale : locale === 'en' ? 'zh-CN' : 'en';
          return (
            <li key={v.version}>
              <details>
                <summary>
                  {t('guidance.version', { version: v.version })} · {t(`guidance.status.${v.status}`)} ·{' '}
                  {formatDateTime(v.editedAt, locale)} · {v.editedBy ?? t('guidance.system')}
                </summary>
                <p lang={l}>
                  <strong>{v.title[l]}</strong>
                </p>
                <Markdown text={v.body[l]} lang={l} />
              </details>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
