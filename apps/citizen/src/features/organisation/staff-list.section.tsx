import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatNumber } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { phoneForPeople } from '../accounts/phone.ts';
import { Pagination } from '../missions/pagination.component.tsx';
import { LoadFailed } from '../offline/offline.component.tsx';
import { type StaffMemberPage, staffPath } from './organisation.api.ts';

const PAGE_SIZE = 20;

/** The organisation's current staff list, searchable by name or passport number, 20 a page (page in the URL). */
export function StaffListSection({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  const staff = useApi<StaffMemberPage>(staffPath(organisationId, page, q), { keepOnDevice: false });
  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams(params);
    next.delete('page');
    if (text.trim()) next.set('q', text.trim());
    else next.delete('q');
    setParams(next);
  };

  return (
    <section aria-labelledby="org-staff" className="section-gap">
      <h2 id="org-staff">{t('organisation.staff.listHeading')}</h2>
      <form className="search-form" onSubmit={onSearch}>
        <label className="label" htmlFor="staff-q">
          {t('organisation.staff.search')}
        </label>
        <div className="org-search">
          <input id="staff-q" className="input" value={text} onChange={(e) => setText(e.target.value)} />
          <button type="submit" className="button button--secondary">
            {t('organisation.site.search')}
          </button>
        </div>
      </form>
      {staff.status === 'error' ? (
        <LoadFailed onRetry={staff.retry} />
      ) : !staff.data ? (
        <p role="status" className="hint">
          {t('common.loading')}
        </p>
      ) : staff.data.total === 0 ? (
        <p>{q ? t('organisation.staff.noMatch') : t('organisation.staff.none')}</p>
      ) : (
        <>
          <p className="result-count" role="status">
            {t('organisation.staff.total', {
              count: staff.data.total,
              formatted: formatNumber(staff.data.total, locale),
            })}
          </p>
          <div className="org-table-wrap">
            <table className="org-table">
              <caption className="visually-hidden">{t('organisation.staff.listHeading')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('organisation.staff.name')}</th>
                  <th scope="col">{t('organisation.staff.site')}</th>
                  <th scope="col">{t('organisation.staff.contact')}</th>
                </tr>
              </thead>
              <tbody>
                {staff.data.items.map((m) => (
                  <tr key={m.id}>
                    <td>
                      {m.familyName} {m.givenName}
                      {m.nativeName ? ` (${m.nativeName})` : ''}
                      {m.role ? <div className="hint">{m.role}</div> : null}
                    </td>
                    <td>{m.siteName}</td>
                    <td>{[m.phone ? phoneForPeople(m.phone) : null, m.email].filter(Boolean).join(' · ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination page={page} total={staff.data.total} pageSize={PAGE_SIZE} />
        </>
      )}
    </section>
  );
}
