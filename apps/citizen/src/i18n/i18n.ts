import { DEFAULT_LOCALE, isLocale, type Locale, negotiateLocale } from '@homeward/shared';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import accountsEn from '../locales/accounts.en.json';
import accountsZhCN from '../locales/accounts.zh-CN.json';
import advisoriesEn from '../locales/advisories.en.json';
import advisoriesZhCN from '../locales/advisories.zh-CN.json';
import alertsEn from '../locales/alerts.en.json';
import alertsZhCN from '../locales/alerts.zh-CN.json';
import appointmentsEn from '../locales/appointments.en.json';
import appointmentsZhCN from '../locales/appointments.zh-CN.json';
import arrivalEn from '../locales/arrival.en.json';
import arrivalZhCN from '../locales/arrival.zh-CN.json';
import campaignsEn from '../locales/campaigns.en.json';
import campaignsZhCN from '../locales/campaigns.zh-CN.json';
import casesEn from '../locales/cases.en.json';
import casesZhCN from '../locales/cases.zh-CN.json';
import certificatesEn from '../locales/certificates.en.json';
import certificatesZhCN from '../locales/certificates.zh-CN.json';
import en from '../locales/en.json';
import guidanceEn from '../locales/guidance.en.json';
import guidanceZhCN from '../locales/guidance.zh-CN.json';
import helpEn from '../locales/help.en.json';
import helpZhCN from '../locales/help.zh-CN.json';
import inboxEn from '../locales/inbox.en.json';
import inboxZhCN from '../locales/inbox.zh-CN.json';
import organisationEn from '../locales/organisation.en.json';
import organisationZhCN from '../locales/organisation.zh-CN.json';
import registrationEn from '../locales/registration.en.json';
import registrationZhCN from '../locales/registration.zh-CN.json';
import servicesEn from '../locales/services.en.json';
import servicesZhCN from '../locales/services.zh-CN.json';
import zhCN from '../locales/zh-CN.json';

const STORAGE_KEY = 'homeward.locale';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: {
      translation: typeof en &
        typeof accountsEn &
        typeof certificatesEn &
        typeof registrationEn &
        typeof organisationEn &
        typeof guidanceEn &
        typeof helpEn &
        typeof casesEn &
        typeof advisoriesEn &
        typeof inboxEn &
        typeof alertsEn &
        typeof servicesEn &
        typeof appointmentsEn &
        typeof campaignsEn &
        typeof arrivalEn;
    };
  }
}

/** The saved choice wins; otherwise the browser's languages; otherwise the service default. */
function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isLocale(saved)) return saved;
  } catch {
    // Storage disabled: fall through to the browser's preference.
  }
  return negotiateLocale(navigator.languages.join(','), DEFAULT_LOCALE);
}

function setDocumentLanguage(locale: string): void {
  // Screen readers pick their voice from <html lang>.
  document.documentElement.lang = locale;
}

export function setupI18n(): typeof i18next {
  const lng = initialLocale();
  void i18next.use(initReactI18next).init({
    // Account pages keep their words in their own files (sign-in, sign-up, account area), merged at the top level.
    resources: {
      'zh-CN': {
        translation: {
          ...zhCN,
          ...accountsZhCN,
          ...certificatesZhCN,
          ...registrationZhCN,
          ...organisationZhCN,
          ...guidanceZhCN,
          ...helpZhCN,
          ...casesZhCN,
          ...advisoriesZhCN,
          ...inboxZhCN,
          ...alertsZhCN,
          ...servicesZhCN,
          ...appointmentsZhCN,
          ...campaignsZhCN,
          ...arrivalZhCN,
        },
      },
      en: {
        translation: {
          ...en,
          ...accountsEn,
          ...certificatesEn,
          ...registrationEn,
          ...organisationEn,
          ...guidanceEn,
          ...helpEn,
          ...casesEn,
          ...advisoriesEn,
          ...inboxEn,
          ...alertsEn,
          ...servicesEn,
          ...appointmentsEn,
          ...campaignsEn,
          ...arrivalEn,
        },
      },
    },
    lng,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: ['zh-CN', 'en'],
    // React escapes already.
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  setDocumentLanguage(lng);
  i18next.on('languageChanged', setDocumentLanguage);
  return i18next;
}

/** Switches the UI language and remembers it on this device. */
export function changeLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not persisted, but the switch still applies to this visit.
  }
  void i18next.changeLanguage(locale);
}

export function currentLocale(): Locale {
  return isLocale(i18next.language) ? i18next.language : DEFAULT_LOCALE;
}
