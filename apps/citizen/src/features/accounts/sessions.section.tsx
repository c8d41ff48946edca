import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { currentLocale } from '../../i18n/i18n.ts';
import { dateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { LoadFailed } from '../offline/offline.component.tsx';
import { endSession, SESSIONS_PATH, type SessionInfo, signOutEverywhere } from './accounts.api.ts';
import { ConfirmPanel, ErrorSummary, errorsFromApi, SuccessNotice, useFormErrors } from './form.components.tsx';
import type { SignInNotice } from './sign-in.page.tsx';

const ORDER: readonly string[] = [];

/** "Firefox on Android" from a user-agent string: enough to recognise a device, no more. */
export function describeDevice(userAgent: string | null, unknown: string): string {
  if (!userAgent) return unknown;
  const browser =
    [
      ['Edg/', 'Edge'],
      ['OPR/', 'Opera'],
      ['Firefox/', 'Firefox'],
      ['MicroMessenger', 'WeChat'],
      ['Chrome/', 'Chrome'],
      ['Safari/', 'Safari'],
    ].find(([marker]) => marker && userAgent.includes(marker))?.[1] ?? unknown;
  const system =
    [
      ['Android', 'Android'],
      ['iPhone', 'iPhone'],
      ['iPad', 'iPad'],
      ['Windows', 'Windows'],
      ['Mac OS X', 'macOS'],
      ['CrOS', 'ChromeOS'],
      ['Linux', 'Linux'],
    ].find(([marker]) => marker && userAgent.includes(marker))?.[1] ?? null;
  return system ? `${browser} · ${system}` : browser;
}

/** Where the account is signed in: end one other session, or all of them after asking. */
export function SessionsSection() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const navigate = useNavigate();
  const sessions = useApi<SessionInfo[]>(SESSIONS_PATH, { keepOnDevice: false });
  const [busy, setBusy] = useState(false);
  const [confirmEverywhere, setConfirmEverywhere] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const errors = useFormErrors(ORDER);

  const onEnd = async (session: SessionInfo) => {
    if (busy) return;
    setBusy(true);
    try {
      await endSession(session.id);
      errors.clear();
      setDone(t('security.sessionEnded'));
      sessions.retry();
    } catch (error) {
      errors.show(errorsFromApi(error, {}, t('errors.network')));
    } finally {
      setBusy(false);
    }
  };

  const onEverywhere = async () => {
    if (busy) return;
    setBusy(true);
    try {
      await signOutEverywhere();
      navigate('/sign-in', { replace: true, state: { notice: 'signedOutEverywhere' } satisfies SignInNotice });
    } catch (error) {
      errors.show(errorsFromApi(error, {}, t('errors.network')));
      setBusy(false);
    }
  };

  return (
    <>
      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t('security.sessionsHeading')}</h2>
        <ErrorSummary errors={errors.summary} version={errors.version} id="sessions-errors" />
        {done ? <SuccessNotice>{done}</SuccessNotice> : null}
        {sessions.status === 'error' ? <LoadFailed onRetry={sessions.retry} /> : null}
        {sessions.status === 'loading' ? (
          <p role="status" className="hint">
            {t('common.loading')}
          </p>
        ) : null}
        {sessions.data ? (
          <ul className="item-list">
            {sessions.data.map((session) => {
              const device = describeDevice(session.userAgent, t('security.unknownDevice'));
              const lastSeen = dateTime(session.lastSeenAt, locale);
              return (
                <li key={session.id} className="item">
                  <p className="item__title">
                    {device}
                    {session.current ? <span className="tag tag--current">{t('security.thisDevice')}</span> : null}
                  </p>
                  <p className="item__meta">
                    {t('security.lastSeen', { date: lastSeen })}
                    <br />
                    {t('security.signedIn', { date: dateTime(session.createdAt, locale) })}
                    {session.ip ? (
                      <>
                        <br />
                        <span className="nowrap">IP {session.ip}</span>
                      </>
                    ) : null}
                  </p>
                  {session.current ? null : (
                    <button
                      type="button"
                      className="button button--secondary"
                      aria-label={t('security.endSessionNamed', { device, date: lastSeen })}
                      onClick={() => void onEnd(session)}
                      aria-disabled={busy}
                    >
                      {t('security.endSession')}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        ) : null}
      </section>

      <section aria-labelledby="everywhere-heading">
        <h2 id="everywhere-heading">{t('security.everywhereHeading')}</h2>
        <p>{t('security.everywhereIntro')}</p>
        {confirmEverywhere ? (
          <ConfirmPanel
            id="confirm-everywhere"
            question={t('security.confirmEverywhere')}
            yes={t('security.confirmEverywhereYes')}
            busy={busy}
            onYes={() => void onEverywhere()}
            onCancel={() => setConfirmEverywhere(false)}
          />
        ) : (
          <button type="button" className="button button--warning" onClick={() => setConfirmEverywhere(true)}>
            {t('security.everywhere')}
          </button>
        )}
      </section>
    </>
  );
}
