import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { LoadError } from '../../lib/load-error.component.tsx';
import { useApi } from '../../lib/use-api.hook.ts';
import { useSessionUser } from '../auth/session.context.tsx';
import { Pagination } from '../missions/pagination.component.tsx';
import { useShortcutsEnabled, useSingleKeyShortcut } from '../settings/shortcuts.store.ts';
import { DesktopNotificationsButton } from './case-alerts.component.tsx';
import { useLiveCaseEvents } from './case-live.ts';
import { CategoryText, PriorityTag, StatusTag } from './case-tags.component.tsx';
import { type CaseFilters, type CasePage, casesPath, filtersFromParams, filtersToParams } from './cases.api.ts';
import { CasesFilter } from './cases-filter.component.tsx';
import { SavedViews } from './saved-views.component.tsx';
import { ShortcutsHelp } from './shortcuts-help.component.tsx';
import { currentSla, SlaBadge, useDuration, useNow } from './sla.component.tsx';
import './cases.css';

/**
 * The case queue: filters in the URL, an SLA column in words and icons, j/k/Enter to move and open, and the list
 * refreshed in place when the live stream says a visible mission's case changed.
 */
export function CasesListPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const user = useSessionUser();
  useDocumentTitle(t('cases.title'));
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params);
  const results = useApi<CasePage>(casesPath(filters));
  const now = useNow();
  const duration = useDuration();
  const searchRef = useRef<HTMLInputElement>(null);
  const tableRef = useRef<HTMLTableSectionElement>(null);
  const shortcuts = useShortcutsEnabled();
  const [selectedId, setSelectedId] = useState<string | null>(null);

  const items = results.data?.items ?? [];
  const itemIds = items.map((c) => c.id).join(',');
  const selectedIndex = items.findIndex((c) => c.id === selectedId);

  const select = useCallback(
    (step: 1 | -1) => {
      const ids = itemIds ? itemIds.split(',') : [];
      if (ids.length === 0) return;
      const index = ids.indexOf(selectedId ?? '');
      const next =
        index === -1 ? (step === 1 ? 0 : ids.length - 1) : Math.min(ids.length - 1, Math.max(0, index + step));
      const id = ids[next] ?? null;
      setSelectedId(id);
      // The case number link takes the focus: Enter then opens it (the browser's own link behaviour, so Enter
      // keeps working on every other control), and screen readers say which case it is.
      tableRef.current?.querySelector<HTMLAnchorElement>(`a[data-case-id="${id}"]`)?.focus();
    },
    [itemIds, selectedId],
  );
  useSingleKeyShortcut(
    'j',
    useCallback(() => select(1), [select]),
  );
  useSingleKeyShortcut(
    'k',
    useCallback(() => select(-1), [select]),
  );
  useSingleKeyShortcut(
    '/',
    useCallback(() => searchRef.current?.focus(), []),
  );

  // A case of a mission in view changed: fetch the page again; the table stays, and so do focus and selection.
  const { retry } = results;
  const missions = user.missions;
  useLiveCaseEvents(
    useCallback(
      (event) => {
        if (missions.length === 0 || missions.includes(event.missionCode)) retry();
      },
      [missions, retry],
    ),
  );

  // The selection follows the case, not the row number; a case that left the page clears it.
  useEffect(() => {
    if (selectedId && itemIds && !itemIds.split(',').includes(selectedId)) setSelectedId(null);
  }, [itemIds, selectedId]);

  const onApply = (next: CaseFilters) => setParams(filtersToParams(next));
  const data = results.data;
  const scoped = user.missions.length > 0;

  return (
    <>
      <h1>{t('cases.title')}</h1>
      <p>{scoped ? t('cases.scopeMissions', { missions: user.missions.join('、') }) : t('cases.scopeAll')}</p>
      <div className="case-toolbar">
        <ShortcutsHelp />
        <DesktopNotificationsButton />
      </div>
      <CasesFilter
        key={params.toString()}
        filters={filters}
        onApply={onApply}
        searchRef={searchRef}
        missions={user.missions}
      />
      <SavedViews params={params} />
      {shortcuts ? <p className="hint">{t('cases.shortcuts.hint')}</p> : null}

      <LoadError state={results} />

      {data ? (
        <div aria-busy={results.status === 'loading'}>
          <p className="count" role="status">
            <strong>
              {data.totalCapped
                ? t('cases.countCapped', { formatted: formatNumber(data.total, locale) })
                : t('cases.count', { count: data.total, formatted: formatNumber(data.total, locale) })}
            </strong>
          </p>
          {data.items.length === 0 ? (
            <p>{t('cases.empty')}</p>
          ) : (
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1).
            <section className="table-wrap" aria-label={t('cases.title')} tabIndex={0}>
              <table className="table table--stack case-queue">
                <caption className="visually-hidden">{t(`cases.caption.${filters.sort}`)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('cases.columns.number')}</th>
                    <th scope="col">{t('cases.columns.priority')}</th>
                    <th scope="col">{t('cases.columns.status')}</th>
                    <th scope="col">{t('cases.columns.sla')}</th>
                    <th scope="col">{t('cases.columns.category')}</th>
                    <th scope="col">{t('cases.columns.subject')}</th>
                    <th scope="col">{t('cases.columns.mission')}</th>
                    <th scope="col">{t('cases.columns.assignee')}</th>
                    <th scope="col">{t('cases.columns.age')}</th>
                  </tr>
                </thead>
                <tbody ref={tableRef}>
                  {data.items.map((kase, index) => {
                    const sla = currentSla(kase.sla);
                    return (
                      <tr key={kase.id} className={index === selectedIndex ? 'case-queue__row--selected' : undefined}>
                        <th scope="row" className="nowrap">
                          <Link to={`/cases/${kase.id}`} data-case-id={kase.id} onFocus={() => setSelectedId(kase.id)}>
                            {kase.number}
                          </Link>
                        </th>
                        <td data-label={t('cases.columns.priority')}>
                          <PriorityTag priority={kase.priority} />
                        </td>
                        <td data-label={t('cases.columns.status')}>
                          <StatusTag status={kase.status} />
                        </td>
                        <td data-label={t('cases.columns.sla')}>
                          <SlaBadge state={sla.state} dueAt={sla.dueAt} now={now} />
                        </td>
                        <td data-label={t('cases.columns.category')}>
                          <CategoryText category={kase.category} />
                        </td>
                        <td data-label={t('cases.columns.subject')}>{kase.subjectName}</td>
                        <td data-label={t('cases.columns.mission')}>
                          <span className="code">{kase.missionCode}</span>
                        </td>
                        <td data-label={t('cases.columns.assignee')}>
                          {kase.assignedTo?.name ?? <span className="muted">{t('cases.unassigned')}</span>}
                        </td>
                        <td className="nowrap" data-label={t('cases.columns.age')}>
                          <time dateTime={kase.openedAt} title={formatDateTime(kase.openedAt, locale)}>
                            {duration(now - new Date(kase.openedAt).getTime(), { coarse: true })}
                          </time>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </section>
          )}
          <Pagination page={data.page} total={data.total} pageSize={data.pageSize} />
        </div>
      ) : results.status === 'loading' ? (
        <p role="status" aria-busy="true">
          …
        </p>
      ) : null}
    </>
  );
}
