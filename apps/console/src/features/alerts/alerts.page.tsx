import './alerts.css';
import { ALERT_STATUSES } from '@homeward/shared';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { LoadError } from '../../lib/load-error.component.tsx';
import { useApi } from '../../lib/use-api.hook.ts';
import { Field } from '../forms/field.component.tsx';
import { Pagination } from '../missions/pagination.component.tsx';
import { AlertStatusTag, headlineOf } from './alert-status.component.tsx';
import { type AlertPage, alertsPath } from './alerts.api.ts';

/** Alerts, newest change first: search the headlines, filter by step; the state lives in the URL. */
export function AlertsPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const status = params.get('status') ?? '';
  const page = Number(params.get('page') ?? '1') || 1;
  const [text, setText] = useState(q);
  const state = useApi<AlertPage>(alertsPath({ q, status, page }));
  useDocumentTitle(t('alerts.title'));

  const search = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (text.trim()) next.set('q', text.trim());
    if (status) next.set('status', status);
    setParams(next);
  };
  const data = state.data;
  return (
    <>
      <h1>{t('alerts.title')}</h1>
      <p>{t('alerts.intro')}</p>
      <p className="button-group">
        <Link className="button" to="/alerts/new">
          {t('alerts.newAction')}
        </Link>
        <Link className="button button--secondary" to="/alerts?status=pending">
          {t('alerts.reviewQueue')}
        </Link>
        <Link className="button button--secondary" to="/alerts/signals">
          {t('alerts.signals.nav')}
        </Link>
      </p>
      <search className="filter">
        <form onSubmit={search} className="filter__form">
          <Field id="alerts-q" label={t('alerts.searchLabel')}>
            {(props) => <input {...props} type="search" value={text} onChange={(e) => setText(e.target.value)} />}
          </Field>
          <Field id="alerts-status" label={t('alerts.statusFilter')} base="select">
            {(props) => (
              <select
                {...props}
                value={status}
                onChange={(e) => {
                  const next = new URLSearchParams(params);
                  if (e.target.value) next.set('status', e.target.value);
                  else next.delete('status');
                  next.delete('page');
                  setParams(next);
                }}
              >
                <option value="">{t('alerts.anyStatus')}</option>
                {ALERT_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`alerts.status.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" className="button button--secondary">
            {t('alerts.search')}
          </button>
        </form>
      </search>
      <LoadError state={state} />
      {data ? (
        data.items.length === 0 ? (
          <p>{t('alerts.empty')}</p>
        ) : (
          <>
            <p aria-live="polite">
              {t('alerts.found', { count: data.total, formatted: formatNumber(data.total, locale) })}
            </p>
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1). */}
            <section className="table-wrap" aria-label={t('alerts.title')} tabIndex={0}>
              <table className="table">
                <caption className="visually-hidden">{t('alerts.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('alerts.columns.headline')}</th>
                    <th scope="col">{t('alerts.columns.status')}</th>
                    <th scope="col">{t('alerts.columns.severity')}</th>
                    <th scope="col">{t('alerts.columns.reach')}</th>
                    <th scope="col">{t('alerts.columns.changed')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((a) => {
                    const headline = headlineOf(a, locale);
                    return (
                      <tr key={a.id}>
                        <th scope="row">
                          <Link to={`/alerts/${a.id}`} lang={headline.lang}>
                            {headline.text}
                          </Link>
                        </th>
                        <td>
                          <AlertStatusTag alert={a} />
                        </td>
                        <td>{t(`alerts.severity.${a.severity}`)}</td>
                        <td className="numeric">
                          {a.status === 'published' || a.status === 'cancelled'
                            ? formatNumber(a.recipients, locale)
                            : a.reachAtSubmit === null
                              ? '—'
                              : formatNumber(a.reachAtSubmit, locale)}
                        </td>
                        <td className="nowrap">{formatDateTime(a.updatedAt, locale)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </section>
            <Pagination page={data.page} total={data.total} pageSize={data.pageSize} />
          </>
        )
      ) : state.status === 'loading' ? (
        <p className="loading">{t('alerts.loading')}</p>
      ) : null}
    </>
  );
}
