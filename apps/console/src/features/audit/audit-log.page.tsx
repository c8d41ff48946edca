import { type FormEvent, Fragment, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { LoadError } from '../../lib/load-error.component.tsx';
import { useApi } from '../../lib/use-api.hook.ts';
import { Pagination } from '../missions/pagination.component.tsx';
import { useShortcutsEnabled, useSingleKeyShortcut } from '../settings/shortcuts.store.ts';
import { useAllMissions } from '../staff/staff.api.ts';
import {
  ACTION_LABELS,
  AUDIT_FILTERS,
  type AuditEntry,
  type AuditFilter,
  type AuditFilters,
  type AuditPage,
  auditPath,
  filtersFrom,
} from './audit.api.ts';

/** Audit log (auditor, hq_admin): newest first, every filter in the URL, each entry opens to its details. */
export function AuditLogPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  useDocumentTitle(t('audit.title'));
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const [draft, setDraft] = useState<AuditFilters>(filters);
  // A link (an actor id, Clear, Back) changes the URL: the form shows what the table shows.
  const query = params.toString();
  useEffect(() => setDraft(filtersFrom(new URLSearchParams(query))), [query]);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const searchRef = useRef<HTMLInputElement>(null);
  const shortcuts = useShortcutsEnabled();
  useSingleKeyShortcut(
    '/',
    useCallback(() => searchRef.current?.focus(), []),
  );
  const missions = useAllMissions();
  const results = useApi<AuditPage>(auditPath(filters, page));

  const apply = (next: AuditFilters) => {
    const search = new URLSearchParams();
    for (const key of AUDIT_FILTERS) if (next[key].trim()) search.set(key, next[key].trim());
    setParams(search);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    apply(draft);
  };
  const set = (key: AuditFilter) => (event: { target: { value: string } }) =>
    setDraft({ ...draft, [key]: event.target.value });
  const toggle = (id: string) => {
    const next = new Set(open);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setOpen(next);
  };
  const filterHref = (key: AuditFilter, value: string) => {
    const next = new URLSearchParams(params);
    next.set(key, value);
    next.delete('page');
    return `?${next}`;
  };

  const data = results.data;
  const from = data && data.total > 0 ? (data.page - 1) * data.pageSize + 1 : 0;
  const to = data ? from + data.items.length - 1 : 0;
  const filtered = AUDIT_FILTERS.some((key) => filters[key]);
  const text = (key: AuditFilter, label: string, extra: { hint?: string; list?: string } = {}) => (
    <div className="form-group">
      <label className="label" htmlFor={`filter-${key}`}>
        {label}
      </label>
      {extra.hint ? (
        <p className="hint" id={`filter-${key}-hint`}>
          {extra.hint}
        </p>
      ) : null}
      <input
        id={`filter-${key}`}
        ref={key === 'q' ? searchRef : undefined}
        className="input"
        type={key === 'q' ? 'search' : 'text'}
        autoComplete="off"
        spellCheck={false}
        list={extra.list}
        value={draft[key]}
        onChange={set(key)}
        aria-describedby={extra.hint ? `filter-${key}-hint` : undefined}
      />
    </div>
  );

  return (
    <>
      <h1>{t('audit.title')}</h1>
      <search className="filter">
        <form onSubmit={onSubmit} className="filter__form filter__form--grid">
          {text('q', t('audit.q'), shortcuts ? { hint: t('missions.searchHint') } : {})}
          {text('action', t('audit.action'), { list: 'known-actions' })}
          <datalist id="known-actions">
            {Object.entries(ACTION_LABELS).map(([code, label]) => (
              <option key={code} value={code}>
                {label[locale]}
              </option>
            ))}
          </datalist>
          {text('actorId', t('audit.actorId'))}
          {text('recordType', t('audit.recordType'))}
          {text('recordId', t('audit.recordId'))}
          <div className="form-group">
            <label className="label" htmlFor="filter-missionCode">
              {t('audit.mission')}
            </label>
            <select id="filter-missionCode" className="select" value={draft.missionCode} onChange={set('missionCode')}>
              <option value="">{t('staff.anyMission')}</option>
              {(missions.data?.items ?? []).map((m) => (
                <option key={m.code} value={m.code}>
                  {m.name[locale]}
                </option>
              ))}
            </select>
          </div>
          <div className="form-group">
            <label className="label" htmlFor="filter-from">
              {t('audit.from')}
            </label>
            <input
              id="filter-from"
              className="input input--date"
              type="date"
              value={draft.from}
              onChange={set('from')}
            />
          </div>
          <div className="form-group">
            <label className="label" htmlFor="filter-to">
              {t('audit.to')}
            </label>
            <input id="filter-to" className="input input--date" type="date" value={draft.to} onChange={set('to')} />
          </div>
          <div className="filter__actions">
            <button type="submit" className="button">
              {t('missions.apply')}
            </button>
            {filtered ? (
              <Link to="/audit" onClick={() => setDraft(filtersFrom(new URLSearchParams()))}>
                {t('missions.clear')}
              </Link>
            ) : null}
          </div>
        </form>
      </search>

      <LoadError state={results} />

      {data ? (
        <div aria-busy={results.status === 'loading'}>
          <p className="count" role="status">
            <strong>{t('audit.count', { count: data.total, formatted: formatNumber(data.total, locale) })}</strong>
            {data.total > 0
              ? ` · ${t('audit.range', { from: formatNumber(from, locale), to: formatNumber(to, locale), total: formatNumber(data.total, locale) })}`
              : null}
          </p>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to scroll it (WCAG 2.1.1). */}
          <section className="table-wrap" aria-label={t('audit.title')} tabIndex={0}>
            <table className="table table--stack audit-table">
              <caption className="visually-hidden">{t('audit.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col" aria-sort="descending">
                    {t('audit.columns.at')}
                  </th>
                  <th scope="col">{t('audit.columns.action')}</th>
                  <th scope="col">{t('audit.columns.actor')}</th>
                  <th scope="col">{t('audit.columns.record')}</th>
                  <th scope="col">{t('audit.columns.mission')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('audit.columns.details')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((entry) => (
                  <Fragment key={entry.id}>
                    <tr className={open.has(entry.id) ? 'is-open' : undefined}>
                      <td data-label={t('audit.columns.at')} className="nowrap">
                        {formatDateTime(entry.at, locale)}
                      </td>
                      <th scope="row">
                        {ACTION_LABELS[entry.action]?.[locale] ?? entry.action}
                        <span className="muted code">{entry.action}</span>
                      </th>
                      <td data-label={t('audit.columns.actor')}>
                        {entry.actorId ? (
                          <>
                            {entry.actorRole ? <RoleName role={entry.actorRole} /> : null}
                            <Link to={filterHref('actorId', entry.actorId)} className="code id">
                              {entry.actorId}
                            </Link>
                          </>
                        ) : (
                          <span className="muted">{t('audit.system')}</span>
                        )}
                      </td>
                      <td data-label={t('audit.columns.record')}>
                        {entry.recordType ? (
                          <>
                            {entry.recordType}
                            {entry.recordId ? <span className="muted code id">{entry.recordId}</span> : null}
                          </>
                        ) : (
                          <span className="muted">—</span>
                        )}
                      </td>
                      <td data-label={t('audit.columns.mission')}>
                        {entry.missionCode ?? <span className="muted">—</span>}
                      </td>
                      <td>
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          aria-expanded={open.has(entry.id)}
                          aria-controls={`entry-${entry.id}`}
                          onClick={() => toggle(entry.id)}
                        >
                          {open.has(entry.id) ? t('audit.hide') : t('audit.show')}
                          <span className="visually-hidden"> {t('audit.entry', { seq: entry.seq })}</span>
                        </button>
                      </td>
                    </tr>
                    {open.has(entry.id) ? (
                      <tr id={`entry-${entry.id}`} className="audit-details">
                        <td colSpan={6}>
                          <EntryDetails entry={entry} />
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                ))}
              </tbody>
            </table>
          </section>
          {data.items.length === 0 ? <p>{t('audit.none')}</p> : null}
          <Pagination page={data.page} total={data.total} pageSize={data.pageSize} />
        </div>
      ) : null}
    </>
  );
}

// A component, not a helper taking `t`: a `t` passed as a parameter makes the key types too deep for tsc.
function RoleName({ role }: { role: string }) {
  const { t } = useTranslation();
  const known = [
    'citizen',
    'hq_admin',
    'hotline_agent',
    'consular_officer',
    'mission_head',
    'alert_manager',
    'health_issuer',
    'auditor',
  ] as const;
  const match = known.find((r) => r === role);
  return <span className="role">{match ? t(`roles.${match}`) : role}</span>;
}

function EntryDetails({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const details = Object.entries(entry.details);
  return (
    <dl className="summary-list">
      <dt>{t('audit.seq')}</dt>
      <dd>{entry.seq}</dd>
      <dt>{t('audit.reason')}</dt>
      <dd>{entry.reason ?? <span className="muted">—</span>}</dd>
      <dt>{t('audit.ip')}</dt>
      <dd>{entry.ip ?? <span className="muted">—</span>}</dd>
      {details.map(([key, value]) => (
        <Fragment key={key}>
          <dt>
            <code>{key}</code>
          </dt>
          <dd>
            <code className="pre">{typeof value === 'string' ? value : JSON.stringify(value, null, 2)}</code>
          </dd>
        </Fragment>
      ))}
      <dt>{t('audit.hash')}</dt>
      <dd>
        <code className="id">{entry.hash}</code>
      </dd>
    </dl>
  );
}
