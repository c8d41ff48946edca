import { type FormEvent, type ReactNode, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { sortByName } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { useSubmissionKey } from '../../lib/use-submission-key.hook.ts';
import {
  ErrorSummary,
  type FieldErrors,
  SuccessNotice,
  TextField,
  useFormErrors,
} from '../accounts/form.components.tsx';
import { LoadFailed } from '../offline/offline.component.tsx';
import { type ChosenCity, CityCombobox } from './city-combobox.component.tsx';
import { type Point, PreciseLocation } from './precise-location.component.tsx';
import {
  COUNTRIES_PATH,
  type Country,
  createPresence,
  DEPENDENTS_PATH,
  type Dependent,
  type PlaceRegion,
  PRESENCE_PURPOSES,
  PRESENCES_PATH,
  type Presence,
  type PresenceInput,
  type PresenceKind,
  type PresenceList,
  type PresencePurpose,
  regionsPath,
  updatePresence,
  withdrawPreciseLocation,
} from './registration.api.ts';
import { formErrorsFromApi } from './registration.errors.ts';
import { BackToRegistration, Checkbox, CountryFilterField, RadioGroup, SelectField } from './registration.fields.tsx';
import type { RegistrationNotice } from './registration.page.tsx';
import { RemoveButton } from './remove-button.component.tsx';

const PRIVATE = { keepOnDevice: false } as const;
const ORDER = ['kind-residence', 'country', 'region', 'city', 'arrivalOn', 'departureOn', 'purpose', 'locate'] as const;
const FIELDS = {
  '/kind': 'kind-residence',
  '/countryCode': 'country',
  '/regionCode': 'region',
  '/cityId': 'city',
  '/arrivalOn': 'arrivalOn',
  '/departureOn': 'departureOn',
  '/purpose': 'purpose',
  '/precise': 'locate',
  '/preciseConsent': 'locate',
};
const BY_CODE = {
  dates_invalid: 'departureOn',
  country_unknown: 'country',
  region_unknown: 'region',
  city_unknown: 'city',
  precise_consent_required: 'locate',
};

/** Add or change a residence or a trip: `/registration/presences/new?kind=trip` or `/registration/presences/:id`. */
export function PresencePage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const [search] = useSearchParams();
  const presences = useApi<PresenceList>(id ? PRESENCES_PATH : null, PRIVATE);
  const dependents = useApi<{ items: Dependent[] }>(DEPENDENTS_PATH, PRIVATE);
  const countries = useApi<Country[]>(COUNTRIES_PATH);
  const existing = id ? presences.data?.items.find((p) => p.id === id) : undefined;
  const kind: PresenceKind = existing?.kind ?? (search.get('kind') === 'residence' ? 'residence' : 'trip');
  const title = id ? t(`registration.presence.changeTitle.${kind}`) : t(`registration.presence.addTitle.${kind}`);
  useDocumentTitle(title);

  const failed = [dependents, countries, ...(id ? [presences] : [])].some((s) => s.status === 'error');
  const ready = dependents.data && countries.data && (!id || presences.data);
  let body: ReactNode = null;
  if (failed) {
    body = (
      <LoadFailed
        onRetry={() => {
          presences.retry();
          dependents.retry();
          countries.retry();
        }}
      />
    );
  } else if (!ready) {
    body = (
      <p role="status" className="hint">
        {t('common.loading')}
      </p>
    );
  } else if (id && !existing) {
    body = <p>{t('registration.presence.notFound')}</p>;
  }

  return (
    <div className="narrow">
      <BackToRegistration />
      {body || !dependents.data || !countries.data ? (
        <>
          <h1>{title}</h1>
          {body}
        </>
      ) : (
        <PresenceForm
          key={existing?.id ?? 'new'}
          existing={existing ?? null}
          initialKind={kind}
          dependents={dependents.data.items}
          countries={countries.data}
        />
      )}
    </div>
  );
}

function PresenceForm({
  existing,
  initialKind,
  dependents,
  countries,
}: {
  existing: Presence | null;
  initialKind: PresenceKind;
  dependents: readonly Dependent[];
  countries: readonly Country[];
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const navigate = useNavigate();
  const [kind, setKind] = useState<PresenceKind>(initialKind);
  const [country, setCountry] = useState(existing?.countryCode ?? '');
  const [filter, setFilter] = useState('');
  const [region, setRegion] = useState(existing?.regionCode ?? '');
  const [city, setCity] = useState<ChosenCity | null>(
    existing?.cityId && existing.cityName
      ? { id: existing.cityId, name: existing.cityName, regionCode: existing.regionCode }
      : null,
  );
  const [cityText, setCityText] = useState(existing?.cityName ?? '');
  const [arrivalOn, setArrivalOn] = useState(existing?.arrivalOn ?? '');
  const [departureOn, setDepartureOn] = useState(existing?.departureOn ?? '');
  const [purpose, setPurpose] = useState<string>(existing?.purpose ?? '');
  const [travellers, setTravellers] = useState<Set<string>>(new Set(existing?.dependentIds ?? []));
  // A stored precise point is kept on a change unless withdrawn (a PUT without it would drop it).
  const [storedPrecise, setStoredPrecise] = useState(existing?.preciseConsent ?? false);
  const [consent, setConsent] = useState(false);
  const [point, setPoint] = useState<Point | null>(null);
  const [withdrawn, setWithdrawn] = useState(false);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(ORDER);
  const submissionKey = useSubmissionKey();
  const title = existing
    ? t(`registration.presence.changeTitle.${initialKind}`)
    : t(`registration.presence.addTitle.${initialKind}`);
  useDocumentTitle(title, errors.hasErrors);

  const regions = useApi<{ items: PlaceRegion[] }>(country ? regionsPath(country) : null);
  const sortedCountries = useMemo(() => sortByName(countries, locale), [countries, locale]);
  const needle = filter.trim().toLocaleLowerCase();
  const shownCountries = sortedCountries.filter(
    (c) =>
      c.code === country ||
      !needle ||
      c.name.en.toLocaleLowerCase().includes(needle) ||
      c.name['zh-CN'].includes(filter.trim()) ||
      c.code.toLocaleLowerCase() === needle,
  );
  const onCityText = useCallback((text: string) => setCityText(text), []);

  const onCountry = (code: string) => {
    setCountry(code);
    setRegion('');
    setCity(null);
  };

  const onCity = (chosen: ChosenCity | null) => {
    setCity(chosen);
    // The city's region is the right one; the server would derive it anyway.
    if (chosen?.regionCode) setRegion(chosen.regionCode);
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found: FieldErrors = {};
    if (!country) found.country = t('registration.presence.countryMissing');
    if (cityText.trim() && !city) found.city = t('registration.city.notChosen');
    if (!arrivalOn) found.arrivalOn = t('registration.presence.arrivalMissing');
    if (kind === 'trip' && !departureOn) found.departureOn = t('registration.presence.departureMissing');
    else if (arrivalOn && departureOn && departureOn < arrivalOn)
      found.departureOn = t('registration.presence.departureBeforeArrival');
    if (consent && !point) found.locate = t('registration.precise.missing');
    if (Object.keys(found).length > 0) {
      errors.show({ fields: found, form: null });
      return;
    }
    const keepStored = storedPrecise && existing?.lat != null && existing.lon != null && !consent;
    const precise =
      consent && point ? point : keepStored && existing ? { lat: existing.lat ?? 0, lon: existing.lon ?? 0 } : null;
    const body: PresenceInput = {
      kind,
      countryCode: country,
      ...(region ? { regionCode: region } : {}),
      ...(city ? { cityId: city.id } : {}),
      arrivalOn,
      ...(departureOn ? { departureOn } : {}),
      ...(purpose ? { purpose: purpose as PresencePurpose } : {}),
      dependentIds: dependents.filter((d) => travellers.has(d.id)).map((d) => d.id),
      ...(precise ? { preciseConsent: true, precise } : {}),
    };
    setBusy(true);
    try {
      if (existing) await updatePresence(existing.id, body);
      else await createPresence(body, submissionKey(body));
      navigate('/registration', {
        state: { notice: t(`registration.presence.saved.${kind}`) } satisfies RegistrationNotice,
      });
    } catch (error) {
      errors.show(formErrorsFromApi(error, FIELDS, BY_CODE, t('errors.network')));
      setBusy(false);
    }
  };

  const toggleTraveller = (id: string, on: boolean) =>
    setTravellers((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <>
      {withdrawn ? <SuccessNotice>{t('registration.precise.withdrawn')}</SuccessNotice> : null}
      <ErrorSummary errors={errors.summary} version={errors.version} />
      <h1>{title}</h1>
      <form noValidate onSubmit={onSubmit}>
        <RadioGroup
          id="kind"
          legend={t('registration.presence.kind')}
          value={kind}
          onChange={(value) => setKind(value === 'residence' ? 'residence' : 'trip')}
          options={[
            { value: 'residence', label: t('registration.kind.residenceLong') },
            { value: 'trip', label: t('registration.kind.tripLong') },
          ]}
        />
        <CountryFilterField value={filter} onChange={setFilter} />
        <SelectField
          id="country"
          label={t('registration.presence.country')}
          error={errors.fields.country}
          value={country}
          onChange={onCountry}
          options={shownCountries.map((c) => ({ value: c.code, label: c.name[locale] }))}
          emptyLabel={t('help.countryNone')}
        />
        <CityCombobox
          id="city"
          country={country}
          value={city}
          onChange={onCity}
          onText={onCityText}
          error={errors.fields.city}
        />
        <SelectField
          id="region"
          label={t('registration.presence.region')}
          hint={t('registration.presence.regionHint')}
          error={errors.fields.region}
          value={region}
          onChange={setRegion}
          options={(regions.data?.items ?? []).map((r) => ({ value: r.code, label: r.name }))}
          emptyLabel={t('registration.notGiven')}
        />
        <TextField
          id="arrivalOn"
          label={kind === 'trip' ? t('registration.presence.arrival') : t('registration.presence.sinceLabel')}
          error={errors.fields.arrivalOn}
          type="date"
          value={arrivalOn}
          onChange={setArrivalOn}
        />
        <TextField
          id="departureOn"
          label={kind === 'trip' ? t('registration.presence.departure') : t('registration.presence.until')}
          hint={kind === 'trip' ? t('registration.presence.departureHint') : t('registration.presence.untilHint')}
          error={errors.fields.departureOn}
          type="date"
          min={arrivalOn || undefined}
          value={departureOn}
          onChange={setDepartureOn}
        />
        <SelectField
          id="purpose"
          label={t('registration.presence.purpose')}
          error={errors.fields.purpose}
          value={purpose}
          onChange={setPurpose}
          options={PRESENCE_PURPOSES.map((p) => ({ value: p, label: t(`registration.purpose.${p}`) }))}
          emptyLabel={t('registration.notGiven')}
        />
        {dependents.length > 0 ? (
          <fieldset className="form-group fieldset">
            <legend className="label">{t('registration.presence.travellers')}</legend>
            <p className="hint">{t('registration.presence.travellersHint')}</p>
            {dependents.map((d) => (
              <Checkbox
                key={d.id}
                id={`traveller-${d.id}`}
                label={`${d.familyName} ${d.givenName}`}
                checked={travellers.has(d.id)}
                onChange={(on) => toggleTraveller(d.id, on)}
              />
            ))}
          </fieldset>
        ) : null}
        {storedPrecise && existing ? (
          <div className="form-group">
            <h2 className="reg-subheading">{t('registration.precise.legend')}</h2>
            <p>{t('registration.precise.stored')}</p>
            <RemoveButton
              id="withdraw"
              label={t('registration.precise.withdraw')}
              what=""
              question={t('registration.precise.withdrawQuestion')}
              detail={t('registration.precise.withdrawDetail')}
              yes={t('registration.precise.withdrawYes')}
              onRemove={() => withdrawPreciseLocation(existing.id)}
              onDone={() => {
                setStoredPrecise(false);
                setWithdrawn(true);
              }}
            />
          </div>
        ) : (
          <PreciseLocation
            consent={consent}
            onConsent={setConsent}
            point={point}
            onPoint={setPoint}
            error={errors.fields.locate}
          />
        )}
        <button type="submit" className="button" aria-disabled={busy}>
          {t('registration.save')}
        </button>
      </form>
    </>
  );
}
