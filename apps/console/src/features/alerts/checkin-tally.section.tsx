import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { ApiError } from '../../lib/api.client.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { Confirm } from '../forms/confirm.component.tsx';
import {
  type Alert,
  type CheckinTally,
  getTally,
  liveTallyPath,
  remindUnanswered,
  unaccountedCsvPath,
} from './alerts.api.ts';
import { AreaMap, type LonLat } from './area-map.component.tsx';

/**
 * "Are you safe?" answers as they come in: the tally over Server-Sent Events (the server sends it when it
 * changes), the answers that shared a place on the map, reminders to those who have not answered, and the
 * list of the unaccounted as CSV (audited; writers only).
 */
export function CheckinTallySection({ alert, canWrite }: { alert: Alert; canWrite: boolean }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [tally, setTally] = useState<CheckinTally | null>(null);
  const [live, setLive] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    let closed = false;
    getTally(alert.id).then(
      (first) => !closed && setTally(first),
      () => undefined,
    );
    const source = new EventSource(liveTallyPath(alert.id), { withCredentials: true });
    source.addEventListener('tally', (event) => {
      setLive(true);
      // Boundary: the server writes CheckinTallySchema as the event's data.
      setTally(JSON.parse((event as MessageEvent<string>).data) as CheckinTally);
    });
    source.onerror = () => setLive(false);
    return () => {
      closed = true;
      source.close();
    };
  }, [alert.id]);

  const remind = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const { reminded } = await remindUnanswered(alert.id);
      setMessage(t('alerts.checkins.remindedSent', { count: reminded, formatted: formatNumber(reminded, locale) }));
    } catch (error) {
      setMessage(error instanceof ApiError ? (error.problem?.title ?? t('errors.network')) : t('errors.network'));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  const polygons: LonLat[][] = (alert.area.polygons ?? []).flatMap((p) =>
    p.type === 'Polygon'
      ? [((p.coordinates as number[][][])[0] ?? []) as LonLat[]]
      : (p.coordinates as number[][][][]).map((r) => (r[0] ?? []) as LonLat[]),
  );
  const n = (value: number) => formatNumber(value, locale);
  return (
    <section aria-labelledby="checkins-heading" className="alert-checkins">
      <h2 id="checkins-heading">{t('alerts.checkins.heading')}</h2>
      {tally ? (
        <>
          {tally.preparing ? (
            <p className="notice alert-preparing" role="status">
              {t('alerts.checkins.preparing')}
            </p>
          ) : null}
          <dl className="alert-tally" aria-live="polite">
            <div>
              <dt>{t('alerts.checkins.recipients')}</dt>
              <dd>{n(tally.recipients)}</dd>
            </div>
            <div className="alert-tally--safe">
              <dt>{t('alerts.answer.safe')}</dt>
              <dd data-testid="tally-safe">{n(tally.safe)}</dd>
            </div>
            <div className="alert-tally--help">
              <dt>{t('alerts.answer.need_help')}</dt>
              <dd data-testid="tally-help">{n(tally.needHelp)}</dd>
            </div>
            <div>
              <dt>{t('alerts.checkins.unanswered')}</dt>
              <dd>{n(tally.unanswered)}</dd>
            </div>
            <div>
              <dt>{t('alerts.checkins.reminded')}</dt>
              <dd>{n(tally.reminded)}</dd>
            </div>
          </dl>
          <p className="hint">
            {live ? t('alerts.checkins.live') : t('alerts.checkins.asOf', { at: formatDateTime(tally.at, locale) })}
          </p>
          <AreaMap
            country={alert.country}
            polygons={polygons}
            circles={alert.area.circles ?? []}
            points={tally.points}
            label={t('alerts.checkins.mapLabel', {
              safe: tally.points.filter((p) => p.answer === 'safe').length,
              help: tally.points.filter((p) => p.answer === 'need_help').length,
            })}
          />
          <p className="hint">{t('alerts.checkins.mapHint')}</p>
          {canWrite ? (
            <>
              {message ? (
                <p className="notice" role="status">
                  {message}
                </p>
              ) : null}
              {confirming ? (
                <Confirm
                  question={t('alerts.checkins.remindConfirm', {
                    count: tally.unanswered,
                    formatted: n(tally.unanswered),
                  })}
                  confirmLabel={t('alerts.checkins.remind')}
                  onConfirm={remind}
                  onCancel={() => setConfirming(false)}
                  busy={busy}
                />
              ) : (
                <div className="button-group">
                  <button
                    type="button"
                    className="button button--secondary"
                    disabled={tally.preparing || tally.unanswered === 0 || alert.status !== 'published'}
                    onClick={() => setConfirming(true)}
                  >
                    {t('alerts.checkins.remind')}
                  </button>
                  {tally.preparing ? null : (
                    <a className="button button--secondary" href={unaccountedCsvPath(alert.id)} download>
                      {t('alerts.checkins.export')}
                    </a>
                  )}
                </div>
              )}
              <p className="hint">{t('alerts.checkins.exportHint')}</p>
            </>
          ) : null}
        </>
      ) : (
        <p className="loading">{t('alerts.loading')}</p>
      )}
    </section>
  );
}
