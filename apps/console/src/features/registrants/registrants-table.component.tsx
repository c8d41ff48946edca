import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatNumber } from '../../lib/format.ts';
import type { ApiState } from '../../lib/use-api.hook.ts';
import { Pagination } from '../missions/pagination.component.tsx';
import { formatDay } from './registrant-format.ts';
import type { RegistrantPage } from './registrants.api.ts';

/** The people the filters select, where they are on the day, with the mission that answers there. */
export function RegistrantsTable({
  state,
  countryName,
}: {
  state: ApiState<RegistrantPage>;
  countryName: (code: string) => string;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const data = state.data;
  if (!data) {
    return state.status === 'loading' ? (
      <p role="status" aria-busy="true">
        {t('app.loading')}
      </p>
    ) : null;
  }
  return (
    <div aria-busy={state.status === 'loading'}>
      <p className="count" role="status">
        <strong>
          {t('registrants.people.count', { count: data.total, formatted: formatNumber(data.total, locale) })}
        </strong>
      </p>
      {data.items.length === 0 ? (
        <p>{t('registrants.people.empty')}</p>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1).
        <section className="table-wrap" aria-label={t('registrants.people.heading')} tabIndex={0}>
          <table className="table">
            <caption className="visually-hidden">{t('registrants.people.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('registrants.columns.name')}</th>
                <th scope="col">{t('registrants.columns.place')}</th>
                <th scope="col">{t('registrants.columns.kind')}</th>
                <th scope="col">{t('registrants.columns.dates')}</th>
                <th scope="col">{t('registrants.columns.mission')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((row) => (
                <tr key={row.presenceId}>
                  <th scope="row">
                    <Link to={`/registrants/${row.personId}`}>
                      {row.familyName} {row.givenName}
                    </Link>
                    {row.nativeName ? (
                      <>
                        {' '}
                        <span lang="zh-CN">{row.nativeName}</span>
                      </>
                    ) : null}
                    {row.dependentId ? <span className="tag tag--inline">{t('registrants.dependentTag')}</span> : null}
                  </th>
                  <td>
                    {[row.cityName, row.regionCode, countryName(row.countryCode)]
                      .filter(Boolean)
                      .join(locale === 'zh-CN' ? '，' : ', ')}
                  </td>
                  <td>{t(`registrants.kind.${row.kind}`)}</td>
                  <td className="nowrap">
                    {row.departureOn
                      ? t('registrants.fromTo', {
                          from: formatDay(row.arrivalOn, locale),
                          to: formatDay(row.departureOn, locale),
                        })
                      : t('registrants.since', { from: formatDay(row.arrivalOn, locale) })}
                  </td>
                  <td>
                    {row.missionCode ? <span className="code">{row.missionCode}</span> : t('registrants.noMission')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <Pagination page={data.page} total={data.total} pageSize={data.pageSize} />
    </div>
  );
}
