import './arrival.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { BackToAccount } from '../accounts/account-links.component.tsx';
import { coarsePosition, PositionRefused, reportPosition } from './arrival.api.ts';
import { hasArrivalConsent, setArrivalConsent } from './arrival.consent.ts';

type Outcome = 'on' | 'off' | 'refused' | 'failed' | null;

function countryName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * The arrival-message setting (decision 0025): what turning it on shares, with whom and why, before the browser
 * asks; off by default; turning it on asks for the position at once (the person just chose to), and a refusal
 * leaves it off without blocking anything else.
 */
export function LocationPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  useDocumentTitle(t('arrival.title'));
  const [on, setOn] = useState(hasArrivalConsent);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [country, setCountry] = useState<string | null>(null);

  const change = async (next: boolean) => {
    if (busy) return;
    if (!next) {
      setArrivalConsent(false);
      setOn(false);
      setOutcome('off');
      return;
    }
    // The box shows the choice at once; it is unticked again if the browser refuses.
    setOn(true);
    setBusy(true);
    try {
      const position = await coarsePosition();
      setArrivalConsent(true);
      setOn(true);
      const result = await reportPosition(position).catch(() => null);
      setCountry(result?.country ?? null);
      setOutcome('on');
    } catch (error) {
      setArrivalConsent(false);
      setOn(false);
      setOutcome(error instanceof PositionRefused ? 'refused' : 'failed');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="narrow">
      <BackToAccount />
      <h1>{t('arrival.title')}</h1>
      <p>{t('arrival.why')}</p>
      <h2>{t('arrival.whatHeading')}</h2>
      <ul>
        <li>{t('arrival.whatWhen')}</li>
        <li>{t('arrival.whatKept')}</li>
        <li>{t('arrival.whatWho')}</li>
        <li>{t('arrival.whatOff')}</li>
      </ul>
      <fieldset className="arrival-setting">
        <legend>{t('arrival.legend')}</legend>
        <div className="arrival-checkbox">
          <input
            id="arrival-consent"
            type="checkbox"
            aria-describedby="arrival-consent-hint"
            checked={on}
            aria-disabled={busy}
            onChange={(event) => void change(event.target.checked)}
          />
          <label htmlFor="arrival-consent">{t('arrival.consent')}</label>
        </div>
        <p className="hint" id="arrival-consent-hint">
          {t('arrival.consentHint')}
        </p>
      </fieldset>
      <p role="status" className={outcome === 'refused' || outcome === 'failed' ? 'notice' : 'arrival-status'}>
        {busy
          ? t('arrival.asking')
          : outcome === 'on'
            ? country
              ? t('arrival.onIn', { country: countryName(country, locale) })
              : t('arrival.on')
            : outcome === 'off'
              ? t('arrival.off')
              : outcome === 'refused'
                ? t('arrival.refused')
                : outcome === 'failed'
                  ? t('arrival.failed')
                  : on
                    ? t('arrival.isOn')
                    : t('arrival.isOff')}
      </p>
    </div>
  );
}
