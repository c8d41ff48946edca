import i18next from 'i18next';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../lib/format.ts';
import { LoadError } from '../../lib/load-error.component.tsx';
import { useApi } from '../../lib/use-api.hook.ts';
import {
  endSession,
  regenerateRecoveryCodes,
  SESSIONS_PATH,
  type StaffSession,
  signOutEverywhere,
} from '../auth/auth.api.ts';
import { ErrorSummary } from '../auth/error-summary.component.tsx';
import { RecoveryCodes } from '../auth/recovery-codes.component.tsx';
import { Confirm } from '../forms/confirm.component.tsx';
import { Field } from '../forms/field.component.tsx';
import { errorsFromFailure, useFormErrors } from '../forms/form-errors.ts';
import { describeDevice } from './device.ts';

/** My security: where I am signed in, and fresh recovery codes. */
export function SecurityPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('security.title'));
  return (
    <>
      <h1>{t('security.title')}</h1>
      <Sessions />
      <NewRecoveryCodes />
    </>
  );
}

function Sessions() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const navigate = useNavigate();
  const sessions = useApi<StaffSession[]>(SESSIONS_PATH);
  const [ending, setEnding] = useState<string | null>(null);
  const [everywhere, setEverywhere] = useState(false);
  const [busy, setBusy] = useState(false);
  const [ended, setEnded] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const run = async (action: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    try {
      await action();
      setEnded(true);
      sessions.retry();
    } catch (error) {
      setFailure(errorsFromFailure(error, {}, null, t('errors.network'))[0]?.message ?? null);
    } finally {
      setBusy(false);
      setEnding(null);
    }
  };

  const onEverywhere = async () => {
    if (busy) return;
    setBusy(true);
    try {
      await signOutEverywhere();
      navigate('/', { replace: true });
    } catch (error) {
      setFailure(errorsFromFailure(error, {}, null, t('errors.network'))[0]?.message ?? null);
      setBusy(false);
      setEverywhere(false);
    }
  };

  return (
    <section className="section" aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t('security.sessions')}</h2>
      <p>{t('security.sessionsIntro')}</p>
      {failure ? (
        <div className="notice" role="alert">
          <p>{failure}</p>
        </div>
      ) : null}
      <p role="status" className="status-line">
        {ended ? t('security.ended') : ''}
      </p>
      <LoadError state={sessions} />
      {sessions.data ? (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to scroll it (WCAG 2.1.1).
        <section className="table-wrap" aria-label={t('security.sessions')} tabIndex={0}>
          <table className="table table--stack">
            <caption className="visually-hidden">{t('security.sessionsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('security.device')}</th>
                <th scope="col">{t('security.signedInAt')}</th>
                <th scope="col">{t('security.lastSeen')}</th>
                <th scope="col">{t('security.ip')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('staff.columns.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.data.map((session) => (
                <tr key={session.id}>
                  <th scope="row">
                    {describeDevice(session.userAgent) ?? t('security.unknownDevice')}
                    {session.current ? (
                      <span className="tag tag--active tag--inline">{t('security.current')}</span>
                    ) : null}
                  </th>
                  <td data-label={t('security.signedInAt')}>{formatDateTime(session.createdAt, locale)}</td>
                  <td data-label={t('security.lastSeen')}>{formatDateTime(session.lastSeenAt, locale)}</td>
                  <td data-label={t('security.ip')} className="nowrap">
                    {session.ip ?? '—'}
                  </td>
                  <td>
                    {session.current ? null : ending === session.id ? (
                      <Confirm
                        question={t('security.endConfirm')}
                        confirmLabel={t('security.end')}
                        busy={busy}
                        onConfirm={() => run(() => endSession(session.id))}
                        onCancel={() => setEnding(null)}
                      />
                    ) : (
                      <button
                        type="button"
                        className="button button--secondary button--small"
                        onClick={() => setEnding(session.id)}
                      >
                        {t('security.end')}
                        <span className="visually-hidden">
                          {' '}
                          {describeDevice(session.userAgent) ?? t('security.unknownDevice')},{' '}
                          {formatDateTime(session.createdAt, locale)}
                        </span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <div className="section__actions">
        {everywhere ? (
          <Confirm
            question={t('security.everywhereConfirm')}
            confirmLabel={t('security.everywhere')}
            busy={busy}
            onConfirm={onEverywhere}
            onCancel={() => setEverywhere(false)}
          />
        ) : (
          <button type="button" className="button button--warning" onClick={() => setEverywhere(true)}>
            {t('security.everywhere')}
          </button>
        )}
      </div>
    </section>
  );
}

function NewRecoveryCodes() {
  const { t } = useTranslation();
  const form = useFormErrors();
  const [password, setPassword] = useState('');
  const [codes, setCodes] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!password)
      return form.show([{ fieldId: 'codes-password', message: () => i18next.t('signIn.passwordMissing') }]);
    setBusy(true);
    try {
      setCodes((await regenerateRecoveryCodes(password)).recoveryCodes);
      setPassword('');
      form.clear();
    } catch (error) {
      form.show(errorsFromFailure(error, { '/password': 'codes-password' }, 'codes-password', t('errors.network')));
    } finally {
      setBusy(false);
    }
  };

  if (codes) {
    return (
      <section className="section" aria-label={t('security.codesTitle')}>
        <RecoveryCodes codes={codes} headingLevel={2} onContinue={() => setCodes(null)} />
      </section>
    );
  }
  return (
    <section className="section narrow" aria-labelledby="codes-title">
      <ErrorSummary errors={form.errors} version={form.version} />
      <h2 id="codes-title">{t('security.codesTitle')}</h2>
      <p>{t('security.codesIntro')}</p>
      <form noValidate onSubmit={onSubmit}>
        <Field
          id="codes-password"
          label={t('signIn.password')}
          hint={t('security.codesPasswordHint')}
          error={form.errorFor('codes-password')}
        >
          {(props) => (
            <input
              {...props}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="button" aria-disabled={busy}>
          {t('security.codesSubmit')}
        </button>
      </form>
    </section>
  );
}
