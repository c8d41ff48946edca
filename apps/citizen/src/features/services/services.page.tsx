import './services.css';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { ApiError, sendJson } from '../../lib/api.client.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { ErrorSummary, type SummaryError } from '../accounts/form.components.tsx';
import { useSession } from '../accounts/session.context.tsx';
import { COUNTRIES_PATH, type Country } from '../missions/missions.api.ts';
import { LoadFailed } from '../offline/offline.component.tsx';
import {
  type Application,
  formatFee,
  SERVICES_PATH,
  type Service,
  type ServiceList,
  servicePath,
} from './services.api.ts';

/** The consular services one can apply for online, each with its fee and time (a start page per service). */
export function ServicesPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const services = useApi<ServiceList>(SERVICES_PATH);
  useDocumentTitle(t('services.list.title'));
  return (
    <>
      <h1>{t('services.list.title')}</h1>
      <p className="lead">{t('services.list.lead')}</p>
      <p>
        <Link to="/applications">{t('services.list.mine')}</Link>
      </p>
      {services.status === 'loading' ? (
        <p role="status" className="hint">
          {t('common.loading')}
        </p>
      ) : null}
      {services.status === 'error' ? <LoadFailed onRetry={services.retry} /> : null}
      {services.data ? (
        <ul className="item-list">
          {services.data.items.map((service) => (
            <li key={service.id} className="item">
              <h2 className="item__title">
                <Link to={`/services/${encodeURIComponent(service.id)}`}>{service.name[locale]}</Link>
              </h2>
              <p>{service.summary[locale]}</p>
              <p className="item__meta">
                {formatFee(service.fee.amountMinor, service.fee.currency, locale, t('services.fee.free'))} ·{' '}
                {t('services.days', { min: service.processingDays.min, max: service.processingDays.max })}
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

/** GOV.UK start page: what the service is, who it is for, what you need, fee, time, then "Start now". */
export function ServiceStartPage() {
  const { t } = useTranslation();
  const { serviceId = '' } = useParams();
  const service = useApi<Service>(servicePath(serviceId));
  useDocumentTitle(service.data ? service.data.name[currentLocale()] : t('services.list.title'));
  return (
    <>
      <Link to="/services" className="back-link">
        {t('services.back')}
      </Link>
      {service.status === 'loading' ? (
        <p role="status" className="hint">
          {t('common.loading')}
        </p>
      ) : null}
      {service.status === 'error' ? (
        service.error.status === 404 ? (
          <h1>{t('services.start.notFound')}</h1>
        ) : (
          <LoadFailed onRetry={service.retry} />
        )
      ) : null}
      {service.data ? <StartView service={service.data} /> : null}
    </>
  );
}

function StartView({ service }: { service: Service }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const navigate = useNavigate();
  const { session } = useSession();
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const documents = service.fields.filter((f) => f.type === 'file');
  const signedIn = session.status === 'signed-in';

  async function start() {
    setBusy(true);
    try {
      const created = await sendJson<Application>('POST', '/api/v1/applications', { serviceId: service.id });
      navigate(`/applications/${encodeURIComponent(created.id)}`);
    } catch (error) {
      const problem = error instanceof ApiError ? error.problem : null;
      const list = problem?.errors?.map((e) => ({ fieldId: null, message: e.message })) ?? [];
      setErrors(list.length ? list : [{ fieldId: null, message: problem?.title ?? t('errors.network') }]);
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <ErrorSummary errors={errors} version={attempt} />
      <h1>{service.name[locale]}</h1>
      <p className="lead">{service.summary[locale]}</p>
      <WhoCanApply service={service} />
      <dl className="summary-list">
        <div>
          <dt>{t('services.fee.label')}</dt>
          <dd>{formatFee(service.fee.amountMinor, service.fee.currency, locale, t('services.fee.free'))}</dd>
        </div>
        <div>
          <dt>{t('services.start.time')}</dt>
          <dd>{t('services.days', { min: service.processingDays.min, max: service.processingDays.max })}</dd>
        </div>
        <div>
          <dt>{t('services.start.visit')}</dt>
          <dd>{t(`services.visit.${service.inPersonVisit}`)}</dd>
        </div>
      </dl>
      {documents.length > 0 ? (
        <section aria-labelledby="need-heading" className="section-gap">
          <h2 id="need-heading">{t('services.start.need')}</h2>
          <ul>
            {documents.map((d) => (
              <li key={d.id}>
                {d.label[locale]}
                {d.required ? '' : ` ${t('services.optional')}`}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p className="section-gap">
        {signedIn ? (
          <button type="button" className="button button--start" onClick={() => void start()} disabled={busy}>
            {t('services.start.button')}
          </button>
        ) : (
          <Link className="button button--start" to={`/sign-in?next=${encodeURIComponent(`/services/${service.id}`)}`}>
            {t('services.start.signIn')}
          </Link>
        )}
      </p>
      <p className="hint">{t('services.start.saved')}</p>
    </>
  );
}

/** Who may apply, in words, from the definition's eligibility rules (the server checks them again). */
function WhoCanApply({ service }: { service: Service }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const rules = service.eligibility;
  const countries = useApi<Country[]>(COUNTRIES_PATH);
  const name = (code: string) => countries.data?.find((c) => c.code === code)?.name[locale] ?? code;
  const list = (codes: string[]) => codes.map(name).join(locale === 'en' ? ', ' : '、');
  const lines = [
    rules.nationalities.length ? t('services.who.nationals', { countries: list(rules.nationalities) }) : null,
    rules.excludedNationalities?.length
      ? t('services.who.notNationals', { countries: list(rules.excludedNationalities) })
      : null,
    rules.minAge !== undefined && rules.minAge > 0 ? t('services.who.minAge', { age: rules.minAge }) : null,
    rules.maxAge !== undefined ? t('services.who.maxAge', { age: rules.maxAge }) : null,
    rules.registeredAbroad ? t('services.who.registered') : null,
  ].filter((line): line is string => line !== null);
  if (lines.length === 0 && !rules.note) return null;
  return (
    <section aria-labelledby="who-heading">
      <h2 id="who-heading">{t('services.who.heading')}</h2>
      {rules.note ? <p>{rules.note[locale]}</p> : null}
      {lines.length ? (
        <ul>
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
