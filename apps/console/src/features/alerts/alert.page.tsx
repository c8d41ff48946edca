import './alerts.css';
import {
  ALERT_CERTAINTIES,
  ALERT_SEVERITIES,
  ALERT_URGENCIES,
  type AlertUpdateBody,
  LOCALES,
  type Locale,
} from '@homeward/shared';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { ApiError } from '../../lib/api.client.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { LoadError } from '../../lib/load-error.component.tsx';
import { useApi } from '../../lib/use-api.hook.ts';
import { ErrorSummary } from '../auth/error-summary.component.tsx';
import { useSessionUser } from '../auth/session.context.tsx';
import { Confirm } from '../forms/confirm.component.tsx';
import { Field } from '../forms/field.component.tsx';
import { errorsFromFailure, useFormErrors } from '../forms/form-errors.ts';
import { AlertStatusTag, headlineOf } from './alert-status.component.tsx';
import {
  type Alert,
  alertPath,
  approveAlert,
  cancelAlert,
  getAlert,
  returnAlert,
  submitAlert,
  updateAlert,
} from './alerts.api.ts';
import { AreaMap, type LonLat } from './area-map.component.tsx';
import { CheckinTallySection } from './checkin-tally.section.tsx';

const WRITERS = ['hq_admin', 'alert_manager'];
const PREPARING_REFRESH_MS = 2000;
type Action = 'submit' | 'submitEmpty' | 'approve' | 'return' | 'cancel' | 'update' | null;

function ringsOf(alert: Alert): LonLat[][] {
  return (alert.area.polygons ?? []).flatMap((p) =>
    p.type === 'Polygon'
      ? [((p.coordinates as number[][][])[0] ?? []) as LonLat[]]
      : (p.coordinates as number[][][][]).map((r) => (r[0] ?? []) as LonLat[]),
  );
}

/** One alert: what it says in each language, its CAP fields and area, the step it is at and what can be done. */
export function AlertPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { id = '' } = useParams();
  const location = useLocation();
  const user = useSessionUser();
  const state = useApi<Alert>(alertPath(id));
  const reach = useApi<{ total: number }>(
    state.data && (state.data.status === 'draft' || state.data.status === 'pending') ? `${alertPath(id)}/reach` : null,
  );
  const [alert, setAlert] = useState<Alert | null>(null);
  const [action, setAction] = useState<Action>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>((location.state as { saved?: string } | null)?.saved ?? null);
  const form = useFormErrors();
  const current = alert ?? state.data;
  const headline = current ? headlineOf(current, locale) : null;
  useDocumentTitle(headline?.text || t('alerts.title'));
  const canWrite = WRITERS.includes(user.role);
  // A just-approved alert's recipients are fixed by a job (decision 0025): ask again until they are ready.
  const preparing = current?.status === 'published' && current.recipientsState === 'preparing';
  useEffect(() => {
    if (!preparing) return;
    const timer = setInterval(() => {
      getAlert(id).then(setAlert, () => undefined);
    }, PREPARING_REFRESH_MS);
    return () => clearInterval(timer);
  }, [preparing, id]);

  const run = async (work: () => Promise<Alert>, done: string) => {
    if (busy) return;
    setBusy(true);
    try {
      setAlert(await work());
      setNotice(done);
      setAction(null);
      setReason('');
      form.clear();
      reach.retry();
    } catch (error) {
      if (error instanceof ApiError && error.problem?.code === 'alert_reaches_nobody') setAction('submitEmpty');
      else form.show(errorsFromFailure(error, { '/reason': 'alert-reason' }, null, t('errors.network')));
    } finally {
      setBusy(false);
    }
  };

  if (!current) {
    return (
      <>
        <h1>{t('alerts.title')}</h1>
        <LoadError state={state} />
        {state.status === 'loading' ? <p className="loading">{t('alerts.loading')}</p> : null}
      </>
    );
  }
  const isAuthor = current.createdBy?.id === user.id || current.submittedBy?.id === user.id;
  const reasonField = (
    <Field
      id="alert-reason"
      label={t('alerts.actions.reason')}
      hint={t('alerts.actions.reasonHint')}
      base="textarea"
      error={form.errorFor('alert-reason')}
    >
      {(props) => <textarea {...props} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />}
    </Field>
  );
  const withReason = (work: () => Promise<Alert>, done: string) => () => {
    if (reason.trim().length < 3) {
      form.show([{ fieldId: 'alert-reason', message: () => t('alerts.actions.reasonMissing') }]);
      return;
    }
    void run(work, done);
  };
  const count = reach.data ? formatNumber(reach.data.total, locale) : '…';

  return (
    <>
      <p>
        <Link to="/alerts">{t('alerts.back')}</Link>
      </p>
      <h1 lang={headline?.lang}>{headline?.text}</h1>
      <p>
        <AlertStatusTag alert={current} /> {t(`alerts.severity.${current.severity}`)} ·{' '}
        {t(`alerts.urgency.${current.urgency}`)} · {t(`alerts.certainty.${current.certainty}`)}
      </p>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <ErrorSummary errors={form.errors} version={form.version} />

      <section aria-labelledby="alert-step-heading" className="alert-step">
        <h2 id="alert-step-heading">{t('alerts.actions.heading')}</h2>
        {current.status === 'draft' ? (
          <>
            <p>{t('alerts.actions.draftIntro', { count: reach.data?.total ?? 0, formatted: count })}</p>
            {canWrite && action === 'submitEmpty' ? (
              <Confirm
                question={t('alerts.actions.submitEmpty')}
                confirmLabel={t('alerts.actions.submitAnyway')}
                onConfirm={() => run(() => submitAlert(id, true), t('alerts.actions.submitted'))}
                onCancel={() => setAction(null)}
                busy={busy}
              />
            ) : canWrite && action === 'cancel' ? (
              <>
                {reasonField}
                <Confirm
                  question={t('alerts.actions.discardConfirm')}
                  confirmLabel={t('alerts.actions.discard')}
                  onConfirm={withReason(() => cancelAlert(id, reason), t('alerts.actions.discarded'))}
                  onCancel={() => setAction(null)}
                  busy={busy}
                />
              </>
            ) : canWrite ? (
              <div className="button-group">
                <button
                  type="button"
                  className="button"
                  onClick={() => run(() => submitAlert(id, false), t('alerts.actions.submitted'))}
                >
                  {t('alerts.actions.submit')}
                </button>
                <Link className="button button--secondary" to={`/alerts/${id}/edit`}>
                  {t('alerts.actions.edit')}
                </Link>
                <button type="button" className="link-button" onClick={() => setAction('cancel')}>
                  {t('alerts.actions.discard')}
                </button>
              </div>
            ) : null}
          </>
        ) : null}
        {current.status === 'pending' ? (
          <>
            <p>
              {t('alerts.actions.pendingIntro', {
                author: current.createdBy?.name ?? '—',
                submitter: current.submittedBy?.name ?? '—',
                at: current.submittedAt ? formatDateTime(current.submittedAt, locale) : '',
              })}
            </p>
            <p>
              {current.emptyAreaConfirmed
                ? t('alerts.actions.pendingEmpty')
                : t('alerts.actions.pendingReach', { count: reach.data?.total ?? 0, formatted: count })}
            </p>
            {!canWrite ? null : isAuthor ? (
              <p className="notice">{t('alerts.actions.fourEyes')}</p>
            ) : action === 'approve' ? (
              <Confirm
                question={t('alerts.actions.approveConfirm', { count: reach.data?.total ?? 0, formatted: count })}
                confirmLabel={t('alerts.actions.approve')}
                onConfirm={() => run(() => approveAlert(id), t('alerts.actions.published'))}
                onCancel={() => setAction(null)}
                busy={busy}
              />
            ) : action === 'return' ? (
              <>
                {reasonField}
                <div className="button-group">
                  <button
                    type="button"
                    className="button button--secondary"
                    onClick={withReason(() => returnAlert(id, reason), t('alerts.actions.returned'))}
                  >
                    {t('alerts.actions.return')}
                  </button>
                  <button type="button" className="link-button" onClick={() => setAction(null)}>
                    {t('common.cancel')}
                  </button>
                </div>
              </>
            ) : (
              <div className="button-group">
                <button type="button" className="button" onClick={() => setAction('approve')}>
                  {t('alerts.actions.approve')}
                </button>
                <button type="button" className="button button--secondary" onClick={() => setAction('return')}>
                  {t('alerts.actions.return')}
                </button>
              </div>
            )}
          </>
        ) : null}
        {current.status === 'published' ? (
          <>
            {preparing ? (
              <p className="notice alert-preparing" role="status">
                {t('alerts.actions.preparingIntro', {
                  at: current.publishedAt ? formatDateTime(current.publishedAt, locale) : '',
                  approver: current.approvedBy?.name ?? '—',
                })}
              </p>
            ) : (
              <p>
                {t('alerts.actions.publishedIntro', {
                  at: current.publishedAt ? formatDateTime(current.publishedAt, locale) : '',
                  approver: current.approvedBy?.name ?? '—',
                  count: current.recipients,
                  formatted: formatNumber(current.recipients, locale),
                })}
              </p>
            )}
            {canWrite && action === 'update' ? (
              <UpdateForm
                alert={current}
                busy={busy}
                onCancel={() => setAction(null)}
                onSend={(body) => run(() => updateAlert(id, body), t('alerts.actions.updated'))}
              />
            ) : canWrite && action === 'cancel' ? (
              <>
                {reasonField}
                <Confirm
                  question={t('alerts.actions.cancelConfirm', {
                    count: current.recipients,
                    formatted: formatNumber(current.recipients, locale),
                  })}
                  confirmLabel={t('alerts.actions.cancel')}
                  onConfirm={withReason(() => cancelAlert(id, reason), t('alerts.actions.cancelled'))}
                  onCancel={() => setAction(null)}
                  busy={busy}
                />
              </>
            ) : canWrite ? (
              <div className="button-group">
                <button type="button" className="button button--secondary" onClick={() => setAction('update')}>
                  {t('alerts.actions.update')}
                </button>
                <button type="button" className="button button--warning" onClick={() => setAction('cancel')}>
                  {t('alerts.actions.cancel')}
                </button>
              </div>
            ) : null}
          </>
        ) : null}
        {current.status === 'cancelled' ? (
          <p>
            {t('alerts.actions.cancelledIntro', {
              at: current.cancelledAt ? formatDateTime(current.cancelledAt, locale) : '',
              reason: current.cancelReason ?? '',
            })}
          </p>
        ) : null}
      </section>

      {current.checkin && (current.status === 'published' || current.status === 'cancelled') ? (
        <CheckinTallySection alert={current} canWrite={canWrite} />
      ) : null}

      <section aria-labelledby="alert-content-heading">
        <h2 id="alert-content-heading">{t('alerts.content')}</h2>
        {LOCALES.filter((l) => current.texts[l]).map((l) => (
          <article key={l} lang={l} className="alert-text">
            <h3>{t(`alerts.languages.${l}`)}</h3>
            <p>
              <strong>{current.texts[l]?.headline}</strong>
            </p>
            <p className="pre-line">{current.texts[l]?.description}</p>
            {current.texts[l]?.instruction ? <p className="pre-line">{current.texts[l]?.instruction}</p> : null}
          </article>
        ))}
        <dl className="summary-list">
          {(
            [
              ['category', t(`alerts.category.${current.category}`)],
              ['effective', current.effective ? formatDateTime(current.effective, locale) : t('alerts.cap.onSend')],
              ['expires', current.expires ? formatDateTime(current.expires, locale) : t('alerts.cap.noExpiry')],
              ['senderName', current.senderName],
              ['checkin', current.checkin ? t('alerts.cap.yes') : t('alerts.cap.no')],
            ] as const
          ).map(([key, value]) => (
            <div key={key} className="summary-list__row">
              <dt>{t(`alerts.cap.${key}`)}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
        {current.capUrl ? (
          <p>
            <a href={current.capUrl}>{t('alerts.capLink', { count: current.messages.length })}</a>
          </p>
        ) : null}
        <h3>{t('alerts.compose.areaHeading')}</h3>
        <AreaMap
          country={current.country}
          polygons={ringsOf(current)}
          circles={current.area.circles ?? []}
          label={t('alerts.areaLabel')}
        />
      </section>
    </>
  );
}

function UpdateForm({
  alert,
  busy,
  onSend,
  onCancel,
}: {
  alert: Alert;
  busy: boolean;
  onSend: (body: AlertUpdateBody) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [texts, setTexts] = useState(
    () =>
      Object.fromEntries(
        LOCALES.map((l) => [l, { headline: '', description: '', instruction: '', ...(alert.texts[l] ?? {}) }]),
      ) as Record<Locale, { headline: string; description: string; instruction: string }>,
  );
  const [urgency, setUrgency] = useState(alert.urgency);
  const [severity, setSeverity] = useState(alert.severity);
  const [certainty, setCertainty] = useState(alert.certainty);
  const [confirming, setConfirming] = useState(false);
  const send = (event: FormEvent) => {
    event.preventDefault();
    setConfirming(true);
  };
  const body = (): AlertUpdateBody => ({
    texts: Object.fromEntries(LOCALES.filter((l) => texts[l].headline.trim()).map((l) => [l, texts[l]])),
    urgency,
    severity,
    certainty,
  });
  return (
    <form onSubmit={send} noValidate aria-label={t('alerts.actions.update')}>
      {LOCALES.map((l) => (
        <fieldset key={l} className="fieldset" lang={l}>
          <legend className="label alert-language">
            {t('alerts.compose.language', { language: t(`alerts.languages.${l}`) })}
          </legend>
          <Field id={`upd-headline-${l}`} label={t('alerts.compose.headline')}>
            {(props) => (
              <input
                {...props}
                value={texts[l].headline}
                onChange={(e) => setTexts({ ...texts, [l]: { ...texts[l], headline: e.target.value } })}
              />
            )}
          </Field>
          <Field id={`upd-description-${l}`} label={t('alerts.compose.description')} base="textarea">
            {(props) => (
              <textarea
                {...props}
                rows={3}
                value={texts[l].description}
                onChange={(e) => setTexts({ ...texts, [l]: { ...texts[l], description: e.target.value } })}
              />
            )}
          </Field>
        </fieldset>
      ))}
      <div className="alert-compose__cap">
        <Field id="upd-urgency" label={t('alerts.cap.urgency')} base="select">
          {(props) => (
            <select {...props} value={urgency} onChange={(e) => setUrgency(e.target.value as typeof urgency)}>
              {ALERT_URGENCIES.map((v) => (
                <option key={v} value={v}>
                  {t(`alerts.urgency.${v}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="upd-severity" label={t('alerts.cap.severity')} base="select">
          {(props) => (
            <select {...props} value={severity} onChange={(e) => setSeverity(e.target.value as typeof severity)}>
              {ALERT_SEVERITIES.map((v) => (
                <option key={v} value={v}>
                  {t(`alerts.severity.${v}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="upd-certainty" label={t('alerts.cap.certainty')} base="select">
          {(props) => (
            <select {...props} value={certainty} onChange={(e) => setCertainty(e.target.value as typeof certainty)}>
              {ALERT_CERTAINTIES.map((v) => (
                <option key={v} value={v}>
                  {t(`alerts.certainty.${v}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {confirming ? (
        <Confirm
          question={t('alerts.actions.updateConfirm', { count: alert.recipients })}
          confirmLabel={t('alerts.actions.sendUpdate')}
          onConfirm={() => onSend(body())}
          onCancel={() => setConfirming(false)}
          busy={busy}
        />
      ) : (
        <div className="button-group">
          <button type="submit" className="button">
            {t('alerts.actions.sendUpdate')}
          </button>
          <button type="button" className="link-button" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        </div>
      )}
    </form>
  );
}
