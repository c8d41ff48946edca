import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatNumber } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import {
  ConfirmPanel,
  ErrorSummary,
  errorsFromApi,
  SuccessNotice,
  useFormErrors,
} from '../accounts/form.components.tsx';
import { phoneForPeople } from '../accounts/phone.ts';
import { LoadFailed } from '../offline/offline.component.tsx';
import { deleteOrganisation, type Organisation, organisationPath, type Site, sitesPath } from './organisation.api.ts';
import type { OrganisationNotice } from './organisations.page.tsx';
import { StaffListSection } from './staff-list.section.tsx';
import { StaffUploadSection } from './staff-upload.section.tsx';
import './organisation.css';

const PRIVATE = { keepOnDevice: false } as const;
const NO_FIELDS: readonly string[] = [];

/** One organisation: its details, its sites abroad, its staff list (upload and current list), and deleting it. */
export function OrganisationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const notice = (useLocation().state as OrganisationNotice | null)?.notice;
  const organisation = useApi<Organisation>(organisationPath(id), PRIVATE);
  const sites = useApi<{ items: Site[] }>(sitesPath(id), PRIVATE);
  const [staffVersion, setStaffVersion] = useState(0);
  // The last list loaded stays on screen while it reloads after an import, so the upload's result stays too.
  const [siteList, setSiteList] = useState<Site[] | null>(null);
  useEffect(() => {
    if (sites.data) setSiteList(sites.data.items);
  }, [sites.data]);
  useDocumentTitle(organisation.data?.name ?? t('organisation.listTitle'));

  return (
    <>
      <Link to="/organisations" className="back-link">
        {t('organisation.backToList')}
      </Link>
      {notice ? <SuccessNotice>{notice}</SuccessNotice> : null}
      {organisation.status === 'error' ? (
        organisation.error.status === 404 ? (
          <>
            <h1>{t('organisation.notFoundTitle')}</h1>
            <p>{t('organisation.notFound')}</p>
          </>
        ) : (
          <LoadFailed onRetry={organisation.retry} />
        )
      ) : !organisation.data ? (
        <p role="status" className="hint">
          {t('common.loading')}
        </p>
      ) : (
        <>
          <h1>{organisation.data.name}</h1>
          <Details organisation={organisation.data} />
          <p className="section-gap">
            <Link to={`/organisations/${id}/assessment`}>{t('guidance.organisationLink')}</Link>
            <br />
            <span className="hint">{t('guidance.organisationLinkHint')}</span>
          </p>
          {sites.status === 'error' ? (
            <LoadFailed onRetry={sites.retry} />
          ) : siteList ? (
            <>
              <SitesSection organisationId={id} sites={siteList} />
              <StaffUploadSection
                organisationId={id}
                hasSites={siteList.length > 0}
                onImported={() => {
                  setStaffVersion((n) => n + 1);
                  sites.retry();
                }}
              />
              <StaffListSection key={staffVersion} organisationId={id} />
            </>
          ) : null}
          <DeleteSection organisation={organisation.data} />
        </>
      )}
    </>
  );
}

function Details({ organisation }: { organisation: Organisation }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="org-details">
      <h2 id="org-details" className="visually-hidden">
        {t('organisation.detailsHeading')}
      </h2>
      <dl className="summary-list">
        <div>
          <dt>{t('organisation.form.number')}</dt>
          <dd>{organisation.registrationNumber ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('organisation.form.sector')}</dt>
          <dd>{organisation.sector ? t(`organisation.sectors.${organisation.sector}`) : '—'}</dd>
        </div>
      </dl>
      <p>
        <Link to={`/organisations/${organisation.id}/edit`}>
          {t('organisation.change')}
          <span className="visually-hidden"> {organisation.name}</span>
        </Link>
      </p>
    </section>
  );
}

function SitesSection({ organisationId, sites }: { organisationId: string; sites: Site[] }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <section aria-labelledby="org-sites" className="section-gap">
      <h2 id="org-sites">{t('organisation.sitesHeading')}</h2>
      {sites.length === 0 ? (
        <p>{t('organisation.noSites')}</p>
      ) : (
        <ul className="item-list">
          {sites.map((site) => (
            <li key={site.id} className="item">
              <p className="item__title">{site.name}</p>
              <p className="item__meta">
                {[site.cityName, site.regionName, site.countryName[locale]].filter(Boolean).join(', ')}
              </p>
              <p className="item__meta">
                {t('organisation.siteCounts', {
                  headcount: formatNumber(site.headcount, locale),
                  staff: formatNumber(site.staffCount, locale),
                })}
              </p>
              <p className="item__meta">
                {t('organisation.contactLine', {
                  name: site.securityContactName ?? '—',
                  phone: site.securityContactPhone ? phoneForPeople(site.securityContactPhone) : '—',
                })}
              </p>
              <Link to={`/organisations/${organisationId}/sites/${site.id}`}>
                {t('organisation.site.change')}
                <span className="visually-hidden"> {site.name}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to={`/organisations/${organisationId}/sites/new`} className="button button--secondary">
          {t('organisation.site.addTitle')}
        </Link>
      </p>
    </section>
  );
}

function DeleteSection({ organisation }: { organisation: Organisation }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(NO_FIELDS);
  const onYes = async () => {
    if (busy) return;
    setBusy(true);
    try {
      await deleteOrganisation(organisation.id);
      navigate('/organisations', {
        replace: true,
        state: { notice: t('organisation.deleted', { name: organisation.name }) } satisfies OrganisationNotice,
      });
    } catch (error) {
      errors.show(errorsFromApi(error, {}, t('errors.network')));
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="org-delete" className="section-gap">
      <h2 id="org-delete">{t('organisation.deleteHeading')}</h2>
      <ErrorSummary id="delete-errors" errors={errors.summary} version={errors.version} />
      {asking ? (
        <ConfirmPanel
          id="delete-question"
          question={t('organisation.deleteQuestion', { name: organisation.name })}
          detail={t('organisation.deleteDetail')}
          yes={t('organisation.deleteYes')}
          busy={busy}
          onYes={() => void onYes()}
          onCancel={() => setAsking(false)}
        />
      ) : (
        <button type="button" className="button button--warning" onClick={() => setAsking(true)}>
          {t('organisation.deleteButton')}
        </button>
      )}
    </section>
  );
}
