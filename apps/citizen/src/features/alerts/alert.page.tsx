import './alerts.css';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { dateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { useSession } from '../accounts/session.context.tsx';
import { HotlineLink } from '../meta/hotline.component.tsx';
import { LoadFailed } from '../offline/offline.component.tsx';
import { alertPath, answerAlert, type CitizenAlert } from './alerts.api.ts';
import { CheckinButtons } from './checkin-buttons.component.tsx';

/**
 * A safety alert in the reader's language (the other one when it was written in one only), with "Are you
 * safe?" for the people it reached. Published alerts are public: anyone with the link reads them.
 */
export function AlertPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { id = '' } = useParams();
  const { session } = useSession();
  // The person's own answer is in the answer: not kept on a shared phone. The path changes with the session so
  // signing in loads the answer.
  const state = useApi<CitizenAlert>(`${alertPath(id)}${session ? '' : '?'}`, { keepOnDevice: false });
  const alert = state.data;
  useDocumentTitle(alert?.headline ?? t('alerts.title'));
  return (
    <>
      {state.status === 'error' ? (
        state.error.status === 404 ? (
          <>
            <h1>{t('alerts.notFound')}</h1>
            <p>
              <Link to="/">{t('alerts.home')}</Link>
            </p>
          </>
        ) : (
          <LoadFailed onRetry={state.retry} />
        )
      ) : null}
      {state.status === 'loading' ? <p className="loading">{t('alerts.loading')}</p> : null}
      {alert ? (
        <article lang={alert.language} className="alert">
          <p className={`alert__severity alert__severity--${alert.severity}`}>
            <strong>{t(`alerts.severity.${alert.severity}`)}</strong> · {t(`alerts.urgency.${alert.urgency}`)}
          </p>
          <h1>{alert.headline}</h1>
          {alert.status === 'cancelled' ? (
            <p className="notice" role="status">
              {t('alerts.cancelled', { at: alert.cancelledAt ? dateTime(alert.cancelledAt, locale) : '' })}
            </p>
          ) : null}
          <p className="pre-line">{alert.description}</p>
          {alert.instruction ? (
            <section aria-labelledby="alert-instruction">
              <h2 id="alert-instruction">{t('alerts.whatToDo')}</h2>
              <p className="pre-line">{alert.instruction}</p>
            </section>
          ) : null}
          <p className="hint">
            {t('alerts.sent', { sender: alert.senderName, at: dateTime(alert.publishedAt, locale) })}
            {alert.updatedAt !== alert.publishedAt
              ? ` ${t('alerts.updated', { at: dateTime(alert.updatedAt, locale) })}`
              : ''}
          </p>
          {alert.expires ? (
            <p className="hint">{t('alerts.expires', { at: dateTime(alert.expires, locale) })}</p>
          ) : null}
          {alert.checkin ? (
            <CheckinButtons
              answer={alert.answer}
              answeredAt={alert.answeredAt}
              send={(body) => answerAlert(alert.id, body)}
            />
          ) : null}
          <section aria-labelledby="alert-hotline">
            <h2 id="alert-hotline">{t('alerts.needHelpNow')}</h2>
            <HotlineLink />
          </section>
        </article>
      ) : null}
    </>
  );
}
