import './alerts.css';
import {
  ALERT_CATEGORIES,
  ALERT_CERTAINTIES,
  ALERT_SEVERITIES,
  ALERT_URGENCIES,
  type AlertArea,
  type AlertDraftBody,
  type Country,
  LOCALES,
  type Locale,
} from '@homeward/shared';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatNumber, sortByName } from '../../lib/format.ts';
import { LoadError } from '../../lib/load-error.component.tsx';
import { useApi } from '../../lib/use-api.hook.ts';
import { countArea, polygonsFromGeoJson } from '../area/area.api.ts';
import { ErrorSummary } from '../auth/error-summary.component.tsx';
import { Field } from '../forms/field.component.tsx';
import { errorsFromFailure, type FormError, useFormErrors } from '../forms/form-errors.ts';
import { type Alert, alertPath, createAlert, type IncomingSignal, saveAlert, signalPath } from './alerts.api.ts';
import { AreaMap, type LonLat } from './area-map.component.tsx';

interface Text {
  headline: string;
  description: string;
  instruction: string;
}
interface Draft {
  country: string;
  texts: Record<Locale, Text>;
  category: AlertDraftBody['category'];
  urgency: AlertDraftBody['urgency'];
  severity: AlertDraftBody['severity'];
  certainty: AlertDraftBody['certainty'];
  effective: string;
  expires: string;
  senderName: string;
  checkin: boolean;
  countries: string[];
  regions: string[];
  circles: { lat: number; lon: number; radiusKm: number }[];
  polygons: LonLat[][];
  signalId?: string;
}

const EMPTY_TEXT: Text = { headline: '', description: '', instruction: '' };
const EMPTY: Draft = {
  country: '',
  texts: { 'zh-CN': { ...EMPTY_TEXT }, en: { ...EMPTY_TEXT } },
  category: 'Safety',
  urgency: 'Immediate',
  severity: 'Severe',
  certainty: 'Observed',
  effective: '',
  expires: '',
  senderName: '',
  checkin: true,
  countries: [],
  regions: [],
  circles: [],
  polygons: [],
};

const FIELD_IDS: Record<string, string> = {
  '/body/country': 'alert-country',
  '/body/texts': 'alert-headline-zh-CN',
  '/texts': 'alert-headline-zh-CN',
  '/texts/en/headline': 'alert-headline-en',
  '/texts/en/description': 'alert-description-en',
  '/texts/zh-CN/headline': 'alert-headline-zh-CN',
  '/texts/zh-CN/description': 'alert-description-zh-CN',
  '/expires': 'alert-expires',
};
const fieldIdOf = (pointer: string) =>
  FIELD_IDS[pointer] ??
  (pointer.startsWith('/area') || pointer.startsWith('/body/area') ? 'alert-corner-lat' : undefined);

/** A datetime-local value for an ISO instant (the officer's own clock), and back. */
function localValue(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
const instant = (value: string) => (value ? new Date(value).toISOString() : null);

/** Outer rings of GeoJSON polygons as [lon, lat] lists (holes are not drawn). */
function ringsOf(area: AlertArea | undefined): LonLat[][] {
  return (area?.polygons ?? []).flatMap((p) =>
    p.type === 'Polygon'
      ? [((p.coordinates as number[][][])[0] ?? []) as LonLat[]]
      : (p.coordinates as number[][][][]).map((rings) => (rings[0] ?? []) as LonLat[]),
  );
}

function fromAlert(alert: Pick<Alert, 'texts' | 'area'> & Partial<Alert>): Draft {
  const text = (l: Locale): Text => ({ ...EMPTY_TEXT, ...(alert.texts?.[l] ?? {}) });
  return {
    ...EMPTY,
    country: alert.country ?? '',
    texts: { 'zh-CN': text('zh-CN'), en: text('en') },
    category: alert.category ?? EMPTY.category,
    urgency: alert.urgency ?? EMPTY.urgency,
    severity: alert.severity ?? EMPTY.severity,
    certainty: alert.certainty ?? EMPTY.certainty,
    effective: localValue(alert.effective),
    expires: localValue(alert.expires),
    senderName: alert.senderName ?? '',
    checkin: alert.checkin ?? true,
    countries: alert.area?.countries ?? [],
    regions: alert.area?.regions ?? [],
    circles: alert.area?.circles ?? [],
    polygons: ringsOf(alert.area),
  };
}

export function areaOf(draft: Draft): AlertArea {
  const area: AlertArea = {};
  if (draft.countries.length > 0) area.countries = draft.countries;
  if (draft.regions.length > 0) area.regions = draft.regions;
  if (draft.circles.length > 0) area.circles = draft.circles;
  if (draft.polygons.length > 0)
    area.polygons = draft.polygons.map((ring) => ({ type: 'Polygon', coordinates: [ring] }));
  return area;
}

function bodyOf(draft: Draft): AlertDraftBody {
  const texts: AlertDraftBody['texts'] = {};
  for (const l of LOCALES) {
    const text = draft.texts[l];
    if (text.headline.trim() || text.description.trim()) texts[l] = text;
  }
  const body: AlertDraftBody = {
    country: draft.country,
    texts,
    category: draft.category,
    urgency: draft.urgency,
    severity: draft.severity,
    certainty: draft.certainty,
    effective: instant(draft.effective),
    expires: instant(draft.expires),
    area: areaOf(draft),
    checkin: draft.checkin,
  };
  if (draft.senderName.trim()) body.senderName = draft.senderName.trim();
  if (draft.signalId) body.signalId = draft.signalId;
  return body;
}

function Choice<T extends string>({
  id,
  label,
  values,
  value,
  onChange,
  labelOf,
}: {
  id: string;
  label: string;
  values: readonly T[];
  value: T;
  onChange: (value: T) => void;
  labelOf: (value: T) => string;
}) {
  return (
    <Field id={id} label={label} base="select">
      {(props) => (
        <select {...props} value={value} onChange={(e) => onChange(e.target.value as T)}>
          {values.map((v) => (
            <option key={v} value={v}>
              {labelOf(v)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/**
 * The composer: texts per language, CAP fields, and the area on an offline map with the live count of the people
 * it would reach. Saves a draft; sending is a separate step on the alert's page (a second person approves).
 */
export function AlertComposePage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const navigate = useNavigate();
  const { id } = useParams();
  const [params] = useSearchParams();
  const signalId = params.get('signal');
  const form = useFormErrors();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [loaded, setLoaded] = useState(!id && !signalId);
  const [corners, setCorners] = useState<LonLat[]>([]);
  const [cornerLat, setCornerLat] = useState('');
  const [cornerLon, setCornerLon] = useState('');
  const [geoJson, setGeoJson] = useState('');
  const [countryToAdd, setCountryToAdd] = useState('');
  const [count, setCount] = useState<{ total: number } | { error: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const countries = useApi<Country[]>('/api/v1/countries');
  const existing = useApi<Alert>(id ? alertPath(id) : null);
  const signal = useApi<IncomingSignal>(signalId ? signalPath(signalId) : null);
  useDocumentTitle(t(id ? 'alerts.compose.editTitle' : 'alerts.compose.title'));
  const nameOf = (code: string) => countries.data?.find((c) => c.code === code)?.name[locale] ?? code;

  useEffect(() => {
    if (existing.data && !loaded) {
      setDraft(fromAlert(existing.data));
      setLoaded(true);
    }
  }, [existing.data, loaded]);
  useEffect(() => {
    if (signal.data && !loaded) {
      // Boundary: the server's prefilled draft has the AlertDraftBody shape, without a country when none is known.
      const prefill = signal.data.draft as Partial<AlertDraftBody> & Pick<Alert, 'texts' | 'area'>;
      setDraft({
        ...fromAlert({ ...prefill, texts: prefill.texts ?? {}, area: prefill.area ?? {} }),
        signalId: signal.data.id,
      });
      setLoaded(true);
    }
  }, [signal.data, loaded]);

  const area = useMemo(() => areaOf(draft), [draft]);
  const areaKey = JSON.stringify(area);
  // The live count: asked again half a second after the area stops changing.
  // biome-ignore lint/correctness/useExhaustiveDependencies: areaKey stands for the area's content.
  useEffect(() => {
    if (areaKey === '{}') {
      setCount(null);
      return;
    }
    let stale = false;
    const timer = setTimeout(() => {
      countArea(area as Parameters<typeof countArea>[0], new Date().toISOString()).then(
        (answer) => !stale && setCount({ total: answer.total }),
        (error: unknown) =>
          !stale &&
          setCount({ error: (error as { problem?: { title?: string } })?.problem?.title ?? t('errors.network') }),
      );
    }, 500);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [areaKey]);

  const set = (change: Partial<Draft>) => setDraft({ ...draft, ...change });
  const setText = (l: Locale, part: keyof Text, value: string) =>
    set({ texts: { ...draft.texts, [l]: { ...draft.texts[l], [part]: value } } });

  const addCorner = (point: LonLat) => setCorners([...corners, point]);
  const addTypedCorner = () => {
    const lat = Number(cornerLat);
    const lon = Number(cornerLon);
    if (cornerLat === '' || cornerLon === '' || !Number.isFinite(lat) || !Number.isFinite(lon)) {
      form.show([{ fieldId: 'alert-corner-lat', message: () => t('alerts.compose.errors.corner') }]);
      return;
    }
    addCorner([lon, lat]);
    setCornerLat('');
    setCornerLon('');
  };
  const finishPolygon = () => {
    if (corners.length < 3) {
      form.show([{ fieldId: 'alert-corner-lat', message: () => t('alerts.compose.errors.corners') }]);
      return;
    }
    const first = corners[0] as LonLat;
    set({ polygons: [...draft.polygons, [...corners, first]] });
    setCorners([]);
    form.clear();
  };
  const addGeoJson = () => {
    const polygons = polygonsFromGeoJson(geoJson);
    if (!polygons) {
      form.show([{ fieldId: 'alert-geojson', message: () => t('alerts.compose.errors.geojson') }]);
      return;
    }
    set({ polygons: [...draft.polygons, ...ringsOf({ polygons } as AlertArea)] });
    setGeoJson('');
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const errors: FormError[] = [];
    if (!draft.country) errors.push({ fieldId: 'alert-country', message: () => t('alerts.compose.errors.country') });
    const written = LOCALES.filter((l) => draft.texts[l].headline.trim() || draft.texts[l].description.trim());
    if (written.length === 0)
      errors.push({ fieldId: 'alert-headline-zh-CN', message: () => t('alerts.compose.errors.language') });
    for (const l of written) {
      if (!draft.texts[l].headline.trim())
        errors.push({ fieldId: `alert-headline-${l}`, message: () => t('alerts.compose.errors.headline') });
      if (!draft.texts[l].description.trim())
        errors.push({ fieldId: `alert-description-${l}`, message: () => t('alerts.compose.errors.description') });
    }
    if (areaKey === '{}') errors.push({ fieldId: 'alert-corner-lat', message: () => t('alerts.compose.errors.area') });
    if (corners.length > 0)
      errors.push({ fieldId: 'alert-corner-lat', message: () => t('alerts.compose.errors.unfinished') });
    form.show(errors);
    if (errors.length > 0 || busy) return;
    setBusy(true);
    try {
      const saved = id ? await saveAlert(id, bodyOf(draft)) : await createAlert(bodyOf(draft));
      navigate(`/alerts/${saved.id}`, { state: { saved: t('alerts.compose.saved') } });
    } catch (error) {
      const ids = new Proxy({} as Record<string, string>, { get: (_, key: string) => fieldIdOf(key) });
      form.show(errorsFromFailure(error, ids, 'alert-country', t('errors.network')));
    } finally {
      setBusy(false);
    }
  };

  if (!loaded) {
    return (
      <>
        <h1>{t(id ? 'alerts.compose.editTitle' : 'alerts.compose.title')}</h1>
        {id ? <LoadError state={existing} /> : <LoadError state={signal} />}
        <p className="loading">{t('alerts.loading')}</p>
      </>
    );
  }

  const localized = (l: Locale) => (
    <fieldset key={l} className="fieldset" lang={l}>
      <legend className="label alert-language">
        {t('alerts.compose.language', { language: t(`alerts.languages.${l}`) })}
      </legend>
      <Field
        id={`alert-headline-${l}`}
        label={t('alerts.compose.headline')}
        error={form.errorFor(`alert-headline-${l}`)}
      >
        {(props) => (
          <input
            {...props}
            maxLength={160}
            value={draft.texts[l].headline}
            onChange={(e) => setText(l, 'headline', e.target.value)}
          />
        )}
      </Field>
      <Field
        id={`alert-description-${l}`}
        label={t('alerts.compose.description')}
        base="textarea"
        error={form.errorFor(`alert-description-${l}`)}
      >
        {(props) => (
          <textarea
            {...props}
            rows={4}
            value={draft.texts[l].description}
            onChange={(e) => setText(l, 'description', e.target.value)}
          />
        )}
      </Field>
      <Field id={`alert-instruction-${l}`} label={t('alerts.compose.instruction')} base="textarea">
        {(props) => (
          <textarea
            {...props}
            rows={3}
            value={draft.texts[l].instruction}
            onChange={(e) => setText(l, 'instruction', e.target.value)}
          />
        )}
      </Field>
    </fieldset>
  );

  return (
    <form onSubmit={save} noValidate aria-labelledby="alert-compose-heading" className="alert-compose">
      <h1 id="alert-compose-heading">{t(id ? 'alerts.compose.editTitle' : 'alerts.compose.title')}</h1>
      <p>{t('alerts.compose.intro')}</p>
      {signal.data ? (
        <p className="hint">{t('alerts.compose.fromSignal', { headline: signal.data.headline })}</p>
      ) : null}
      <ErrorSummary errors={form.errors} version={form.version} />
      <Field
        id="alert-country"
        label={t('alerts.compose.country')}
        hint={t('alerts.compose.countryHint')}
        base="select"
        error={form.errorFor('alert-country')}
      >
        {(props) => (
          <select {...props} value={draft.country} onChange={(e) => set({ country: e.target.value })}>
            <option value="">{t('alerts.compose.chooseCountry')}</option>
            {sortByName(countries.data ?? [], locale).map((c) => (
              <option key={c.code} value={c.code}>
                {c.name[locale]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <p className="hint">{t('alerts.compose.languagesHint')}</p>
      {LOCALES.map(localized)}
      <div className="alert-compose__cap">
        <Choice
          id="alert-category"
          label={t('alerts.cap.category')}
          values={ALERT_CATEGORIES}
          value={draft.category}
          onChange={(category) => set({ category })}
          labelOf={(v) => t(`alerts.category.${v}`)}
        />
        <Choice
          id="alert-urgency"
          label={t('alerts.cap.urgency')}
          values={ALERT_URGENCIES}
          value={draft.urgency}
          onChange={(urgency) => set({ urgency })}
          labelOf={(v) => t(`alerts.urgency.${v}`)}
        />
        <Choice
          id="alert-severity"
          label={t('alerts.cap.severity')}
          values={ALERT_SEVERITIES}
          value={draft.severity}
          onChange={(severity) => set({ severity })}
          labelOf={(v) => t(`alerts.severity.${v}`)}
        />
        <Choice
          id="alert-certainty"
          label={t('alerts.cap.certainty')}
          values={ALERT_CERTAINTIES}
          value={draft.certainty}
          onChange={(certainty) => set({ certainty })}
          labelOf={(v) => t(`alerts.certainty.${v}`)}
        />
      </div>
      <div className="alert-compose__cap">
        <Field id="alert-effective" label={t('alerts.cap.effective')} hint={t('alerts.compose.effectiveHint')}>
          {(props) => (
            <input
              {...props}
              type="datetime-local"
              value={draft.effective}
              onChange={(e) => set({ effective: e.target.value })}
            />
          )}
        </Field>
        <Field
          id="alert-expires"
          label={t('alerts.cap.expires')}
          hint={t('alerts.compose.expiresHint')}
          error={form.errorFor('alert-expires')}
        >
          {(props) => (
            <input
              {...props}
              type="datetime-local"
              value={draft.expires}
              onChange={(e) => set({ expires: e.target.value })}
            />
          )}
        </Field>
      </div>
      <Field id="alert-sender" label={t('alerts.cap.senderName')} hint={t('alerts.compose.senderHint')}>
        {(props) => <input {...props} value={draft.senderName} onChange={(e) => set({ senderName: e.target.value })} />}
      </Field>
      <div className="checkbox">
        <input
          id="alert-checkin"
          type="checkbox"
          checked={draft.checkin}
          onChange={(e) => set({ checkin: e.target.checked })}
        />
        <label htmlFor="alert-checkin">{t('alerts.compose.checkin')}</label>
      </div>

      <h2>{t('alerts.compose.areaHeading')}</h2>
      <p className="hint">{t('alerts.compose.areaHint')}</p>
      <p className="alert-count" aria-live="polite" role="status">
        {count === null
          ? t('alerts.compose.countNone')
          : 'error' in count
            ? count.error
            : count.total === 0
              ? t('alerts.compose.countZero')
              : t('alerts.compose.count', { count: count.total, formatted: formatNumber(count.total, locale) })}
      </p>
      <AreaMap
        country={draft.country}
        polygons={draft.polygons}
        circles={draft.circles}
        drawing={corners}
        onAddPoint={addCorner}
        label={t('alerts.compose.mapLabel', { count: corners.length })}
      />
      <p className="hint">{t('alerts.compose.mapHint')}</p>
      <fieldset className="fieldset">
        <legend className="label alert-language">{t('alerts.compose.cornersLegend', { count: corners.length })}</legend>
        {corners.length > 0 ? (
          <ol className="alert-corners">
            {corners.map(([lon, lat], i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: corners are in drawing order.
              <li key={i}>{t('alerts.compose.corner', { lat, lon })}</li>
            ))}
          </ol>
        ) : null}
        <div className="alert-compose__cap">
          <Field id="alert-corner-lat" label={t('alerts.compose.lat')} error={form.errorFor('alert-corner-lat')}>
            {(props) => (
              <input {...props} inputMode="decimal" value={cornerLat} onChange={(e) => setCornerLat(e.target.value)} />
            )}
          </Field>
          <Field id="alert-corner-lon" label={t('alerts.compose.lon')}>
            {(props) => (
              <input {...props} inputMode="decimal" value={cornerLon} onChange={(e) => setCornerLon(e.target.value)} />
            )}
          </Field>
        </div>
        <div className="button-group">
          <button type="button" className="button button--secondary" onClick={addTypedCorner}>
            {t('alerts.compose.addCorner')}
          </button>
          <button type="button" className="button button--secondary" onClick={finishPolygon}>
            {t('alerts.compose.finishPolygon')}
          </button>
          {corners.length > 0 ? (
            <button type="button" className="link-button" onClick={() => setCorners([])}>
              {t('alerts.compose.clearCorners')}
            </button>
          ) : null}
        </div>
      </fieldset>
      {draft.polygons.length + draft.circles.length + draft.countries.length + draft.regions.length > 0 ? (
        <ul className="plain-list alert-parts">
          {draft.countries.map((code) => (
            <li key={code}>
              {t('alerts.compose.wholeCountry', { name: nameOf(code) })}{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => set({ countries: draft.countries.filter((c) => c !== code) })}
              >
                {t('alerts.compose.remove')}
              </button>
            </li>
          ))}
          {draft.regions.map((code) => (
            <li key={code}>
              {t('alerts.compose.region', { code })}{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => set({ regions: draft.regions.filter((c) => c !== code) })}
              >
                {t('alerts.compose.remove')}
              </button>
            </li>
          ))}
          {draft.polygons.map((ring, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: polygons are in drawing order.
            <li key={`p${i}`}>
              {t('alerts.compose.polygon', { n: i + 1, corners: ring.length - 1 })}{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => set({ polygons: draft.polygons.filter((_, j) => j !== i) })}
              >
                {t('alerts.compose.remove')}
              </button>
            </li>
          ))}
          {draft.circles.map((c, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: circles are in order.
            <li key={`c${i}`}>
              {t('alerts.compose.circle', { lat: c.lat, lon: c.lon, radius: c.radiusKm })}{' '}
              <button
                type="button"
                className="link-button"
                onClick={() => set({ circles: draft.circles.filter((_, j) => j !== i) })}
              >
                {t('alerts.compose.remove')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="alert-compose__cap">
        <Field id="alert-add-country" label={t('alerts.compose.addCountry')} base="select">
          {(props) => (
            <select {...props} value={countryToAdd} onChange={(e) => setCountryToAdd(e.target.value)}>
              <option value="">{t('alerts.compose.chooseCountry')}</option>
              {sortByName(countries.data ?? [], locale).map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name[locale]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="button-group">
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            if (countryToAdd && !draft.countries.includes(countryToAdd))
              set({ countries: [...draft.countries, countryToAdd] });
            setCountryToAdd('');
          }}
        >
          {t('alerts.compose.addCountryAction')}
        </button>
      </div>
      <Field
        id="alert-geojson"
        label={t('alerts.compose.geojson')}
        hint={t('alerts.compose.geojsonHint')}
        base="textarea"
        error={form.errorFor('alert-geojson')}
      >
        {(props) => <textarea {...props} rows={3} value={geoJson} onChange={(e) => setGeoJson(e.target.value)} />}
      </Field>
      <div className="button-group">
        <button type="button" className="button button--secondary" onClick={addGeoJson}>
          {t('alerts.compose.addGeojson')}
        </button>
      </div>
      <div className="button-group">
        <button type="submit" className="button" aria-disabled={busy}>
          {t('alerts.compose.save')}
        </button>
      </div>
    </form>
  );
}
