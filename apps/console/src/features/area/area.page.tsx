import './area.css';
import i18next from 'i18next';
import { type ChangeEvent, type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { getJson } from '../../lib/api.client.ts';
import { formatDateTime, formatNumber, sortByName } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { ErrorSummary } from '../auth/error-summary.component.tsx';
import { Field } from '../forms/field.component.tsx';
import { errorsFromFailure, type FormError, useFormErrors } from '../forms/form-errors.ts';
import {
  type Area,
  type AreaCircle,
  type AreaCount,
  COUNTRIES_PATH,
  type Country,
  citiesPath,
  countArea,
  type PlaceCity,
  type PlaceRegion,
  polygonsFromGeoJson,
  regionsPath,
} from './area.api.ts';

interface CircleDraft {
  key: number;
  lat: string;
  lon: string;
  radiusKm: string;
}

const CITY_RADIUS_KM = 25;

/** Now, as a `datetime-local` value in the browser's time zone. */
function localNow(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}:${pad(now.getMinutes())}`;
}

/** Where the server's JSON pointer points in this form. */
function fieldIdOf(pointer: string): string {
  if (pointer === '/at') return 'at';
  const circle = /^\/area\/circles\/(\d+)(?:\/(lat|lon|radiusKm))?/.exec(pointer);
  if (circle) return `circle-${circle[1]}-${circle[2] === 'radiusKm' ? 'radius' : (circle[2] ?? 'lat')}`;
  if (pointer.startsWith('/area/polygons')) return 'polygon';
  if (pointer.startsWith('/area/regions')) return 'region';
  return 'country';
}

/** The chosen places of one kind, each with a button that takes it out again. */
function ChosenList({
  label,
  items,
  onRemove,
}: {
  label: string;
  items: { code: string; name: string }[];
  onRemove: (code: string) => void;
}) {
  const { t } = useTranslation();
  if (items.length === 0) return null;
  return (
    <>
      <p className="chosen">{label}</p>
      <ul className="plain-list area-chosen">
        {items.map((item) => (
          <li key={item.code}>
            <span>
              {item.name} <span className="code">{item.code}</span>
            </span>
            <button type="button" className="link-button" onClick={() => onRemove(item.code)}>
              {t('area.remove', { name: item.name })}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

function CountrySelect({
  id,
  label,
  countries,
  value,
  onChange,
}: {
  id: string;
  label: string;
  countries: Country[];
  value: string;
  onChange: (code: string) => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <Field id={id} label={label} base="select">
      {(props) => (
        <select {...props} value={value} onChange={(event) => onChange(event.target.value)}>
          <option value="">{t('area.choose')}</option>
          {countries.map((country) => (
            <option key={country.code} value={country.code}>
              {country.name[locale]}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/**
 * "Who is in this area?": alert managers, headquarters, the hotline and mission staff build an area from
 * countries, regions, circles and a GeoJSON polygon, and see how many people an alert to it would reach.
 */
export function AreaPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('area.title'));
  const locale = currentLocale();
  const form = useFormErrors();
  const countriesState = useApi<Country[]>(COUNTRIES_PATH);
  const countries = useMemo(() => sortByName(countriesState.data ?? [], locale), [countriesState.data, locale]);
  const nameOf = (code: string) => countries.find((c) => c.code === code)?.name[locale] ?? code;

  const [countryText, setCountryText] = useState('');
  const [chosenCountries, setChosenCountries] = useState<string[]>([]);
  const [regionCountry, setRegionCountry] = useState('');
  const [regionCode, setRegionCode] = useState('');
  const [chosenRegions, setChosenRegions] = useState<PlaceRegion[]>([]);
  const regions = useApi<{ items: PlaceRegion[] }>(regionCountry ? regionsPath(regionCountry) : null);
  const [circles, setCircles] = useState<CircleDraft[]>([]);
  const nextKey = useRef(0);
  const [cityCountry, setCityCountry] = useState('');
  const [cityQuery, setCityQuery] = useState('');
  const [cities, setCities] = useState<PlaceCity[] | null>(null);
  const [polygonText, setPolygonText] = useState('');
  const [at, setAt] = useState(localNow);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<AreaCount | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);

  const addCountry = () => {
    const text = countryText.trim();
    const wanted = text.toLocaleLowerCase();
    const match = countries.find(
      (c) =>
        c.code.toLowerCase() === wanted ||
        c.name.en.toLocaleLowerCase() === wanted ||
        c.name['zh-CN'] === text ||
        `${c.name[locale]} (${c.code})`.toLocaleLowerCase() === wanted,
    );
    if (!match) {
      form.show([{ fieldId: 'country', message: () => i18next.t('area.countries.unknown') }]);
      return;
    }
    form.clear();
    if (!chosenCountries.includes(match.code)) setChosenCountries([...chosenCountries, match.code]);
    setCountryText('');
  };

  const addRegion = () => {
    const region = regions.data?.items.find((r) => r.code === regionCode);
    if (!region) {
      form.show([{ fieldId: 'region', message: () => i18next.t('area.regions.choose') }]);
      return;
    }
    form.clear();
    if (!chosenRegions.some((r) => r.code === region.code)) setChosenRegions([...chosenRegions, region]);
    setRegionCode('');
  };

  const addCircle = (circle: Partial<AreaCircle> = {}) => {
    nextKey.current += 1;
    setCircles([
      ...circles,
      {
        key: nextKey.current,
        lat: circle.lat === undefined ? '' : String(circle.lat),
        lon: circle.lon === undefined ? '' : String(circle.lon),
        radiusKm: circle.radiusKm === undefined ? '' : String(circle.radiusKm),
      },
    ]);
  };
  const setCircle = (index: number, key: 'lat' | 'lon' | 'radiusKm') => (event: ChangeEvent<HTMLInputElement>) =>
    setCircles(circles.map((c, i) => (i === index ? { ...c, [key]: event.target.value } : c)));

  const findCities = async () => {
    if (!cityCountry) {
      form.show([{ fieldId: 'city-country', message: () => i18next.t('area.cities.countryMissing') }]);
      return;
    }
    form.clear();
    try {
      setCities((await getJson<{ items: PlaceCity[] }>(citiesPath(cityCountry, cityQuery.trim()))).items);
    } catch (error) {
      form.show(errorsFromFailure(error, {}, 'city-name', t('errors.network')));
    }
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    try {
      setPolygonText(await file.text());
      form.clear();
    } catch {
      form.show([{ fieldId: 'polygon-file', message: () => i18next.t('area.polygon.fileUnreadable') }]);
    }
  };

  /** The area as the server expects it, or the errors the browser can tell by itself. */
  const build = (): { area: Area; atIso: string } | FormError[] => {
    const errors: FormError[] = [];
    const parsed: AreaCircle[] = [];
    circles.forEach((circle, i) => {
      const values = { lat: circle.lat, lon: circle.lon, radiusKm: circle.radiusKm };
      for (const [key, text] of Object.entries(values) as [keyof AreaCircle, string][]) {
        if (text.trim() === '' || !Number.isFinite(Number(text)))
          errors.push({
            fieldId: `circle-${i}-${key === 'radiusKm' ? 'radius' : key}`,
            message: () =>
              i18next.t('area.circles.number', {
                field: i18next.t(`area.circles.${key}`),
                n: i + 1,
              }),
          });
      }
      parsed.push({ lat: Number(circle.lat), lon: Number(circle.lon), radiusKm: Number(circle.radiusKm) });
    });
    const polygons = polygonText.trim() ? polygonsFromGeoJson(polygonText) : [];
    if (polygons === null) errors.push({ fieldId: 'polygon', message: () => i18next.t('area.polygon.invalid') });
    const when = new Date(at);
    if (!at || Number.isNaN(when.getTime()))
      errors.push({ fieldId: 'at', message: () => i18next.t('area.at.invalid') });
    if (errors.length > 0) return errors;
    const area: Area = {};
    if (chosenCountries.length > 0) area.countries = chosenCountries;
    if (chosenRegions.length > 0) area.regions = chosenRegions.map((r) => r.code);
    if (parsed.length > 0) area.circles = parsed;
    if (polygons && polygons.length > 0) area.polygons = polygons;
    return { area, atIso: when.toISOString() };
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const built = build();
    if (Array.isArray(built)) {
      form.show(built);
      setResult(null);
      return;
    }
    form.clear();
    setBusy(true);
    setResult(null);
    try {
      setResult(await countArea(built.area, built.atIso));
    } catch (error) {
      const ids = Object.fromEntries(
        (error as { problem?: { errors?: { field: string }[] } | null }).problem?.errors?.map((e) => [
          e.field,
          fieldIdOf(e.field),
        ]) ?? [],
      );
      form.show(errorsFromFailure(error, ids, 'country', t('errors.network')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="narrow narrow--wide">
      <ErrorSummary errors={form.errors} version={form.version} />
      <h1>{t('area.title')}</h1>
      <p>{t('area.intro')}</p>
      <form noValidate onSubmit={onSubmit}>
        <section className="area-part" aria-labelledby="area-countries">
          <h2 id="area-countries">{t('area.countries.heading')}</h2>
          <Field
            id="country"
            label={t('area.countries.label')}
            hint={t('area.countries.hint')}
            error={form.errorFor('country')}
          >
            {(props) => (
              <input
                {...props}
                type="text"
                list="country-options"
                autoComplete="off"
                value={countryText}
                onChange={(event) => setCountryText(event.target.value)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') {
                    event.preventDefault();
                    addCountry();
                  }
                }}
              />
            )}
          </Field>
          <datalist id="country-options">
            {countries.map((c) => (
              <option key={c.code} value={`${c.name[locale]} (${c.code})`} />
            ))}
          </datalist>
          <div className="button-group">
            <button type="button" className="button button--secondary" onClick={addCountry}>
              {t('area.countries.add')}
            </button>
          </div>
          <ChosenList
            label={t('area.countries.chosen')}
            items={chosenCountries.map((code) => ({ code, name: nameOf(code) }))}
            onRemove={(code) => setChosenCountries(chosenCountries.filter((c) => c !== code))}
          />
        </section>

        <section className="area-part" aria-labelledby="area-regions">
          <h2 id="area-regions">{t('area.regions.heading')}</h2>
          <CountrySelect
            id="region-country"
            label={t('area.regions.country')}
            countries={countries}
            value={regionCountry}
            onChange={(code) => {
              setRegionCountry(code);
              setRegionCode('');
            }}
          />
          <Field id="region" label={t('area.regions.label')} error={form.errorFor('region')} base="select">
            {(props) => (
              <select
                {...props}
                value={regionCode}
                disabled={!regionCountry || regions.status !== 'ready'}
                onChange={(event) => setRegionCode(event.target.value)}
              >
                <option value="">
                  {regionCountry && regions.status === 'loading' ? t('area.regions.loading') : t('area.choose')}
                </option>
                {(regionCountry ? (regions.data?.items ?? []) : []).map((r) => (
                  <option key={r.code} value={r.code}>
                    {r.name} ({r.code})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="button-group">
            <button type="button" className="button button--secondary" onClick={addRegion}>
              {t('area.regions.add')}
            </button>
          </div>
          <ChosenList
            label={t('area.regions.chosen')}
            items={chosenRegions}
            onRemove={(code) => setChosenRegions(chosenRegions.filter((r) => r.code !== code))}
          />
        </section>

        <section className="area-part" aria-labelledby="area-circles">
          <h2 id="area-circles">{t('area.circles.heading')}</h2>
          {circles.map((circle, i) => (
            <fieldset key={circle.key} className="fieldset area-circle">
              <legend className="label">{t('area.circles.legend', { n: i + 1 })}</legend>
              <div className="area-circle__fields">
                {(['lat', 'lon', 'radiusKm'] as const).map((key) => {
                  const id = `circle-${i}-${key === 'radiusKm' ? 'radius' : key}`;
                  return (
                    <Field
                      key={key}
                      id={id}
                      label={t(`area.circles.${key}`)}
                      hint={key === 'radiusKm' ? t('area.circles.radiusHint') : undefined}
                      error={form.errorFor(id)}
                    >
                      {(props) => (
                        <input
                          {...props}
                          type="text"
                          inputMode="decimal"
                          autoComplete="off"
                          value={circle[key]}
                          onChange={setCircle(i, key)}
                        />
                      )}
                    </Field>
                  );
                })}
              </div>
              <button
                type="button"
                className="link-button"
                onClick={() => setCircles(circles.filter((c) => c.key !== circle.key))}
              >
                {t('area.circles.remove', { n: i + 1 })}
              </button>
            </fieldset>
          ))}
          <div className="button-group">
            <button type="button" className="button button--secondary" onClick={() => addCircle()}>
              {t('area.circles.add')}
            </button>
          </div>
          <h3>{t('area.cities.heading')}</h3>
          <CountrySelect
            id="city-country"
            label={t('area.cities.country')}
            countries={countries}
            value={cityCountry}
            onChange={(code) => {
              setCityCountry(code);
              setCities(null);
            }}
          />
          <Field
            id="city-name"
            label={t('area.cities.name')}
            error={form.errorFor('city-name') ?? form.errorFor('city-country')}
          >
            {(props) => (
              <input
                {...props}
                type="text"
                autoComplete="off"
                value={cityQuery}
                onChange={(event) => setCityQuery(event.target.value)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') {
                    event.preventDefault();
                    void findCities();
                  }
                }}
              />
            )}
          </Field>
          <div className="button-group">
            <button type="button" className="button button--secondary" onClick={() => void findCities()}>
              {t('area.cities.find')}
            </button>
          </div>
          <div aria-live="polite">
            {cities === null ? null : cities.length === 0 ? (
              <p>{t('area.cities.none')}</p>
            ) : (
              <ul className="plain-list area-cities">
                {cities.map((city) => (
                  <li key={city.id}>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => addCircle({ lat: city.lat, lon: city.lon, radiusKm: CITY_RADIUS_KM })}
                    >
                      {t('area.cities.around', {
                        km: CITY_RADIUS_KM,
                        name: city.regionName ? `${city.name}, ${city.regionName}` : city.name,
                      })}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </section>

        <section className="area-part" aria-labelledby="area-polygon">
          <h2 id="area-polygon">{t('area.polygon.heading')}</h2>
          <Field
            id="polygon"
            label={t('area.polygon.label')}
            hint={t('area.polygon.hint')}
            error={form.errorFor('polygon')}
            base="textarea"
          >
            {(props) => (
              <textarea
                {...props}
                className={`${props.className} area-polygon`}
                rows={6}
                spellCheck={false}
                value={polygonText}
                onChange={(event) => setPolygonText(event.target.value)}
              />
            )}
          </Field>
          <Field id="polygon-file" label={t('area.polygon.file')} error={form.errorFor('polygon-file')}>
            {(props) => (
              <input
                {...props}
                className="area-file"
                type="file"
                accept=".geojson,.json,application/geo+json,application/json"
                onChange={(event) => void onFile(event)}
              />
            )}
          </Field>
        </section>

        <section className="area-part" aria-labelledby="area-when">
          <h2 id="area-when">{t('area.at.heading')}</h2>
          <Field id="at" label={t('area.at.label')} hint={t('area.at.hint')} error={form.errorFor('at')}>
            {(props) => (
              <input
                {...props}
                className={`${props.className} area-when`}
                type="datetime-local"
                value={at}
                onChange={(event) => setAt(event.target.value)}
              />
            )}
          </Field>
        </section>

        <div className="button-group">
          <button type="submit" className="button" disabled={busy} aria-disabled={busy}>
            {busy ? t('area.counting') : t('area.submit')}
          </button>
        </div>
      </form>

      {result ? (
        <div className="panel panel--success area-result" ref={resultRef} tabIndex={-1} role="status">
          <h2>{t('area.result.heading')}</h2>
          <p className="area-result__total" data-testid="area-total">
            {t('area.result.total', { count: result.total, formatted: formatNumber(result.total, locale) })}
          </p>
          <dl className="summary-list">
            <dt>{t('area.result.present')}</dt>
            <dd>{formatNumber(result.byReason.present, locale)}</dd>
            <dt>{t('area.result.siteStaff')}</dt>
            <dd>{formatNumber(result.byReason.siteStaff, locale)}</dd>
            <dt>{t('area.result.subscriber')}</dt>
            <dd>{formatNumber(result.byReason.subscriber, locale)}</dd>
            <dt>{t('area.result.at')}</dt>
            <dd>{formatDateTime(result.at, locale)}</dd>
          </dl>
          <p className="hint">{t('area.result.note')}</p>
        </div>
      ) : null}
    </div>
  );
}
