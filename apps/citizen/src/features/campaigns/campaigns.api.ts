import type {
  CampaignCheckInCode,
  Locale,
  MyCampaign,
  MyCampaignDetail,
  MyCampaignList,
  MyCampaignRegistration,
  MyDoseRecordList,
} from '@homeward/shared';

export const MY_CAMPAIGNS_PATH = '/api/v1/me/campaigns';
export const MY_DOSES_PATH = '/api/v1/me/dose-records';

export function campaignPath(id: string): string {
  return `${MY_CAMPAIGNS_PATH}/${encodeURIComponent(id)}`;
}
export function registrationsPath(campaignId: string): string {
  return `${campaignPath(campaignId)}/registrations`;
}
export function myRegistrationPath(id: string): string {
  return `/api/v1/me/campaign-registrations/${encodeURIComponent(id)}`;
}

/** Dates as people write them (UX.md): 2026年3月5日 / 5 March 2026 (British order in English). */
function dateLocale(locale: Locale): string {
  return locale === 'en' ? 'en-GB' : locale;
}

/** "Tuesday 1 December 2026 at 09:15" at the site, in the UI language. */
export function placeDateTime(iso: string, timeZone: string, locale: Locale): string {
  return new Intl.DateTimeFormat(dateLocale(locale), {
    timeZone,
    dateStyle: 'full',
    timeStyle: 'short',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

/** A local calendar date (YYYY-MM-DD) in words: 2026年12月1日 / 1 December 2026. */
export function dayInWords(date: string, locale: Locale): string {
  return new Intl.DateTimeFormat(dateLocale(locale), { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${date}T12:00:00Z`),
  );
}

/** A country's name in the UI language, from the browser's own data (no download). */
export function countryName(code: string, locale: Locale): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Whether a registration still holds (or waits for) a place: it can be cancelled. */
export function isActive(registration: MyCampaignRegistration): boolean {
  return registration.status === 'waiting' || registration.status === 'allocated';
}

export type {
  CampaignCheckInCode,
  MyCampaign,
  MyCampaignDetail,
  MyCampaignList,
  MyCampaignRegistration,
  MyDoseRecordList,
};
