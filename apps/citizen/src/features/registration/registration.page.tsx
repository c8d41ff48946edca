import type { Locale } from '@homeward/shared';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { SuccessNotice } from '../accounts/form.components.tsx';
import { LoadFailed } from '../offline/offline.component.tsx';
import { ContactsSection, DependentsSection } from './people.sections.tsx';
import { PresencesSection, WhereNow } from './presences.section.tsx';
import {
  CONTACTS_PATH,
  COUNTRIES_PATH,
  type Country,
  DEPENDENTS_PATH,
  type Dependent,
  type EmergencyContact,
  PERSON_PATH,
  type Person,
  PRESENCES_PATH,
  type Presence,
  SUBSCRIPTIONS_PATH,
  type Subscription,
} from './registration.api.ts';
import { formatDay } from './registration.fields.tsx';
import { SubscriptionsSection } from './subscriptions.section.tsx';

/** What a registration form tells the overview after saving, shown as a confirmation there. */
export interface RegistrationNotice {
  notice?: string;
}

const PRIVATE = { keepOnDevice: false } as const;

/** " (张三丰)" in English, "（张三丰）" in Chinese (full-width brackets, no space: GB/T 15834). */
export function nativeInBrackets(name: string, locale: Locale): string {
  return locale === 'zh-CN' ? `（${name}）` : ` (${name})`;
}

/**
 * "My registration": where the ministry thinks I am now first (what matters in a crisis), then everything
 * it holds about me, each with a way to change or remove it.
 */
export function RegistrationPage() {
  const { t } = useTranslation();
  const notice = (useLocation().state as RegistrationNotice | null)?.notice;
  const person = useApi<{ person: Person | null }>(PERSON_PATH, PRIVATE);
  useDocumentTitle(t('registration.title'));

  return (
    <>
      {notice ? <SuccessNotice>{notice}</SuccessNotice> : null}
      <h1>{t('registration.title')}</h1>
      {person.status === 'error' ? (
        <LoadFailed onRetry={person.retry} />
      ) : person.data === null ? (
        <p role="status" className="hint">
          {t('common.loading')}
        </p>
      ) : person.data.person === null ? (
        <Start />
      ) : (
        <Registered person={person.data.person} />
      )}
    </>
  );
}

/**
 * `useApi` for a list the page changes: while it reloads after a change the last answer stays on screen, so
 * the page does not jump and the reader keeps their place.
 */
function useKeptApi<T>(path: string) {
  const state = useApi<T>(path, PRIVATE);
  const kept = useRef<T | null>(null);
  if (state.data) kept.current = state.data;
  return { ...state, data: state.data ?? (state.status === 'loading' ? kept.current : null) };
}

/** Nothing registered yet: why register, and the one first step. */
function Start() {
  const { t } = useTranslation();
  return (
    <>
      <p className="lead">{t('registration.intro')}</p>
      <p>{t('registration.startHint')}</p>
      <Link to="/registration/profile" className="button">
        {t('registration.start')}
      </Link>
    </>
  );
}

function Registered({ person }: { person: Person }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const presences = useKeptApi<{ items: Presence[]; current: Presence | null }>(PRESENCES_PATH);
  const dependents = useKeptApi<{ items: Dependent[] }>(DEPENDENTS_PATH);
  const contacts = useKeptApi<{ items: EmergencyContact[] }>(CONTACTS_PATH);
  const subscriptions = useKeptApi<{ items: Subscription[] }>(SUBSCRIPTIONS_PATH);
  // The country list is public and the same for everyone: it may stay on the device for offline use.
  const countries = useApi<Country[]>(COUNTRIES_PATH);
  const countryList = countries.data ?? [];

  return (
    <>
      {presences.status === 'error' ? (
        <LoadFailed onRetry={presences.retry} />
      ) : presences.data ? (
        <>
          <WhereNow current={presences.data.current} countries={countryList} />
          <section aria-labelledby="reg-profile" className="section-gap">
            <h2 id="reg-profile">{t('registration.profile.heading')}</h2>
            <dl className="summary-list">
              <div>
                <dt>{t('registration.profile.name')}</dt>
                <dd>
                  {person.familyName} {person.givenName}
                  {person.nativeName ? nativeInBrackets(person.nativeName, locale) : ''}
                </dd>
              </div>
              {person.passportNumber ? (
                <div>
                  <dt>{t('registration.profile.passport')}</dt>
                  <dd>
                    {person.passportNumber}
                    {person.passportExpiry
                      ? ` · ${t('registration.profile.expires', { date: formatDay(person.passportExpiry, locale) })}`
                      : ''}
                  </dd>
                </div>
              ) : null}
            </dl>
            <p>
              <Link to="/registration/profile">
                {t('registration.profile.change')}
                <span className="visually-hidden">{t('registration.profile.changeWhat')}</span>
              </Link>
            </p>
          </section>
          <PresencesSection
            items={presences.data.items}
            dependents={dependents.data?.items ?? []}
            countries={countryList}
            onChanged={presences.retry}
          />
        </>
      ) : (
        <p role="status" className="hint">
          {t('common.loading')}
        </p>
      )}
      {dependents.status === 'error' ? (
        <LoadFailed onRetry={dependents.retry} />
      ) : dependents.data ? (
        <DependentsSection
          items={dependents.data.items}
          onChanged={() => {
            dependents.retry();
            // Removing someone also removes the trips they were on.
            presences.retry();
          }}
        />
      ) : null}
      {contacts.status === 'error' ? (
        <LoadFailed onRetry={contacts.retry} />
      ) : contacts.data ? (
        <ContactsSection items={contacts.data.items} onChanged={contacts.retry} />
      ) : null}
      {subscriptions.status === 'error' ? (
        <LoadFailed onRetry={subscriptions.retry} />
      ) : subscriptions.data ? (
        <SubscriptionsSection
          items={subscriptions.data.items}
          countries={countryList}
          onChanged={subscriptions.retry}
        />
      ) : null}
    </>
  );
}
