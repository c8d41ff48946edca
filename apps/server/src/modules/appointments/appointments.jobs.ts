import { isLocale, type Locale } from '@homeward/shared';
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import type { JobHandler } from '../../jobs/jobs.worker.ts';
import { escapeHtml } from '../../mail/mail.templates.ts';
import { createMailer, type Mailer } from '../../mail/mailer.ts';
import { findUserById } from '../users/users.repo.ts';
import { serviceName } from './appointments.ics.ts';
import { findMine, type MineRow } from './appointments.repo.ts';
import { APPOINTMENT_REMINDER } from './appointments.service.ts';
import { APPOINTMENT_HOLD_EXPIRY, APPOINTMENT_OFFER, expireHold } from './appointments.waitlist.ts';

type Kind = 'reminder' | 'offer';

function localTime(iso: string, timeZone: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone }).format(new Date(iso));
}

/** Subject and paragraphs of an appointment mail; plain words, 您 (UX.md). */
export function appointmentMail(kind: Kind, row: MineRow, locale: Locale, displayName: string) {
  const service = serviceName(row.serviceId, locale);
  const mission = locale === 'zh-CN' ? row.nameZh : row.nameEn;
  const when = localTime(row.slotStart, row.timeZone, locale);
  const until = row.holdUntil ? localTime(row.holdUntil, row.timeZone, locale) : '';
  if (locale === 'zh-CN') {
    return kind === 'reminder'
      ? {
          subject: `预约提醒：${service}，${when}`,
          greeting: `${displayName}，您好：`,
          paragraphs: [
            `您预约了${mission}的${service}，时间为${when}（当地时间）。`,
            '请携带证件原件，并在柜台出示签到二维码。',
          ],
          action: '查看我的预约',
        }
      : {
          subject: `候补成功：${service}，${when}`,
          greeting: `${displayName}，您好：`,
          paragraphs: [
            `${mission}有一个${service}的名额空出：${when}（当地时间）。`,
            `名额为您保留至${until}，请在此之前确认，逾期将让给下一位候补者。`,
          ],
          action: '确认预约',
        };
  }
  return kind === 'reminder'
    ? {
        subject: `Reminder: ${service}, ${when}`,
        greeting: `Dear ${displayName},`,
        paragraphs: [
          `You have an appointment for ${service} at ${mission} on ${when} (local time).`,
          'Bring your original documents and show your check-in QR code at the counter.',
        ],
        action: 'See my appointments',
      }
    : {
        subject: `A place is free: ${service}, ${when}`,
        greeting: `Dear ${displayName},`,
        paragraphs: [
          `A place for ${service} at ${mission} became free on ${when} (local time).`,
          `We hold it for you until ${until}. Confirm it before then, or it goes to the next person waiting.`,
        ],
        action: 'Confirm the appointment',
      };
}

function payloadId(payload: unknown): string {
  const id = (payload as { appointmentId?: unknown } | null)?.appointmentId; // boundary: JSON from the jobs table
  if (typeof id !== 'string') throw new Error('appointment job without an appointmentId');
  return id;
}

/**
 * Reminders (24 h before), waitlist offers and hold expiries. A reminder whose booking was cancelled, missed
 * or moved (another slot start than the one it was scheduled for) is dropped, not sent.
 */
export function appointmentHandlers(config: Config, log: Logger, mailer: Mailer = createMailer(config.mail, log)) {
  const mail =
    (kind: Kind): JobHandler =>
    async ({ db, log: jobLog }, payload) => {
      const row = await findMine(db, payloadId(payload));
      const expected = (payload as { slotStart?: unknown }).slotStart;
      if (!row) return;
      if (kind === 'reminder' && (row.status !== 'booked' || (expected && expected !== row.slotStart))) {
        jobLog.info('the appointment changed; reminder dropped');
        return;
      }
      if (kind === 'offer' && row.status !== 'held') return;
      const user = await findUserById(db, row.userId);
      if (user?.status !== 'active') return;
      const locale: Locale = isLocale(user.locale) ? user.locale : 'zh-CN';
      const parts = appointmentMail(kind, row, locale, user.displayName);
      const link = `${config.publicUrl}/appointments`;
      const footer = `${config.state.ministry[locale]} · ${config.state.hotline.display}`;
      const text = [
        parts.greeting,
        '',
        ...parts.paragraphs.flatMap((p) => [p, '']),
        `${parts.action}: ${link}`,
        '',
        '--',
        footer,
        '',
      ].join('\n');
      const html = [
        `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(parts.subject)}</title></head>`,
        '<body style="font-family:sans-serif;font-size:16px;line-height:1.5;color:#0b0c0c;max-width:600px">',
        `<p>${escapeHtml(parts.greeting)}</p>`,
        ...parts.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
        `<p><a href="${escapeHtml(link)}">${escapeHtml(parts.action)}</a></p>`,
        `<hr><p style="font-size:14px">${escapeHtml(footer)}</p>`,
        '</body></html>',
      ].join('\n');
      await mailer.send({ to: user.email, subject: parts.subject, text, html });
    };
  const expiry: JobHandler = async ({ db }, payload) => {
    await expireHold(db, payloadId(payload));
  };
  return {
    [APPOINTMENT_REMINDER]: mail('reminder'),
    [APPOINTMENT_OFFER]: mail('offer'),
    [APPOINTMENT_HOLD_EXPIRY]: expiry,
  } satisfies Record<string, JobHandler>;
}
