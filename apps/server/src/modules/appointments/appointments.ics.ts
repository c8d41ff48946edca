import type { Locale, MyAppointment } from '@homeward/shared';
import { createEvent, type DateArray } from 'ics';

/**
 * Service names for the calendar entry and mails, until the service catalogue (issue 8, item 1) is there to
 * ask; GLOSSARY terms. Keyed by the catalogue's ids.
 */
export const SERVICE_NAMES: Record<string, Record<Locale, string>> = {
  passport_renewal: { en: 'Passport renewal', 'zh-CN': '护照换发' },
  emergency_travel_document: { en: 'Emergency travel document', 'zh-CN': '旅行证（紧急）' },
  life_certificate: { en: 'Life certificate', 'zh-CN': '生存证明' },
  birth_registration: { en: 'Birth registration', 'zh-CN': '出生登记' },
  notarisation_legalisation: { en: 'Notarisation and legalisation', 'zh-CN': '公证与认证' },
  visa: { en: 'Visa', 'zh-CN': '签证' },
};

export function serviceName(serviceId: string, locale: Locale): string {
  return SERVICE_NAMES[serviceId]?.[locale] ?? serviceId;
}

/** The ics library refuses a port outside 2–5 digits (a test server's `:0`): leave such a link out. */
function calendarAcceptsUrl(link: string): boolean {
  try {
    const parsed = new URL(link);
    return /^https?:$/.test(parsed.protocol) && (parsed.port === '' || /^\d{2,5}$/.test(parsed.port));
  } catch {
    return false;
  }
}

function utcArray(iso: string): DateArray {
  const d = new Date(iso);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()];
}

/** An iCalendar file for one booking, in UTC (every calendar shows it in its own zone). */
export function appointmentIcs(appointment: MyAppointment, locale: Locale, publicUrl: string): string {
  const mission = appointment.missionName[locale];
  const title =
    locale === 'zh-CN'
      ? `${serviceName(appointment.serviceId, locale)}预约 · ${mission}`
      : `${serviceName(appointment.serviceId, locale)} appointment · ${mission}`;
  const description =
    locale === 'zh-CN'
      ? '请携带证件原件，并在柜台出示 Homeward 应用中的签到二维码。'
      : 'Bring your original documents and show the check-in QR code in the Homeward app at the counter.';
  const link = `${publicUrl}/appointments`;
  const { error, value } = createEvent({
    uid: `${appointment.id}@homeward`,
    title,
    description,
    location: mission,
    // A link back to the app, unless the configured address is one calendars reject (a test server on port 0).
    ...(calendarAcceptsUrl(link) ? { url: link } : {}),
    start: utcArray(appointment.slotStart),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: utcArray(appointment.slotEnd),
    endInputType: 'utc',
    endOutputType: 'utc',
    status: 'CONFIRMED',
    productId: 'homeward/appointments',
    alarms: [{ action: 'display', description: title, trigger: { hours: 24, before: true } }],
  });
  if (error || !value) throw error ?? new Error('ics: no calendar produced');
  return value;
}
