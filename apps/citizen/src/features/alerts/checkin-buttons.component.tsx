import type { CheckinAnswer, CheckinBody, CheckinResult } from '@homeward/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { ApiError } from '../../lib/api.client.ts';
import { dateTime } from '../../lib/format.ts';
import { HotlineLink } from '../meta/hotline.component.tsx';
import { currentPosition } from './alerts.api.ts';

/**
 * "Are you safe?": Safe is one tap; Need help asks once whether to share the phone's position (a refusal or a
 * phone without location still sends), then opens a case at the mission. The last answer counts; it can change.
 */
export function CheckinButtons({
  answer,
  answeredAt,
  send,
  autoAnswer,
  showHeading = true,
}: {
  answer: CheckinAnswer | null;
  answeredAt: string | null;
  send: (body: CheckinBody) => Promise<CheckinResult>;
  /** The answer a one-tap link carries: Safe is recorded at once, Need help is confirmed first. */
  autoAnswer?: CheckinAnswer | null;
  /** False where the page's own heading already asks the question (the link's landing page). */
  showHeading?: boolean;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [current, setCurrent] = useState<{
    answer: CheckinAnswer | null;
    at: string | null;
    caseNumber: string | null;
  }>({
    answer,
    at: answeredAt,
    caseNumber: null,
  });
  const [asking, setAsking] = useState(autoAnswer === 'need_help');
  const [share, setShare] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [autoSent, setAutoSent] = useState(false);

  const answerWith = async (value: CheckinAnswer) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const body: CheckinBody = { answer: value };
      if (value === 'need_help' && share) {
        const position = await currentPosition();
        if (position) Object.assign(body, position);
      }
      const result = await send(body);
      setCurrent({ answer: result.answer, at: result.answeredAt, caseNumber: result.caseNumber });
      setAsking(false);
    } catch (failure) {
      setError(
        failure instanceof ApiError
          ? (failure.problem?.title ?? t('alerts.checkin.offline'))
          : t('alerts.checkin.offline'),
      );
    } finally {
      setBusy(false);
    }
  };

  if (autoAnswer === 'safe' && !autoSent && current.answer !== 'safe') {
    setAutoSent(true);
    void answerWith('safe');
  }

  return (
    <section
      className="checkin"
      {...(showHeading ? { 'aria-labelledby': 'checkin-heading' } : { 'aria-label': t('alerts.checkin.question') })}
    >
      {showHeading ? <h2 id="checkin-heading">{t('alerts.checkin.question')}</h2> : null}
      {current.answer ? (
        <div className={`checkin__answer checkin__answer--${current.answer}`} role="status">
          <p>
            <strong>
              {current.answer === 'safe' ? t('alerts.checkin.recordedSafe') : t('alerts.checkin.recordedHelp')}
            </strong>
          </p>
          {current.at ? <p className="hint">{t('alerts.checkin.at', { at: dateTime(current.at, locale) })}</p> : null}
          {current.caseNumber ? <p>{t('alerts.checkin.caseOpened', { number: current.caseNumber })}</p> : null}
          {current.answer === 'need_help' ? <HotlineLink /> : null}
        </div>
      ) : (
        <p>{t('alerts.checkin.intro')}</p>
      )}
      {error ? (
        <p className="error-message" role="alert">
          {error}
        </p>
      ) : null}
      {asking ? (
        <fieldset className="checkin__help">
          <legend>
            <strong>{t('alerts.checkin.helpQuestion')}</strong>
          </legend>
          <p className="hint">{t('alerts.checkin.locationWhy')}</p>
          <div className="checkbox">
            <input id="checkin-share" type="checkbox" checked={share} onChange={(e) => setShare(e.target.checked)} />
            <label htmlFor="checkin-share">{t('alerts.checkin.share')}</label>
          </div>
          <div className="button-group">
            <button
              type="button"
              className="button button--warning button--block"
              aria-disabled={busy}
              onClick={() => answerWith('need_help')}
            >
              {t('alerts.checkin.sendHelp')}
            </button>
            <button type="button" className="link-button" onClick={() => setAsking(false)}>
              {t('alerts.checkin.back')}
            </button>
          </div>
        </fieldset>
      ) : (
        <div className="checkin__buttons">
          <button
            type="button"
            className="button button--block checkin__safe"
            aria-disabled={busy}
            aria-pressed={current.answer === 'safe'}
            onClick={() => answerWith('safe')}
          >
            {t('alerts.checkin.safe')}
          </button>
          <button
            type="button"
            className="button button--warning button--block"
            aria-pressed={current.answer === 'need_help'}
            onClick={() => setAsking(true)}
          >
            {t('alerts.checkin.needHelp')}
          </button>
        </div>
      )}
    </section>
  );
}
