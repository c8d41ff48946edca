import { DEFAULT_LOCALE, isLocale, type Locale, negotiateLocale } from '@homeward/shared';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import advisoriesEn from '../locales/advisories.en.json';
import advisoriesZhCN from '../locales/advisories.zh-CN.json';
import alertsEn from '../locales/alerts.en.json';
import alertsZhCN from '../locales/alerts.zh-CN.json';
import applicationsEn from '../locales/applications.en.json';
import applicationsZhCN from '../locales/applications.zh-CN.json';
import appointmentsEn from '../locales/appointments.en.json';
import appointmentsZhCN from '../locales/appointments.zh-CN.json';
import campaignsEn from '../locales/campaigns.en.json';
import campaignsZhCN from '../locales/campaigns.zh-CN.json';
import casesEn from '../locales/cases.en.json';
import casesZhCN from '../locales/cases.zh-CN.json';
import dashboardEn from '../locales/dashboard.en.json';
import dashboardZhCN from '../locales/dashboard.zh-CN.json';
import deliveriesEn from '../locales/deliveries.en.json';
import deliveriesZhCN from '../locales/deliveries.zh-CN.json';
import en from '../locales/en.json';
import guidanceEn from '../locales/guidance.en.json';
import guidanceZhCN from '../locales/guidance.zh-CN.json';
import hotlineEn from '../locales/hotline.en.json';
import hotlineZhCN from '../locales/hotline.zh-CN.json';
import zhCN from '../locales/zh-CN.json';

const STORAGE_KEY = 'homeward.console.locale';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: {
      translation: typeof en &
        typeof casesEn &
        typeof dashboardEn &
        typeof hotlineEn &
        typeof advisoriesEn &
        typeof deliveriesEn &
        typeof alertsEn &
        typeof guidanceEn &
        typeof applicationsEn &
        typeof appointmentsEn &
        typeof campaignsEn;
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
    // Each area keeps its words in its own files (locales/<area>.<lang>.json), merged at the top level.
    resources: {
      'zh-CN': {
        translation: {
          ...zhCN,
          ...casesZhCN,
          ...dashboardZhCN,
          ...hotlineZhCN,
          ...advisoriesZhCN,
          ...deliveriesZhCN,
          ...alertsZhCN,
          ...guidanceZhCN,
          ...applicationsZhCN,
          ...appointmentsZhCN,
          ...campaignsZhCN,
        },
      },
      en: {
        translation: {
          ...en,
          ...casesEn,
          ...dashboardEn,
          ...hotlineEn,
          ...advisoriesEn,
          ...deliveriesEn,
          ...alertsEn,
          ...guidanceEn,
          ...applicationsEn,
          ...appointmentsEn,
          ...campaignsEn,
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
