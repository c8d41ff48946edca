import { BUSINESS_SECTORS } from '@homeward/shared';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatNumber } from '../../lib/format.ts';
import { LoadError } from '../../lib/load-error.component.tsx';
import { useApi } from '../../lib/use-api.hook.ts';
import { EnterpriseAssessmentSection } from '../guidance/enterprise-assessment.section.tsx';
import { Pagination } from '../missions/pagination.component.tsx';
import { type EnterpriseSiteDetail, type StaffMemberPage, sitePath, siteStaffPath } from './enterprises.api.ts';
import './enterprises.css';

/** One site of an enterprise: where, who to call, how many nationals, and its staff list. Reading it is audited. */
export function EnterpriseSitePage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { siteId = '' } = useParams();
  const [params] = useSearchParams();
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const detail = useApi<EnterpriseSiteDetail>(sitePath(siteId));
  const staff = useApi<StaffMemberPage>(detail.data ? siteStaffPath(siteId, page) : null);
  const data = detail.data;
  useDocumentTitle(data ? data.site.name : t('enterprises.title'));

  return (
    <>
      <p>
        <Link to="/enterprises">{t('enterprises.back')}</Link>
      </p>
      {detail.status === 'error' && detail.error.status === 404 ? (
        <>
          <h1>{t('enterprises.notFoundTitle')}</h1>
          <p>{t('enterprises.notFound')}</p>
        </>
      ) : (
        <LoadError state={detail} />
      )}
      {data ? (
        <>
          <h1>{data.site.name}</h1>
          <p className="hint">{t('enterprises.audited')}</p>
          <dl className="summary-list">
            <div>
              <dt>{t('enterprises.columns.enterprise')}</dt>
              <dd>{data.organisation.name}</dd>
            </div>
            <div>
              <dt>{t('enterprises.registrationNumber')}</dt>
              <dd>{data.organisation.registrationNumber ?? '—'}</dd>
            </div>
            <div>
              <dt>{t('enterprises.columns.sector')}</dt>
              <dd>{data.organisation.sector ? BUSINESS_SECTORS[data.organisation.sector][locale] : '—'}</dd>
            </div>
            <div>
              <dt>{t('enterprises.columns.place')}</dt>
              <dd>
                {[data.site.cityName, data.site.regionName, data.site.countryName[locale]].filter(Boolean).join(', ')}
              </dd>
            </div>
            <div>
              <dt>{t('enterprises.mission')}</dt>
              <dd>{data.missionCode ? <span className="code">{data.missionCode}</span> : '—'}</dd>
            </div>
            <div>
              <dt>{t('enterprises.columns.headcount')}</dt>
              <dd>{formatNumber(data.site.headcount, locale)}</dd>
            </div>
            <div>
              <dt>{t('enterprises.columns.staff')}</dt>
              <dd>{formatNumber(data.site.staffCount, locale)}</dd>
            </div>
          </dl>
          <h2>{t('enterprises.securityContact')}</h2>
          <dl className="summary-list">
            <div>
              <dt>{t('enterprises.contactName')}</dt>
              <dd>{data.site.securityContactName ?? '—'}</dd>
            </div>
            <div>
              <dt>{t('enterprises.contactPhone')}</dt>
              <dd>
                {data.site.securityContactPhone ? (
                  <a href={`tel:${data.site.securityContactPhone}`}>{data.site.securityContactPhone}</a>
                ) : (
                  '—'
                )}
              </dd>
            </div>
            <div>
              <dt>{t('enterprises.contactEmail')}</dt>
              <dd>
                {data.site.securityContactEmail ? (
                  <a href={`mailto:${data.site.securityContactEmail}`}>{data.site.securityContactEmail}</a>
                ) : (
                  '—'
                )}
              </dd>
            </div>
          </dl>
          <EnterpriseAssessmentSection siteId={siteId} />
          <h2>{t('enterprises.staffHeading')}</h2>
          <LoadError state={staff} />
          {staff.data ? (
            staff.data.total === 0 ? (
              <p>{t('enterprises.noStaff')}</p>
            ) : (
              <>
                {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1). */}
                <section className="table-wrap" aria-label={t('enterprises.staffHeading')} tabIndex={0}>
                  <table className="table">
                    <caption className="visually-hidden">{t('enterprises.staffHeading')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('enterprises.staffColumns.name')}</th>
                        <th scope="col">{t('enterprises.staffColumns.role')}</th>
                        <th scope="col">{t('enterprises.staffColumns.passport')}</th>
                        <th scope="col">{t('enterprises.staffColumns.phone')}</th>
                        <th scope="col">{t('enterprises.staffColumns.email')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {staff.data.items.map((m) => (
                        <tr key={m.id}>
                          <th scope="row">
                            {m.familyName} {m.givenName}
                            {m.nativeName ? <span lang="zh-CN"> {m.nativeName}</span> : null}
                          </th>
                          <td>{m.role ?? '—'}</td>
                          <td>{m.passportNumber ?? '—'}</td>
                          <td>{m.phone ?? '—'}</td>
                          <td>{m.email ?? '—'}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </section>
                <Pagination page={staff.data.page} total={staff.data.total} pageSize={staff.data.pageSize} />
              </>
            )
          ) : null}
        </>
      ) : null}
    </>
  );
}
