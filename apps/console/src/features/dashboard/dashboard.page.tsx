import { CASE_CATEGORIES, type Locale } from '@homeward/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { LoadError } from '../../lib/load-error.component.tsx';
import { useApi } from '../../lib/use-api.hook.ts';
import { BarTable, DailyChart } from './charts.component.tsx';
import { type CaseDashboard, DASHBOARD_PATH, MISSIONS_PATH, type MissionPage } from './dashboard.api.ts';
import './dashboard.css';

function useMissionName(locale: Locale): (code: string) => string {
  const missions = useApi<MissionPage>(MISSIONS_PATH);
  const names = useMemo(
    () => new Map((missions.data?.items ?? []).map((m) => [m.code, m.name[locale]])),
    [missions.data, locale],
  );
  return (code) => {
    const name = names.get(code);
    return name ? `${name} (${code})` : code;
  };
}

/** One headline figure, linked to the case list showing those cases. */
function Figure({ label, value, to, tone }: { label: string; value: number; to: string; tone?: 'red' | 'amber' }) {
  const locale = currentLocale();
  return (
    <div className={tone ? `figure figure--${tone}` : 'figure'}>
      <dt className="figure__label">{label}</dt>
      <dd className="figure__value">
        <Link to={to}>{formatNumber(value, locale)}</Link>
      </dd>
    </div>
  );
}

/**
 * The case dashboard: open cases by mission, category and priority, SLA breaches, cases opened and hotline calls
 * per day. Headquarters sees every mission; a head of mission their own. Every chart is also a table.
 */
export function DashboardPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  useDocumentTitle(t('dashboard.title'));
  const state = useApi<CaseDashboard>(DASHBOARD_PATH);
  const missionName = useMissionName(locale);
  const data = state.data;

  return (
    <>
      <h1>{t('dashboard.title')}</h1>
      <LoadError state={state} />
      {data === null ? (
        state.status === 'loading' ? (
          <p role="status">{t('app.loading')}</p>
        ) : null
      ) : (
        <>
          <p>
            {data.missions === null
              ? t('dashboard.scopeAll')
              : t('dashboard.scopeMissions', { missions: data.missions.map(missionName).join(', ') })}
          </p>
          <div className="dashboard__updated">
            <p aria-live="polite">
              {state.status === 'loading'
                ? t('app.loading')
                : t('dashboard.updated', { time: formatDateTime(data.generatedAt, locale) })}
            </p>
            <button type="button" className="button button--secondary" onClick={state.retry}>
              {t('dashboard.refresh')}
            </button>
          </div>

          <dl className="figures">
            <Figure label={t('dashboard.open')} value={data.openTotal} to="/cases" />
            <Figure label={t('dashboard.slaRed')} value={data.sla.red} to="/cases?sla=red&sort=sla" tone="red" />
            <Figure
              label={t('dashboard.slaAmber')}
              value={data.sla.amber}
              to="/cases?sla=amber&sort=sla"
              tone="amber"
            />
          </dl>

          <div className="dashboard__grid">
            <section aria-labelledby="by-mission">
              <h2 id="by-mission">{t('dashboard.byMission')}</h2>
              {data.openByMission.length === 0 ? (
                <p>{t('dashboard.noneOpen')}</p>
              ) : (
                <BarTable
                  caption={t('dashboard.byMissionCaption')}
                  labelHeader={t('dashboard.mission')}
                  rows={data.openByMission.map((m) => ({
                    key: m.missionCode,
                    label: missionName(m.missionCode),
                    count: m.count,
                  }))}
                />
              )}
            </section>

            <section aria-labelledby="sla">
              <h2 id="sla">{t('dashboard.slaTitle')}</h2>
              {data.sla.byMission.length === 0 ? (
                <p>{t('dashboard.slaNone')}</p>
              ) : (
                <div className="table-wrap">
                  <table className="table">
                    <caption className="bar-table__caption">{t('dashboard.slaCaption')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('dashboard.mission')}</th>
                        <th scope="col" className="bar-table__count">
                          {t('dashboard.slaRedShort')}
                        </th>
                        <th scope="col" className="bar-table__count">
                          {t('dashboard.slaAmberShort')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.sla.byMission.map((m) => (
                        <tr key={m.missionCode}>
                          <th scope="row">{missionName(m.missionCode)}</th>
                          <td className="bar-table__count">
                            <span className={m.red > 0 ? 'sla-count sla-count--red' : 'sla-count'}>
                              {formatNumber(m.red, locale)}
                            </span>
                          </td>
                          <td className="bar-table__count">
                            <span className={m.amber > 0 ? 'sla-count sla-count--amber' : 'sla-count'}>
                              {formatNumber(m.amber, locale)}
                            </span>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>

            <section aria-labelledby="by-priority">
              <h2 id="by-priority">{t('dashboard.byPriority')}</h2>
              <BarTable
                caption={t('dashboard.byPriorityCaption')}
                labelHeader={t('dashboard.priority')}
                tone="red"
                rows={data.openByPriority.map((p) => ({
                  key: p.priority,
                  label: t(`cases.priority.${p.priority}`),
                  count: p.count,
                }))}
              />
            </section>

            <section aria-labelledby="by-category">
              <h2 id="by-category">{t('dashboard.byCategory')}</h2>
              <BarTable
                caption={t('dashboard.byCategoryCaption')}
                labelHeader={t('dashboard.category')}
                rows={data.openByCategory.map((c) => ({
                  key: c.category,
                  label: CASE_CATEGORIES[c.category][locale],
                  count: c.count,
                }))}
              />
            </section>

            <section aria-labelledby="per-day" className="dashboard__wide">
              <h2 id="per-day">{t('dashboard.perDay')}</h2>
              <div className="dashboard__pair">
                <DailyChart title={t('dashboard.casesPerDay')} days={data.casesPerDay} />
                <DailyChart title={t('dashboard.callsPerDay')} days={data.callsPerDay} />
              </div>
            </section>
          </div>
        </>
      )}
    </>
  );
}
