import { type FormEvent, type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { sortByName } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { useSubmissionKey } from '../../lib/use-submission-key.hook.ts';
import {
  ErrorSummary,
  errorsFromApi,
  type FieldErrors,
  SelectField,
  TextField,
  useFormErrors,
} from '../accounts/form.components.tsx';
import { phoneForPeople } from '../accounts/phone.ts';
import { LoadFailed } from '../offline/offline.component.tsx';
import { type ChosenCity, CitySearch } from './city-search.component.tsx';
import {
  COUNTRIES_PATH,
  type Country,
  createSite,
  type Site,
  type SiteInput,
  sitesPath,
  updateSite,
} from './organisation.api.ts';
import type { OrganisationNotice } from './organisations.page.tsx';
import './organisation.css';

const ORDER = ['name', 'countryCode', 'cityId', 'headcount', 'contactName', 'contactPhone', 'contactEmail'] as const;
const FIELDS = {
  '/name': 'name',
  '/countryCode': 'countryCode',
  '/regionCode': 'cityId',
  '/cityId': 'cityId',
  '/headcount': 'headcount',
  '/securityContactName': 'contactName',
  '/securityContactPhone': 'contactPhone',
  '/securityContactEmail': 'contactEmail',
};

/** Add a site (`/organisations/:id/sites/new`) or change one (`/organisations/:id/sites/:siteId`). */
export function SitePage() {
  const { t } = useTranslation();
  const { id = '', siteId } = useParams();
  const sites = useApi<{ items: Site[] }>(siteId ? sitesPath(id) : null, { keepOnDevice: false });
  const countries = useApi<Country[]>(COUNTRIES_PATH);
  const existing = siteId ? sites.data?.items.find((s) => s.id === siteId) : undefined;
  const title = siteId ? t('organisation.site.changeTitle') : t('organisation.site.addTitle');
  useDocumentTitle(title);
  let body: ReactNode = null;
  if ((siteId && sites.status === 'error') || countries.status === 'error')
    body = (
      <LoadFailed
        onRetry={() => {
          sites.retry();
          countries.retry();
        }}
      />
    );
  else if ((siteId && !sites.data) || !countries.data)
    body = (
      <p role="status" className="hint">
        {t('common.loading')}
      </p>
    );
  else if (siteId && !existing) body = <p>{t('organisation.site.notFound')}</p>;
  return (
    <div className="narrow">
      <Link to={`/organisations/${id}`} className="back-link">
        {t('organisation.backToOrganisation')}
      </Link>
      {body || !countries.data ? (
        <>
          <h1>{title}</h1>
          {body}
        </>
      ) : (
        <SiteForm organisationId={id} existing={existing ?? null} title={title} countries={countries.data} />
      )}
    </div>
  );
}

function SiteForm({
  organisationId,
  existing,
  title,
  countries,
}: {
  organisationId: string;
  existing: Site | null;
  title: string;
  countries: readonly Country[];
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const navigate = useNavigate();
  const [name, setName] = useState(existing?.name ?? '');
  const [countryCode, setCountryCode] = useState(existing?.countryCode ?? '');
  const [city, setCity] = useState<ChosenCity | null>(
    existing?.cityId && existing.cityName
      ? { id: existing.cityId, name: existing.cityName, regionCode: existing.regionCode }
      : null,
  );
  const [headcount, setHeadcount] = useState(existing ? String(existing.headcount) : '');
  const [contactName, setContactName] = useState(existing?.securityContactName ?? '');
  const [contactPhone, setContactPhone] = useState(
    existing?.securityContactPhone ? phoneForPeople(existing.securityContactPhone) : '',
  );
  const [contactEmail, setContactEmail] = useState(existing?.securityContactEmail ?? '');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(ORDER);
  const submissionKey = useSubmissionKey();
  useDocumentTitle(title, errors.hasErrors);
  const countryOptions = useMemo(
    () => sortByName(countries, locale).map((c) => ({ value: c.code, label: c.name[locale] })),
    [countries, locale],
  );

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found: FieldErrors = {};
    const count = Number(headcount.trim());
    if (!name.trim()) found.name = t('organisation.site.nameMissing');
    if (!countryCode) found.countryCode = t('organisation.site.countryMissing');
    if (!city) found.cityId = t('organisation.site.cityMissing');
    if (!/^\d+$/.test(headcount.trim()) || count > 100_000) found.headcount = t('organisation.site.headcountInvalid');
    if (!contactName.trim()) found.contactName = t('organisation.site.contactNameMissing');
    if (!contactPhone.trim()) found.contactPhone = t('organisation.site.contactPhoneMissing');
    if (Object.keys(found).length > 0) {
      errors.show({ fields: found, form: null });
      return;
    }
    const body: SiteInput = {
      name: name.trim(),
      countryCode,
      regionCode: city?.regionCode ?? null,
      cityId: city?.id ?? null,
      headcount: count,
      securityContactName: contactName.trim(),
      securityContactPhone: contactPhone.trim(),
      securityContactEmail: contactEmail.trim() || null,
    };
    setBusy(true);
    try {
      if (existing) await updateSite(organisationId, existing.id, body);
      else await createSite(organisationId, body, submissionKey(body));
      navigate(`/organisations/${organisationId}`, {
        state: { notice: t('organisation.site.saved') } satisfies OrganisationNotice,
      });
    } catch (error) {
      const result = errorsFromApi(error, FIELDS, t('errors.network'));
      errors.show(result);
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorSummary errors={errors.summary} version={errors.version} />
      <h1>{title}</h1>
      <form noValidate onSubmit={onSubmit}>
        <TextField
          id="name"
          label={t('organisation.site.name')}
          hint={t('organisation.site.nameHint')}
          error={errors.fields.name}
          autoComplete="off"
          maxLength={200}
          value={name}
          onChange={setName}
        />
        <SelectField
          id="countryCode"
          label={t('organisation.site.country')}
          error={errors.fields.countryCode}
          value={countryCode}
          onChange={(code) => {
            setCountryCode(code);
            setCity(null);
          }}
          options={countryOptions}
          emptyLabel={t('organisation.form.choose')}
        />
        <CitySearch id="cityId" country={countryCode} value={city} onChange={setCity} error={errors.fields.cityId} />
        <TextField
          id="headcount"
          label={t('organisation.site.headcount')}
          hint={t('organisation.site.headcountHint')}
          error={errors.fields.headcount}
          inputMode="numeric"
          autoComplete="off"
          value={headcount}
          onChange={setHeadcount}
        />
        <h2>{t('organisation.site.contactHeading')}</h2>
        <p className="hint">{t('organisation.site.contactIntro')}</p>
        <TextField
          id="contactName"
          label={t('organisation.site.contactName')}
          error={errors.fields.contactName}
          autoComplete="off"
          maxLength={100}
          value={contactName}
          onChange={setContactName}
        />
        <TextField
          id="contactPhone"
          label={t('organisation.site.contactPhone')}
          hint={t('organisation.site.contactPhoneHint')}
          error={errors.fields.contactPhone}
          type="tel"
          autoComplete="off"
          value={contactPhone}
          onChange={setContactPhone}
        />
        <TextField
          id="contactEmail"
          label={t('organisation.site.contactEmail')}
          error={errors.fields.contactEmail}
          type="email"
          autoComplete="off"
          spellCheck={false}
          maxLength={254}
          value={contactEmail}
          onChange={setContactEmail}
        />
        <button type="submit" className="button" aria-disabled={busy}>
          {t('organisation.site.save')}
        </button>
      </form>
    </>
  );
}
