import { isLocale, type Locale } from '@homeward/shared';
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import type { JobHandler } from '../../jobs/jobs.worker.ts';
import { escapeHtml } from '../../mail/mail.templates.ts';
import { createMailer, type Mailer } from '../../mail/mailer.ts';
import { enqueuePersonNotification } from '../notifications/notifications.service.ts';
import { findUserById } from '../users/users.repo.ts';
import { CAMPAIGN_ALLOCATE, CAMPAIGN_REMINDER, runAllocationJob } from './campaigns.allocation.ts';
import { findRegistration, findSeatOf } from './campaigns.registrations.repo.ts';
import { findCampaign, findSiteById } from './campaigns.repo.ts';

function localTime(iso: string, timeZone: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone }).format(new Date(iso));
}

/** Boundary: job payloads are JSON written by this module. */
function field(payload: unknown, name: string): string | null {
  const value = (payload as Record<string, unknown> | null)?.[name];
  return typeof value === 'string' ? value : null;
}

/**
 * The allocation job, and the reminder 24 h before a place: an in-app message through notifications (with push or
 * another channel as the person chose) and an e-mail to the account, as applications do. A reminder whose
 * registration was cancelled, missed, or moved to another slot is dropped.
 */
export function campaignHandlers(config: Config, log: Logger, mailer: Mailer = createMailer(config.mail, log)) {
  const allocate: JobHandler = async ({ db }, payload) => {
    const campaignId = field(payload, 'campaignId');
    if (!campaignId) throw new Error('campaign.allocate without a campaignId');
    await runAllocationJob(db, { campaignId, runId: field(payload, 'runId') });
  };
  const remind: JobHandler = async ({ db, log: jobLog }, payload) => {
    const registrationId = field(payload, 'registrationId');
    if (!registrationId) throw new Error('campaign.reminder without a registrationId');
    const registration = await findRegistration(db, registrationId);
    const seat = await findSeatOf(db, registrationId);
    if (registration?.status !== 'allocated' || !seat || seat.slotStart !== field(payload, 'slotStart')) {
      jobLog.info('the registration changed; reminder dropped');
      return;
    }
    const [campaign, site] = await Promise.all([
      findCampaign(db, registration.campaignId),
      findSiteById(db, seat.siteId),
    ]);
    if (!campaign || !site) return;
    const url = `/campaigns/${campaign.id}`;
    const text = (locale: Locale) => {
      const when = localTime(seat.slotStart, site.timeZone, locale);
      return locale === 'zh-CN'
        ? {
            subject: `提醒：${campaign.titleZh}，${when}`,
            body: `您的名额：${site.nameZh}（${site.address}），${when}（当地时间）。请携带护照并出示签到二维码。`,
          }
        : {
            subject: `Reminder: ${campaign.titleEn}, ${when}`,
            body: `Your place: ${site.nameEn} (${site.address}), ${when} (local time). Bring your passport and show your check-in QR code.`,
          };
    };
    await enqueuePersonNotification(db, {
      source: { kind: 'campaign_reminder', id: `${registration.id}:${seat.slotStart}` },
      personIds: [registration.personId],
      content: {
        en: { title: text('en').subject, body: text('en').body, url },
        'zh-CN': { title: text('zh-CN').subject, body: text('zh-CN').body, url },
      },
    });
    const user = registration.userId ? await findUserById(db, registration.userId) : undefined;
    if (user?.status !== 'active' || !user.email) return;
    const locale: Locale = isLocale(user.locale) ? user.locale : 'zh-CN';
    const { subject, body } = text(locale);
    const link = `${config.publicUrl}${url}`;
    const greeting = locale === 'zh-CN' ? `${user.displayName}，您好：` : `Dear ${user.displayName},`;
    const action = locale === 'zh-CN' ? '查看我的名额' : 'See my place';
    const footer = `${config.state.ministry[locale]} · ${config.state.hotline.display}`;
    await mailer.send({
      to: user.email,
      subject,
      text: [greeting, '', body, '', `${action}: ${link}`, '', '--', footer, ''].join('\n'),
      html: [
        `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
        '<body style="font-family:sans-serif;font-size:16px;line-height:1.5;color:#0b0c0c;max-width:600px">',
        `<p>${escapeHtml(greeting)}</p><p>${escapeHtml(body)}</p>`,
        `<p><a href="${escapeHtml(link)}">${escapeHtml(action)}</a></p>`,
        `<hr><p style="font-size:14px">${escapeHtml(footer)}</p>`,
        '</body></html>',
      ].join('\n'),
    });
  };
  return { [CAMPAIGN_ALLOCATE]: allocate, [CAMPAIGN_REMINDER]: remind } satisfies Record<string, JobHandler>;
}
