import type { Presence } from '@homeward/shared';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { sortByName } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { SelectField, TextField } from '../accounts/form.components.tsx';
import type { Country } from '../missions/missions.api.ts';
import { type ChosenCity, CityCombobox } from '../registration/city-combobox.component.tsx';
import { type PlaceRegion, regionsPath } from '../registration/registration.api.ts';
import { Checkbox, CountryFilterField } from '../registration/registration.fields.tsx';
import type { Draft, FieldId } from './help-request.model.ts';

type Locating = 'idle' | 'asking' | 'done' | 'denied' | 'unavailable' | 'timeout';

/**
 * Where the person needing help is: the country always (it decides the mission), a town and a place if known,
 * the registered place in one tap, and the phone's position only after the box that says who will see it.
 * Refusing the position never blocks the request.
 */
export function LocationSection({
  draft,
  set,
  countries,
  current,
  errors,
}: {
  draft: Draft;
  set: (change: Partial<Draft>) => void;
  countries: readonly Country[];
  /** Where the person is registered now, when signed in and registered. */
  current: Presence | null;
  errors: Partial<Record<FieldId, string>>;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [filter, setFilter] = useState('');
  const [locating, setLocating] = useState<Locating>(draft.point ? 'done' : 'idle');
  const regions = useApi<{ items: PlaceRegion[] }>(draft.country ? regionsPath(draft.country) : null);
  const sorted = useMemo(() => sortByName(countries, locale), [countries, locale]);
  const needle = filter.trim().toLocaleLowerCase();
  const shown = sorted.filter(
    (c) =>
      c.code === draft.country ||
      !needle ||
      c.name.en.toLocaleLowerCase().includes(needle) ||
      c.name['zh-CN'].includes(filter.trim()) ||
      c.code.toLocaleLowerCase() === needle,
  );
  const onCityText = useCallback((text: string) => set({ cityText: text }), [set]);

  const fillRegistered = () => {
    if (!current) return;
    set({
      country: current.countryCode,
      region: current.regionCode ?? '',
      city:
        current.cityId && current.cityName
          ? { id: current.cityId, name: current.cityName, regionCode: current.regionCode }
          : null,
      cityText: current.cityName ?? '',
      fromRegistry: true,
    });
  };

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setLocating('unavailable');
      return;
    }
    setLocating('asking');
    navigator.geolocation.getCurrentPosition(
      (position) => {
        // Four decimals (about 10 m) is all a rescue needs.
        const round = (n: number) => Math.round(n * 10_000) / 10_000;
        set({ point: { lat: round(position.coords.latitude), lon: round(position.coords.longitude) } });
        setLocating('done');
      },
      (failure) => {
        set({ point: null });
        setLocating(
          failure.code === failure.PERMISSION_DENIED
            ? 'denied'
            : failure.code === failure.TIMEOUT
              ? 'timeout'
              : 'unavailable',
        );
      },
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 },
    );
  };

  const status =
    locating === 'asking'
      ? t('help.form.locateAsking')
      : locating === 'done' && draft.point
        ? t('help.form.locateGot', { lat: draft.point.lat, lon: draft.point.lon })
        : locating === 'denied' || locating === 'timeout' || locating === 'unavailable'
          ? t(`help.form.locate_${locating}`)
          : '';

  const registeredPlace = current
    ? [current.cityName, countries.find((c) => c.code === current.countryCode)?.name[locale] ?? current.countryCode]
        .filter(Boolean)
        .join(locale === 'zh-CN' ? '，' : ', ')
    : '';

  return (
    <section className="help-section" aria-labelledby="where-heading">
      <h2 id="where-heading">{t('help.form.whereHeading')}</h2>
      {current ? (
        <div className="form-group">
          <button type="button" className="button button--secondary" onClick={fillRegistered}>
            {t('help.form.useRegistered', { place: registeredPlace })}
          </button>
        </div>
      ) : null}
      <CountryFilterField value={filter} onChange={setFilter} />
      <SelectField
        id="country"
        label={t('help.form.country')}
        error={errors.country}
        value={draft.country}
        onChange={(country) => set({ country, region: '', city: null, cityText: '', fromRegistry: false })}
        options={shown.map((c) => ({ value: c.code, label: c.name[locale] }))}
        emptyLabel={t('help.countryNone')}
      />
      <CityCombobox
        id="city"
        country={draft.country}
        value={draft.city}
        onChange={(city: ChosenCity | null) =>
          set({ city, fromRegistry: false, ...(city?.regionCode ? { region: city.regionCode } : {}) })
        }
        onText={onCityText}
        error={errors.city}
      />
      {regions.data && regions.data.items.length > 0 ? (
        <SelectField
          id="region"
          label={t('registration.presence.region')}
          hint={t('registration.presence.regionHint')}
          value={draft.region}
          onChange={(region) => set({ region, fromRegistry: false })}
          options={regions.data.items.map((r) => ({ value: r.code, label: r.name }))}
          emptyLabel={t('registration.notGiven')}
        />
      ) : null}
      <TextField
        id="label"
        label={t('help.form.placeLabel')}
        hint={t('help.form.placeHint')}
        value={draft.label}
        onChange={(label) => set({ label })}
        maxLength={300}
        autoComplete="off"
      />
      <fieldset className={errors.locate ? 'form-group fieldset form-group--error' : 'form-group fieldset'}>
        <legend className="label">{t('help.form.locateLegend')}</legend>
        <Checkbox
          id="locateConsent"
          label={t('help.form.locateConsent')}
          hint={t('help.form.locateConsentHint')}
          checked={draft.consent}
          onChange={(consent) => {
            set(consent ? { consent } : { consent, point: null });
            if (!consent) setLocating('idle');
          }}
        />
        {draft.consent ? (
          <div className="help-locate">
            {errors.locate ? (
              <p className="error-message" id="locate-error">
                <span className="visually-hidden">{t('errors.prefix')}</span>
                {errors.locate}
              </p>
            ) : null}
            <button
              type="button"
              id="locate"
              className="button button--secondary"
              onClick={locate}
              aria-disabled={locating === 'asking'}
              aria-describedby={errors.locate ? 'locate-error' : undefined}
            >
              {draft.point ? t('help.form.locateAgain') : t('help.form.locateUse')}
            </button>
          </div>
        ) : null}
        <p role="status" className={locating === 'done' || locating === 'asking' || !status ? 'hint' : 'warning-text'}>
          {draft.consent ? status : ''}
        </p>
      </fieldset>
    </section>
  );
}
