import { problemTitle } from '@homeward/shared';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { ApiError, getJson, sendJson } from '../../lib/api.client.ts';
import { RegistrationTag } from './campaign-tags.component.tsx';
import {
  type CampaignCheckInCode,
  isActive,
  type MyCampaignRegistration,
  myRegistrationPath,
  placeDateTime,
} from './campaigns.api.ts';

/** The check-in QR of my place, drawn from the signed code the server gives (no personal data in it). */
function CheckInQr({ registration }: { registration: MyCampaignRegistration }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [code, setCode] = useState<CampaignCheckInCode | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    getJson<CampaignCheckInCode>(`${myRegistrationPath(registration.id)}/check-in-code`, controller.signal).then(
      setCode,
      () => {
        if (!controller.signal.aborted) setFailed(true);
      },
    );
    return () => controller.abort();
  }, [registration.id]);
  if (failed) {
    return (
      <p className="error-message" role="alert">
        {t('campaigns.place.qrFailed')}
      </p>
    );
  }
  if (!code) {
    return (
      <p role="status" className="hint">
        {t('common.loading')}
      </p>
    );
  }
  const when = registration.allocation
    ? placeDateTime(registration.allocation.startsAt, registration.allocation.timeZone, locale)
    : '';
  return (
    <div className="camp-qr">
      <img
        src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(code.svg)}`}
        alt={t('campaigns.place.qrAlt', { when })}
        width={228}
        height={228}
      />
      <p className="hint">{t('campaigns.place.qrHint')}</p>
      <p className="hint">
        {t('campaigns.place.code')}
        {t('campaigns.colon')}
        <code className="camp-code">{code.code}</code>
      </p>
    </div>
  );
}

/**
 * My registration for a campaign: waiting, or my place (when and where, the calendar file, the QR to show on
 * arrival), and cancelling after a confirmation.
 */
export function MyPlace({
  registration,
  onChanged,
}: {
  registration: MyCampaignRegistration;
  onChanged: (note: string) => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [qr, setQr] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const keep = useRef<HTMLButtonElement>(null);
  const question = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (confirming) question.current?.focus();
  }, [confirming]);
  const place = registration.allocation;
  const when = place ? placeDateTime(place.startsAt, place.timeZone, locale) : null;

  async function cancel() {
    setBusy(true);
    setError(null);
    try {
      await sendJson('POST', `${myRegistrationPath(registration.id)}/cancel`);
      setConfirming(false);
      onChanged(t('campaigns.place.cancelled'));
    } catch (e) {
      setError(e instanceof ApiError && e.problem ? e.problem.title : problemTitle('internal_error', locale));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel camp-place" aria-labelledby="my-place-title">
      <h2 id="my-place-title">{t('campaigns.place.title')}</h2>
      <p>
        <RegistrationTag registration={registration} />
      </p>
      {registration.status === 'waiting' ? <p>{t('campaigns.place.waiting')}</p> : null}
      {place && when ? (
        <dl className="camp-facts">
          <dt>{t('campaigns.place.when')}</dt>
          <dd>{t('campaigns.place.localTime', { when })}</dd>
          <dt>{t('campaigns.place.where')}</dt>
          <dd>
            {place.siteName[locale]}
            <br />
            {place.address}
          </dd>
        </dl>
      ) : null}
      {registration.status === 'allocated' && place ? (
        <>
          <p>{t('campaigns.place.bring')}</p>
          <div className="camp-actions">
            <button type="button" className="button" aria-expanded={qr} onClick={() => setQr(!qr)}>
              {t(qr ? 'campaigns.place.hideQr' : 'campaigns.place.showQr')}
            </button>
            <a
              className="button button--secondary"
              href={`${myRegistrationPath(registration.id)}/calendar.ics`}
              download
            >
              {t('campaigns.place.calendar')}
            </a>
          </div>
          {qr ? <CheckInQr registration={registration} /> : null}
        </>
      ) : null}
      {error ? (
        <p className="error-message" role="alert">
          {error}
        </p>
      ) : null}
      {isActive(registration) && !confirming ? (
        <p>
          <button type="button" className="button button--warning" onClick={() => setConfirming(true)}>
            {t('campaigns.place.cancel')}
          </button>
        </p>
      ) : null}
      {confirming ? (
        <div className="panel camp-confirm">
          <p ref={question} tabIndex={-1}>
            {when ? t('campaigns.place.cancelConfirmPlace', { when }) : t('campaigns.place.cancelConfirm')}
          </p>
          <div className="camp-actions">
            <button type="button" className="button button--warning" onClick={cancel} disabled={busy}>
              {t('campaigns.place.cancelYes')}
            </button>
            <button ref={keep} type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
              {t('campaigns.place.cancelNo')}
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
