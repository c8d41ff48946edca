import type { CampaignDetail, CampaignSession, Country, Locale, LocalizedText, MissionPage } from '@homeward/shared';

/*
 * Campaigns (issue 8, item 4) as the console reads them: the routes of docs/api/campaigns.md, the shapes from the
 * shared TypeBox schemas (packages/shared/src/schemas/campaign.schema.ts) under the names the pages use.
 */

export type {
  AllocationRun,
  Campaign,
  CampaignAllocationMode as AllocationMode,
  CampaignBody,
  CampaignDetail,
  CampaignKind,
  CampaignPage as CampaignList,
  CampaignProgress as Progress,
  CampaignRegistration as Registration,
  CampaignRegistrationPage as RegistrationList,
  CampaignRegistrationStatus as RegistrationStatus,
  CampaignSession as Session,
  CampaignSessionBody as SessionBody,
  CampaignSite as Site,
  CampaignSiteBody as SiteBody,
  CampaignSiteDay as SiteDay,
  CampaignSiteKind as SiteKind,
  CampaignStatus,
  CampaignVaccine as Vaccine,
  DoseRecord,
  DoseRecordBody as DoseBody,
  PriorityGroup,
} from '@homeward/shared';
export {
  CAMPAIGN_ALLOCATION_MODES as ALLOCATION_MODES,
  CAMPAIGN_KINDS,
  CAMPAIGN_REGISTRATION_STATUSES as REGISTRATION_STATUSES,
  CAMPAIGN_SITE_KINDS as SITE_KINDS,
  CAMPAIGN_STATUSES,
} from '@homeward/shared';

/** A site as the campaign's detail gives it: with its sessions. */
export type SiteWithSessions = CampaignDetail['sites'][number];

export const CAMPAIGNS_PAGE_SIZE = 20;
export const REGISTRATIONS_PAGE_SIZE = 50;
export const COUNTRIES_PATH = '/api/v1/countries';
export const ALL_MISSIONS_PATH = '/api/v1/missions?pageSize=100&sort=country';

const enc = encodeURIComponent;

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') search.set(k, String(v));
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const campaignsPath = (filter: { q?: string; status?: string; page?: number }) =>
  `/api/v1/campaigns${query({ ...filter, pageSize: CAMPAIGNS_PAGE_SIZE })}`;
export const campaignPath = (id: string) => `/api/v1/campaigns/${enc(id)}`;
export const sitesPath = (id: string) => `${campaignPath(id)}/sites`;
export const sitePath = (id: string, siteId: string) => `${sitesPath(id)}/${enc(siteId)}`;
export const sessionsPath = (id: string, siteId: string) => `${sitePath(id, siteId)}/sessions`;
export const sessionPath = (id: string, siteId: string, sessionId: string) =>
  `${sessionsPath(id, siteId)}/${enc(sessionId)}`;
export const allocationPath = (id: string) => `${campaignPath(id)}/allocation`;
export const allocatePath = (id: string) => `${campaignPath(id)}/allocate`;
export const progressPath = (id: string) => `${campaignPath(id)}/progress`;
export const siteDayPath = (id: string, siteId: string, date: string) =>
  `${sitePath(id, siteId)}/day${query({ date })}`;
export const registrationsPath = (
  id: string,
  filter: { siteId?: string; status?: string; priorityGroup?: string; q?: string; page?: number },
) => `${campaignPath(id)}/registrations${query({ ...filter, pageSize: REGISTRATIONS_PAGE_SIZE })}`;
export const CHECK_IN_PATH = '/api/v1/campaigns/check-in';
export const dosesPath = (registrationId: string) => `/api/v1/campaign-registrations/${enc(registrationId)}/doses`;
export const noShowPath = (registrationId: string) => `/api/v1/campaign-registrations/${enc(registrationId)}/no-show`;
export const doseCertificatePath = (doseId: string) => `/api/v1/dose-records/${enc(doseId)}/certificate`;

/** The campaign's title in the reader's language, the other one when a translation is missing. */
export function titleOf(text: LocalizedText, locale: Locale): string {
  return text[locale] || text.en || text['zh-CN'];
}

/** Today's date (YYYY-MM-DD) in a site's time zone: the site's day starts at its own midnight. */
export function todayIn(timeZone: string, now = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      now,
    );
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

/** "14:30" at the site, whatever the reader's own zone. */
export function timeAt(iso: string, timeZone: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(iso),
  );
}

/** "2026年3月5日" / "5 March 2026" for a calendar date (no time zone shift). */
export function formatDay(date: string, locale: Locale): string {
  const at = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(at.getTime())) return date;
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(at);
}

/** YYYY-MM-DD that is a real day (2026-02-30 is not). */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === text;
}

/** HH:MM on a 24-hour clock, as minutes after midnight; null when it is not one. */
export function minutesOf(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return null;
  return h * 60 + min;
}

/** How many people a session can take: whole slots between its start and end, times the seats per slot. */
export function sessionCapacity(
  session: Pick<CampaignSession, 'startTime' | 'endTime' | 'slotMinutes' | 'capacityPerSlot'>,
) {
  const start = minutesOf(session.startTime);
  const end = session.endTime.trim() === '24:00' ? 1440 : minutesOf(session.endTime);
  if (start === null || end === null || end <= start || session.slotMinutes <= 0) return 0;
  return Math.floor((end - start) / session.slotMinutes) * session.capacityPerSlot;
}

export type { Country, MissionPage };
