import './services.css';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { dateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { useResource } from '../cases/use-resource.hook.ts';
import { type Mission, missionPath } from '../missions/missions.api.ts';
import { LoadFailed } from '../offline/offline.component.tsx';
import { formatDay } from '../registration/registration.fields.tsx';
import { ApplicationForm } from './application-form.component.tsx';
import { type Application, applicationPath, formatFee, isEditable } from './services.api.ts';

/** One application: its form while the applicant can still change it, then its status and full history. */
export function ApplicationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const resource = useResource<Application>(applicationPath(id));
  const [current, setCurrent] = useState<Application | null>(null);
  const [justSent, setJustSent] = useState(false);
  const application = current ?? resource.data;
  const locale = currentLocale();
  useDocumentTitle(application ? application.serviceName[locale] : t('services.application.loading'));

  if (resource.status === 'error') {
    const missing = resource.error.status === 404;
    return (
      <>
        <BackToApplications />
        <h1>{missing ? t('services.application.notFound') : t('services.application.loading')}</h1>
        {missing ? null : <LoadFailed onRetry={resource.retry} />}
      </>
    );
  }
  if (!application) {
    return (
      <>
        <BackToApplications />
        <h1>{t('services.application.loading')}</h1>
        <p role="status" className="hint">
          {t('common.loading')}
        </p>
      </>
    );
  }
  return (
    <>
      <BackToApplications />
      <h1>{application.serviceName[locale]}</h1>
      {isEditable(application.status) ? (
        <>
          <StatusPanel application={application} />
          <ApplicationForm
            key={application.id}
            application={application}
            onDone={(done) => {
              setCurrent(done);
              setJustSent(true);
            }}
          />
        </>
      ) : (
        <ApplicationStatus application={application} justSent={justSent} />
      )}
    </>
  );
}

function BackToApplications() {
  const { t } = useTranslation();
  return (
    <Link to="/applications" className="back-link">
      {t('services.application.back')}
    </Link>
  );
}

export function StatusTag({ status }: { status: Application['status'] }) {
  const { t } = useTranslation();
  return <span className={`tag svc-status svc-status--${status}`}>{t(`services.status.${status}`)}</span>;
}

function StatusPanel({ application }: { application: Application }) {
  const { t } = useTranslation();
  return (
    <div className="panel svc-status-panel">
      <p>
        {t('services.application.statusLabel')} <StatusTag status={application.status} />
      </p>
      <p>{t(`services.explain.${application.status}`)}</p>
    </div>
  );
}

/** Status, what to do next, letters, answers, documents and the history of an application. */
function ApplicationStatus({ application, justSent }: { application: Application; justSent: boolean }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (justSent) heading.current?.focus();
  }, [justSent]);
  const decided = ['approved', 'refused', 'issued', 'collected'].includes(application.status);
  const base = applicationPath(application.id);
  const mission = useApi<Mission>(application.missionCode ? missionPath(application.missionCode) : null);
  return (
    <>
      {justSent ? (
        <div className="panel panel--confirmation">
          <h2 ref={heading} tabIndex={-1}>
            {t('services.application.sentTitle')}
          </h2>
          <p>{t('services.application.sentReference', { reference: application.reference })}</p>
        </div>
      ) : null}
      <StatusPanel application={application} />
      {application.status === 'refused' && application.decisionReason ? (
        <div className="panel svc-reason">
          <h2>{t('services.application.reason')}</h2>
          <p className="thread__body">{application.decisionReason}</p>
        </div>
      ) : null}
      {application.appointmentPath ? (
        <p>
          <Link className="button" to={application.appointmentPath}>
            {t('services.application.book')}
          </Link>
        </p>
      ) : null}
      <dl className="summary-list">
        <div>
          <dt>{t('services.application.reference')}</dt>
          <dd>{application.reference}</dd>
        </div>
        <div>
          <dt>{t('services.application.mission')}</dt>
          <dd>
            {mission.data ? (
              <Link to={`/missions/${encodeURIComponent(mission.data.code)}`}>{mission.data.name[locale]}</Link>
            ) : (
              application.missionCode
            )}
          </dd>
        </div>
        <div>
          <dt>{t('services.fee.label')}</dt>
          <dd>{formatFee(application.fee.amountMinor, application.fee.currency, locale, t('services.fee.free'))}</dd>
        </div>
        <div>
          <dt>{t('services.start.time')}</dt>
          <dd>
            {t('services.days', {
              min: application.service.processingDays.min,
              max: application.service.processingDays.max,
            })}
          </dd>
        </div>
      </dl>
      <ul className="svc-letters">
        <li>
          <a href={`${base}/receipt.pdf`} download>
            {t('services.application.receipt')}
          </a>
        </li>
        {decided ? (
          <li>
            <a href={`${base}/decision.pdf`} download>
              {t('services.application.decisionLetter')}
            </a>
          </li>
        ) : null}
      </ul>

      <section aria-labelledby="history-heading" className="section-gap">
        <h2 id="history-heading">{t('services.application.history')}</h2>
        <ol className="svc-timeline">
          {[...application.events].reverse().map((event) => (
            <li key={event.id} className="svc-timeline__item">
              <p className="svc-timeline__what">{t(`services.event.${event.kind}`)}</p>
              <p className="item__meta">{dateTime(event.at, locale)}</p>
              {event.message ? <p className="thread__body">{event.message}</p> : null}
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="answers-heading" className="section-gap">
        <h2 id="answers-heading">{t('services.application.answers')}</h2>
        <dl className="summary-list">
          {application.service.fields.map((field) => {
            const value = application.answers[field.id];
            const files = application.documents.filter((d) => d.field === field.id);
            const shown =
              field.type === 'file'
                ? files.map((f) => f.fileName).join(', ')
                : field.type === 'select'
                  ? (field.options.find((o) => o.value === value)?.label[locale] ?? value)
                  : field.type === 'date'
                    ? formatDay(value, locale)
                    : value;
            return (
              <div key={field.id}>
                <dt>{field.label[locale]}</dt>
                <dd>{shown || t('services.application.notGiven')}</dd>
              </div>
            );
          })}
        </dl>
      </section>
    </>
  );
}
