import type { Locale, MyCampaignRegistration } from '@homeward/shared';
import { createEvent, type DateArray } from 'ics';

function utcArray(iso: string): DateArray {
  const d = new Date(iso);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()];
}

/** An iCalendar file for a campaign place, in UTC, with a reminder the day before (like an appointment's). */
export function campaignIcs(
  registration: MyCampaignRegistration,
  campaignTitle: Record<Locale, string>,
  locale: Locale,
): string {
  const allocation = registration.allocation;
  if (!allocation) throw new Error('ics: the registration has no place');
  const site = allocation.siteName[locale];
  const title = `${campaignTitle[locale]} · ${site}`;
  const description =
    locale === 'zh-CN'
      ? '请携带护照，并在现场出示 Homeward 应用中的签到二维码。'
      : 'Bring your passport and show the check-in QR code in the Homeward app when you arrive.';
  const { error, value } = createEvent({
    uid: `${registration.id}@homeward.campaigns`,
    title,
    description,
    location: `${site}, ${allocation.address}`,
    geo: { lat: allocation.lat, lon: allocation.lon },
    start: utcArray(allocation.startsAt),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: utcArray(allocation.endsAt),
    endInputType: 'utc',
    endOutputType: 'utc',
    status: 'CONFIRMED',
    productId: 'homeward/campaigns',
    alarms: [{ action: 'display', description: title, trigger: { hours: 24, before: true } }],
  });
  if (error || !value) throw error ?? new Error('ics: no calendar produced');
  return value;
}
