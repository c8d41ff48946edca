import './certificates.css';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { LoadError } from '../../lib/load-error.component.tsx';
import { useApi } from '../../lib/use-api.hook.ts';
import { useSessionUser } from '../auth/session.context.tsx';
import { Pagination } from '../missions/pagination.component.tsx';
import { CertificateStatusTag, holderName } from './certificate-status.component.tsx';
import {
  CERTIFICATE_TYPES,
  certificatesPath,
  type HealthCertificatePage,
  isCertificateType,
} from './certificates.api.ts';

/** Health certificates, newest first, searched by name or certificate number; the search is in the URL. */
export function CertificatesListPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const user = useSessionUser();
  useDocumentTitle(t('certificates.title'));
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const typeParam = params.get('type');
  const type = isCertificateType(typeParam) ? typeParam : '';
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const [draftQ, setDraftQ] = useState(q);
  const [draftType, setDraftType] = useState<string>(type);
  const results = useApi<HealthCertificatePage>(certificatesPath({ q, type, page }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draftQ.trim()) next.set('q', draftQ.trim());
    if (draftType) next.set('type', draftType);
    setParams(next);
  };

  const data = results.data;
  return (
    <>
      <h1>{t('certificates.title')}</h1>
      <p>{t('certificates.intro')}</p>
      {user.role === 'hq_admin' ? (
        <p>
          <Link to="/certificates/signers">{t('certificates.signers.link')}</Link>
        </p>
      ) : null}
      {user.role === 'health_issuer' ? (
        <p>
          <Link to="/certificates/new" className="button">
            {t('certificates.issueLink')}
          </Link>
        </p>
      ) : null}
      <search className="filter">
        <form onSubmit={onSubmit} className="filter__form">
          <div className="form-group">
            <label className="label" htmlFor="certificate-q">
              {t('certificates.search')}
            </label>
            <p className="hint" id="certificate-q-hint">
              {t('certificates.searchHint')}
            </p>
            <input
              id="certificate-q"
              className="input"
              autoComplete="off"
              spellCheck={false}
              value={draftQ}
              aria-describedby="certificate-q-hint"
              onChange={(event) => setDraftQ(event.target.value)}
            />
          </div>
          <div className="form-group">
            <label className="label" htmlFor="certificate-type">
              {t('certificates.type')}
            </label>
            <select
              id="certificate-type"
              className="select"
              value={draftType}
              onChange={(event) => setDraftType(event.target.value)}
            >
              <option value="">{t('certificates.anyType')}</option>
              {CERTIFICATE_TYPES.map((key) => (
                <option key={key} value={key}>
                  {t(`certificates.types.${key}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="filter__actions">
            <button type="submit" className="button">
              {t('certificates.apply')}
            </button>
            {q || type ? (
              <Link
                to="/certificates"
                onClick={() => {
                  setDraftQ('');
                  setDraftType('');
                }}
              >
                {t('certificates.clear')}
              </Link>
            ) : null}
          </div>
        </form>
      </search>

      <LoadError state={results} />

      {data ? (
        <div aria-busy={results.status === 'loading'}>
          <p className="count" role="status">
            <strong>
              {t('certificates.count', { count: data.total, formatted: formatNumber(data.total, locale) })}
            </strong>
          </p>
          {data.items.length === 0 ? (
            <p>{t('certificates.empty')}</p>
          ) : (
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1).
            <section className="table-wrap" aria-label={t('certificates.title')} tabIndex={0}>
              <table className="table">
                <caption className="visually-hidden">{t('certificates.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('certificates.columns.holder')}</th>
                    <th scope="col">{t('certificates.columns.birthDate')}</th>
                    <th scope="col">{t('certificates.columns.type')}</th>
                    <th scope="col">{t('certificates.columns.status')}</th>
                    <th scope="col">{t('certificates.columns.issued')}</th>
                    <th scope="col">{t('certificates.columns.uci')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((certificate) => (
                    <tr key={certificate.id}>
                      <th scope="row">
                        <Link to={`/certificates/${certificate.id}`}>{holderName(certificate)}</Link>
                      </th>
                      <td className="nowrap">{certificate.holder.birthDate}</td>
                      <td>{t(`certificates.types.${certificate.type}`)}</td>
                      <td>
                        <CertificateStatusTag status={certificate.status} />
                      </td>
                      <td className="nowrap">{formatDateTime(certificate.issuedAt, locale)}</td>
                      <td>
                        <span className="code">{certificate.uci}</span>
                      </td>
                    </tr>
                  ))}
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
