import { CASE_CATEGORIES, CASE_PRIORITIES, CASE_STATUSES, type IncidentPage } from '@homeward/shared';
import { type FormEvent, type RefObject, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { currentLocale } from '../../i18n/i18n.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { CASE_CATEGORY_KEYS, CASE_STATUS_KEYS, type CaseFilters, isCaseStatus } from './cases.api.ts';

/**
 * The queue's filters (MOJ filter pattern): nothing applies until "Apply", and every choice goes to the URL,
 * so a view can be shared. `allMissions` people (HQ, hotline) may pick any mission; others see theirs only.
 */
export function CasesFilter({
  filters,
  onApply,
  searchRef,
  missions,
}: {
  filters: CaseFilters;
  onApply: (next: CaseFilters) => void;
  searchRef: RefObject<HTMLInputElement | null>;
  /** The missions the person serves; empty for those who see every mission. */
  missions: string[];
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [draft, setDraft] = useState(filters);
  // When the address changes under the form (a saved view, back and forward), the form shows the new filters.
  const [shown, setShown] = useState(filters);
  if (JSON.stringify(shown) !== JSON.stringify(filters)) {
    setShown(filters);
    setDraft(filters);
  }
  const incidents = useApi<IncidentPage>('/api/v1/incidents?pageSize=100');
  const set = <K extends keyof CaseFilters>(key: K, value: CaseFilters[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onApply({ ...draft, q: draft.q.trim(), missionCode: draft.missionCode.trim().toUpperCase(), page: 1 });
  };
  const toggleStatus = (status: string, on: boolean) => {
    if (!isCaseStatus(status)) return;
    set('status', on ? [...draft.status, status] : draft.status.filter((s) => s !== status));
  };
  // Everything but the search box, counted for the summary line of the folded filters.
  const narrowed = [
    filters.status.length > 0,
    filters.priority,
    filters.category,
    filters.missionCode,
    filters.mine,
    filters.sla,
    filters.incidentId,
    filters.sort !== 'newest',
  ].filter(Boolean).length;
  // Open on a wide screen; on a phone folded unless some are in use, so the queue is near the top.
  const [more, setMore] = useState(
    () => narrowed > 0 || typeof window.matchMedia !== 'function' || window.matchMedia('(min-width: 40rem)').matches,
  );
  const filtered =
    filters.q ||
    filters.status.length > 0 ||
    filters.priority ||
    filters.category ||
    filters.missionCode ||
    filters.mine ||
    filters.sla ||
    filters.incidentId;

  return (
    <search className="filter case-filter">
      <form onSubmit={onSubmit} className="case-filter__form">
        <div className="form-group case-filter__search">
          <label className="label" htmlFor="case-q">
            {t('cases.filter.search')}
          </label>
          <p className="hint" id="case-q-hint">
            {t('cases.filter.searchHint')}
          </p>
          <input
            ref={searchRef}
            id="case-q"
            type="search"
            className="input"
            autoComplete="off"
            aria-describedby="case-q-hint"
            value={draft.q}
            onChange={(event) => set('q', event.target.value)}
          />
        </div>
        <details className="case-filter__more" open={more} onToggle={(event) => setMore(event.currentTarget.open)}>
          <summary className="case-filter__summary">
            {t('cases.filter.more')}
            {narrowed > 0 ? ` (${t('cases.filter.active', { count: narrowed })})` : ''}
          </summary>
          <div className="case-filter__grid">
            <fieldset className="fieldset case-filter__statuses">
              <legend className="label">{t('cases.status')}</legend>
              <div className="case-filter__checks">
                {CASE_STATUS_KEYS.map((key) => (
                  <div className="checkbox" key={key}>
                    <input
                      id={`case-status-${key}`}
                      type="checkbox"
                      checked={draft.status.includes(key)}
                      onChange={(event) => toggleStatus(key, event.target.checked)}
                    />
                    <label htmlFor={`case-status-${key}`}>{CASE_STATUSES[key][locale]}</label>
                  </div>
                ))}
              </div>
            </fieldset>
            <div className="form-group">
              <label className="label" htmlFor="case-priority">
                {t('cases.columns.priority')}
              </label>
              <select
                id="case-priority"
                className="select"
                value={draft.priority}
                onChange={(event) => set('priority', event.target.value as CaseFilters['priority'])}
              >
                <option value="">{t('cases.filter.any')}</option>
                {CASE_PRIORITIES.map((p) => (
                  <option key={p} value={p}>
                    {t(`cases.priority.${p}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="form-group">
              <label className="label" htmlFor="case-category">
                {t('cases.columns.category')}
              </label>
              <select
                id="case-category"
                className="select"
                value={draft.category}
                onChange={(event) => set('category', event.target.value as CaseFilters['category'])}
              >
                <option value="">{t('cases.filter.any')}</option>
                {CASE_CATEGORY_KEYS.map((key) => (
                  <option key={key} value={key}>
                    {CASE_CATEGORIES[key][locale]}
                  </option>
                ))}
              </select>
            </div>
            <div className="form-group">
              <label className="label" htmlFor="case-sla">
                {t('cases.columns.sla')}
              </label>
              <select
                id="case-sla"
                className="select"
                value={draft.sla}
                onChange={(event) => set('sla', event.target.value as CaseFilters['sla'])}
              >
                <option value="">{t('cases.filter.any')}</option>
                <option value="amber">{t('cases.filter.slaAmber')}</option>
                <option value="red">{t('cases.filter.slaRed')}</option>
              </select>
            </div>
            {missions.length === 1 ? null : (
              <div className="form-group">
                <label className="label" htmlFor="case-mission">
                  {t('cases.mission')}
                </label>
                {missions.length === 0 ? (
                  <>
                    <p className="hint" id="case-mission-hint">
                      {t('cases.missionHint')}
                    </p>
                    <input
                      id="case-mission"
                      className="input input--short"
                      autoComplete="off"
                      aria-describedby="case-mission-hint"
                      value={draft.missionCode}
                      onChange={(event) => set('missionCode', event.target.value)}
                    />
                  </>
                ) : (
                  <select
                    id="case-mission"
                    className="select"
                    value={draft.missionCode}
                    onChange={(event) => set('missionCode', event.target.value)}
                  >
                    <option value="">{t('cases.filter.allMine')}</option>
                    {missions.map((code) => (
                      <option key={code} value={code}>
                        {code}
                      </option>
                    ))}
                  </select>
                )}
              </div>
            )}
            <div className="form-group">
              <label className="label" htmlFor="case-incident">
                {t('cases.columns.incident')}
              </label>
              <select
                id="case-incident"
                className="select"
                value={draft.incidentId}
                onChange={(event) => set('incidentId', event.target.value)}
              >
                <option value="">{t('cases.filter.any')}</option>
                {(incidents.data?.items ?? []).map((incident) => (
                  <option key={incident.id} value={incident.id}>
                    {incident.title}
                  </option>
                ))}
              </select>
            </div>
            <div className="form-group">
              <label className="label" htmlFor="case-sort">
                {t('cases.filter.sort')}
              </label>
              <select
                id="case-sort"
                className="select"
                value={draft.sort}
                onChange={(event) => set('sort', event.target.value as CaseFilters['sort'])}
              >
                <option value="newest">{t('cases.filter.sortNewest')}</option>
                <option value="oldest">{t('cases.filter.sortOldest')}</option>
                <option value="sla">{t('cases.filter.sortSla')}</option>
              </select>
            </div>
            <div className="checkbox case-filter__mine">
              <input
                id="case-mine"
                type="checkbox"
                checked={draft.mine}
                onChange={(event) => set('mine', event.target.checked)}
              />
              <label htmlFor="case-mine">{t('cases.filter.mine')}</label>
            </div>
          </div>
        </details>
        <div className="filter__actions">
          <button type="submit" className="button">
            {t('cases.apply')}
          </button>
          {filtered ? (
            <Link
              to="/cases"
              onClick={() =>
                setDraft({
                  q: '',
                  status: [],
                  priority: '',
                  category: '',
                  missionCode: '',
                  mine: false,
                  sla: '',
                  incidentId: '',
                  sort: filters.sort,
                  page: 1,
                })
              }
            >
              {t('cases.clear')}
            </Link>
          ) : null}
        </div>
      </form>
    </search>
  );
}
