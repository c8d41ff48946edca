import type { Country } from '@homeward/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { COUNTRIES_PATH } from '../missions/missions.api.ts';
import { formatDay } from './registrant-format.ts';
import { type RegistrantDetail, registrantPath } from './registrants.api.ts';
import './registrants.css';

/**
 * One registered person: who they are, how to reach them, where they and their family are, and which mission
 * answers for each place. Opening it is audited; a person outside the reader's districts answers 404 like a
 * missing one, and the page says both in one sentence.
 */
export function RegistrantPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { id = '' } = useParams();
  const result = useApi<RegistrantDetail>(registrantPath(id));
  const countries = useApi<Country[]>(COUNTRIES_PATH);
  const names = useMemo(
    () => new Map((countries.data ?? []).map((c) => [c.code, c.name[locale]])),
    [countries.data, locale],
  );
  const country = (code: string | null) => (code ? (names.get(code) ?? code) : '—');
  const data = result.data;
  const notFound = result.status === 'error' && (result.error.status === 404 || result.error.status === 400);
  const fullName = data ? `${data.person.familyName} ${data.person.givenName}` : '';
  useDocumentTitle(notFound ? t('registrants.person.notFoundTitle') : fullName || t('registrants.person.title'));
  const dependentName = (dependentId: string | null) => {
    if (!dependentId || !data) return fullName;
    const d = data.dependents.find((x) => x.id === dependentId);
    return d ? `${d.familyName} ${d.givenName}` : '—';
  };
  const dash = (value: string | null | undefined) => value || '—';

  return (
    <>
      <p>
        <Link to="/registrants" className="back-link">
          {t('registrants.person.back')}
        </Link>
      </p>
      {notFound ? (
        <>
          <h1>{t('registrants.person.notFoundTitle')}</h1>
          <p>{t('registrants.person.notFoundText')}</p>
        </>
      ) : result.status === 'error' ? (
        <div className="notice" role="alert">
          <p>{result.error.problem?.title ?? t('errors.network')}</p>
          <button type="button" className="button button--secondary" onClick={result.retry}>
            {t('errors.retry')}
          </button>
        </div>
      ) : data ? (
        <>
          <h1>
            {fullName}
            {data.person.nativeName ? (
              <>
                {' '}
                <span lang="zh-CN">{data.person.nativeName}</span>
              </>
            ) : null}
          </h1>
          <p className="hint">{t('registrants.person.auditNote')}</p>
          <dl className="summary-list">
            <dt>{t('registrants.person.birthDate')}</dt>
            <dd>{data.person.birthDate ? formatDay(data.person.birthDate, locale) : '—'}</dd>
            <dt>{t('registrants.person.sex')}</dt>
            <dd>{data.person.sex ? t(`registrants.sex.${data.person.sex as 'F' | 'M' | 'X'}`) : '—'}</dd>
            <dt>{t('registrants.person.passport')}</dt>
            <dd>
              {data.person.passportNumber ?? '—'}
              {data.person.passportExpiry
                ? ` ${t('registrants.person.expires', { day: formatDay(data.person.passportExpiry, locale) })}`
                : null}
            </dd>
            <dt>{t('registrants.person.nationality')}</dt>
            <dd>{country(data.person.nationality)}</dd>
            <dt>{t('registrants.person.language')}</dt>
            <dd>{data.person.locale === 'en' ? <span lang="en">English</span> : <span lang="zh-CN">中文</span>}</dd>
            <dt>{t('registrants.person.account')}</dt>
            <dd>{data.person.hasAccount ? t('registrants.person.hasAccount') : t('registrants.person.noAccount')}</dd>
            <dt>{t('registrants.person.updated')}</dt>
            <dd>{formatDateTime(data.person.updatedAt, locale)}</dd>
          </dl>

          <h2>{t('registrants.person.presences')}</h2>
          {data.presences.length === 0 ? (
            <p>{t('registrants.person.none')}</p>
          ) : (
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1).
            <section className="table-wrap" aria-label={t('registrants.person.presences')} tabIndex={0}>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('registrants.columns.who')}</th>
                    <th scope="col">{t('registrants.columns.place')}</th>
                    <th scope="col">{t('registrants.columns.kind')}</th>
                    <th scope="col">{t('registrants.columns.dates')}</th>
                    <th scope="col">{t('registrants.columns.mission')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.presences.map((p) => (
                    <tr key={p.id}>
                      <td>{dependentName(p.dependentId)}</td>
                      <td>
                        {[p.cityName, p.regionCode, country(p.countryCode)]
                          .filter(Boolean)
                          .join(locale === 'zh-CN' ? '，' : ', ')}
                        {p.precise ? <span className="tag tag--inline">{t('registrants.person.precise')}</span> : null}
                        {p.purpose ? <div className="hint">{p.purpose}</div> : null}
                      </td>
                      <td>{t(`registrants.kind.${p.kind}`)}</td>
                      <td className="nowrap">
                        {p.departureOn
                          ? t('registrants.fromTo', {
                              from: formatDay(p.arrivalOn, locale),
                              to: formatDay(p.departureOn, locale),
                            })
                          : t('registrants.since', { from: formatDay(p.arrivalOn, locale) })}
                      </td>
                      <td>
                        {p.missionCode ? <span className="code">{p.missionCode}</span> : t('registrants.noMission')}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}

          <h2>{t('registrants.person.channels')}</h2>
          {data.channels.length === 0 ? (
            <p>{t('registrants.person.none')}</p>
          ) : (
            <ul className="plain-list">
              {data.channels.map((c) => (
                <li key={`${c.kind}:${c.address}`}>
                  {t(`registrants.channel.${c.kind as 'email' | 'sms' | 'voice' | 'push'}`)}
                  {locale === 'zh-CN' ? '：' : ': '}
                  {c.address} {c.verified ? t('registrants.person.verified') : null}
                </li>
              ))}
            </ul>
          )}

          <h2>{t('registrants.person.dependents')}</h2>
          {data.dependents.length === 0 ? (
            <p>{t('registrants.person.none')}</p>
          ) : (
            <ul className="plain-list">
              {data.dependents.map((d) => (
                <li key={d.id}>
                  {d.familyName} {d.givenName}
                  {d.nativeName ? (
                    <>
                      {' '}
                      <span lang="zh-CN">{d.nativeName}</span>
                    </>
                  ) : null}{' '}
                  ({d.relationship}
                  {d.birthDate ? `, ${formatDay(d.birthDate, locale)}` : ''})
                </li>
              ))}
            </ul>
          )}

          <h2>{t('registrants.person.contacts')}</h2>
          {data.emergencyContacts.length === 0 ? (
            <p>{t('registrants.person.none')}</p>
          ) : (
            <ul className="plain-list">
              {data.emergencyContacts.map((c) => (
                <li key={`${c.name}:${c.phone}:${c.email}`}>
                  {c.name} ({c.relationship}) {dash(c.phone)} {dash(c.email)}
                </li>
              ))}
            </ul>
          )}

          <h2>{t('registrants.person.subscriptions')}</h2>
          <p>
            {data.subscriptions.length === 0
              ? t('registrants.person.none')
              : data.subscriptions.map(country).join(locale === 'zh-CN' ? '、' : ', ')}
          </p>

          <h2>{t('registrants.person.businesses')}</h2>
          {data.businesses.length === 0 ? (
            <p>{t('registrants.person.none')}</p>
          ) : (
            <ul className="plain-list">
              {data.businesses.map((b) => (
                <li key={`${b.businessId}:${b.siteName}`}>
                  {b.businessName}
                  {b.siteName ? ` — ${b.siteName}, ${country(b.countryCode)}` : ''}
                  {b.role ? ` (${b.role})` : ''}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : (
        <p role="status" aria-busy="true">
          {t('app.loading')}
        </p>
      )}
    </>
  );
}
