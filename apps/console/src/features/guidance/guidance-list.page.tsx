import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { LoadError } from '../../lib/load-error.component.tsx';
import { useApi } from '../../lib/use-api.hook.ts';
import { Field } from '../forms/field.component.tsx';
import { Pagination } from '../missions/pagination.component.tsx';
import {
  EDITOR_PAGE_SIZE,
  editorListPath,
  type GuidanceArticlePage,
  type GuidanceSendList,
  RISK_TYPES,
  SENDS_PATH,
} from './guidance.api.ts';
import './guidance.css';

/** Every article, drafts included, with search and filters in the URL; and the latest sends. */
export function GuidanceListPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [params, setParams] = useSearchParams();
  const applied = {
    q: params.get('q') ?? '',
    risk: params.get('risk') ?? '',
    country: params.get('country') ?? '',
    page: Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1),
  };
  const [q, setQ] = useState(applied.q);
  const [risk, setRisk] = useState(applied.risk);
  useEffect(() => {
    setQ(applied.q);
    setRisk(applied.risk);
  }, [applied.q, applied.risk]);
  const list = useApi<GuidanceArticlePage>(editorListPath(applied));
  const sends = useApi<GuidanceSendList>(SENDS_PATH);
  useDocumentTitle(t('guidance.title'));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next: Record<string, string> = {};
    if (q.trim()) next.q = q.trim();
    if (risk) next.risk = risk;
    setParams(next);
  };

  return (
    <>
      <h1>{t('guidance.title')}</h1>
      <p>{t('guidance.intro')}</p>
      <div className="button-group">
        <Link className="button" to="/guidance/new">
          {t('guidance.write')}
        </Link>
        <Link className="button button--secondary" to="/guidance/send">
          {t('guidance.sendAction')}
        </Link>
      </div>
      <section className="filter" aria-label={t('guidance.filters')}>
        <form className="filter__form" onSubmit={onSubmit}>
          <Field id="guidance-q" label={t('guidance.search')}>
            {(props) => <input {...props} type="search" value={q} onChange={(e) => setQ(e.target.value)} />}
          </Field>
          <Field id="guidance-risk" label={t('guidance.risk')} base="select">
            {(props) => (
              <select {...props} value={risk} onChange={(e) => setRisk(e.target.value)}>
                <option value="">{t('guidance.anyRisk')}</option>
                {RISK_TYPES.map((r) => (
                  <option key={r} value={r}>
                    {t(`guidance.risks.${r}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="filter__actions">
            <button type="submit" className="button">
              {t('guidance.apply')}
            </button>
          </div>
        </form>
      </section>
      <LoadError state={list} />
      {list.data ? (
        <>
          <p className="count" aria-live="polite">
            {t('guidance.count', { count: list.data.total, formatted: formatNumber(list.data.total, locale) })}
          </p>
          {list.data.total === 0 ? (
            <p>{t('guidance.none')}</p>
          ) : (
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1).
            <section className="table-wrap" aria-label={t('guidance.title')} tabIndex={0}>
              <table className="table table--stack">
                <caption className="visually-hidden">{t('guidance.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('guidance.columns.title')}</th>
                    <th scope="col">{t('guidance.columns.risk')}</th>
                    <th scope="col">{t('guidance.columns.country')}</th>
                    <th scope="col">{t('guidance.columns.status')}</th>
                    <th scope="col">{t('guidance.columns.updated')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((a) => (
                    <tr key={a.id}>
                      <th scope="row">
                        <Link to={`/guidance/${a.id}`} lang={a.title[locale] ? locale : undefined}>
                          {a.title[locale] || a.title[locale === 'en' ? 'zh-CN' : 'en']}
                        </Link>
                        <br />
                        <span className="hint">
                          {a.languages.map((l) => t(`guidance.languages.${l as 'en' | 'zh-CN'}`)).join(' · ')}
                        </span>
                      </th>
                      <td>{t(`guidance.risks.${a.riskType}`)}</td>
                      <td>{a.countryName ? a.countryName[locale] : t('guidance.everyCountry')}</td>
                      <td>
                        <span className={a.status === 'published' ? 'tag tag--active' : 'tag'}>
                          {t(`guidance.status.${a.status}`)}
                        </span>
                      </td>
                      <td className="nowrap">
                        {formatDateTime(a.updatedAt, locale)} · {t('guidance.version', { version: a.version })}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
          <Pagination page={applied.page} total={list.data.total} pageSize={EDITOR_PAGE_SIZE} />
        </>
      ) : list.status === 'loading' ? (
        <p className="loading">{t('guidance.loading')}</p>
      ) : null}
      <section aria-labelledby="guidance-sends" className="guidance-sends">
        <h2 id="guidance-sends">{t('guidance.sends.title')}</h2>
        <LoadError state={sends} />
        {sends.data ? (
          sends.data.items.length === 0 ? (
            <p>{t('guidance.sends.none')}</p>
          ) : (
            <ul className="guidance-send-list">
              {sends.data.items.map((s) => (
                <li key={s.id}>
                  <strong>{s.articleTitle[locale] || s.articleTitle[locale === 'en' ? 'zh-CN' : 'en']}</strong>
                  <br />
                  {t('guidance.sends.line', {
                    places: [...s.area.countries, ...(s.area.regions ?? [])].join(', '),
                    count: s.recipients,
                    formatted: formatNumber(s.recipients, locale),
                    at: formatDateTime(s.sentAt, locale),
                    by: s.sentBy ?? '—',
                  })}
                </li>
              ))}
            </ul>
          )
        ) : null}
      </section>
    </>
  );
}
