import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Checkbox } from './registration.fields.tsx';

export interface Point {
  lat: number;
  lon: number;
}

type Locating = 'idle' | 'asking' | 'done' | 'denied' | 'unavailable' | 'timeout';

/**
 * Precise location, only with explicit consent: the box says what is stored, who sees it and that it can be
 * withdrawn, before the browser's own prompt. Refusing or failing never blocks saving the city.
 */
export function PreciseLocation({
  consent,
  onConsent,
  point,
  onPoint,
  error,
}: {
  consent: boolean;
  onConsent: (consent: boolean) => void;
  point: Point | null;
  onPoint: (point: Point | null) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const [locating, setLocating] = useState<Locating>(point ? 'done' : 'idle');

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setLocating('unavailable');
      return;
    }
    setLocating('asking');
    navigator.geolocation.getCurrentPosition(
      (position) => {
        // Four decimals (about 10 m) is all a rescue needs; more would only be noise from the sensor.
        const round = (n: number) => Math.round(n * 10_000) / 10_000;
        onPoint({ lat: round(position.coords.latitude), lon: round(position.coords.longitude) });
        setLocating('done');
      },
      (failure) => {
        onPoint(null);
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
      ? t('registration.precise.asking')
      : locating === 'done' && point
        ? t('registration.precise.got', { lat: point.lat, lon: point.lon })
        : locating === 'denied'
          ? t('registration.precise.denied')
          : locating === 'timeout'
            ? t('registration.precise.timeout')
            : locating === 'unavailable'
              ? t('registration.precise.unavailable')
              : '';

  return (
    <fieldset className={error ? 'form-group fieldset form-group--error' : 'form-group fieldset'}>
      <legend className="label">{t('registration.precise.legend')}</legend>
      <Checkbox
        id="preciseConsent"
        label={t('registration.precise.consent')}
        hint={t('registration.precise.consentHint')}
        checked={consent}
        onChange={(checked) => {
          onConsent(checked);
          if (!checked) {
            onPoint(null);
            setLocating('idle');
          }
        }}
      />
      {consent ? (
        <div className="reg-precise">
          {error ? (
            <p className="error-message" id="locate-error">
              <span className="visually-hidden">{t('errors.prefix')}</span>
              {error}
            </p>
          ) : null}
          <button
            type="button"
            id="locate"
            className="button button--secondary"
            onClick={locate}
            aria-disabled={locating === 'asking'}
            aria-describedby={error ? 'locate-error' : undefined}
          >
            {point ? t('registration.precise.again') : t('registration.precise.use')}
          </button>
        </div>
      ) : null}
      <p
        role="status"
        className={
          !consent || !status
            ? 'reg-status'
            : locating === 'done' || locating === 'asking'
              ? 'hint reg-status'
              : 'warning-text reg-status'
        }
      >
        {consent ? status : ''}
      </p>
    </fieldset>
  );
}
