import { ACCOUNT_LINK_PATHS, isLocale, type Locale } from '@homeward/shared';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Db } from '../db/schema.ts';
import { insertJobs } from '../jobs/jobs.repo.ts';
import type { JobHandler } from '../jobs/jobs.worker.ts';
import { issueLinkToken, LINK_TTL_MS } from '../modules/accounts/link-tokens.ts';
import { findUserById } from '../modules/users/users.repo.ts';
import {
  type ApplicationChange,
  MAIL_TEMPLATES,
  type MailData,
  type MailTemplate,
  renderMail,
} from './mail.templates.ts';
import { createMailer, type Mailer } from './mailer.ts';

export const MAIL_SEND = 'mail.send';

/**
 * What a `mail.send` job carries. Mails about an account name the user; the link token, when the mail
 * has one, is issued only when the mail is sent, so no usable token ever rests in the jobs table.
 * A mail to someone whose account is gone (deletion notice) carries address, name and language itself.
 */
export type MailJob =
  | { template: Exclude<MailTemplate, 'account_deleted' | 'case_reply' | 'application_update'>; userId: string }
  | { template: 'case_reply'; userId: string; caseId: string; caseNumber: string }
  | {
      template: 'application_update';
      userId: string;
      applicationId: string;
      reference: string;
      change: ApplicationChange;
    }
  | { template: 'account_deleted'; to: string; displayName: string; locale: Locale };

/**
 * Queues a mail in the caller's transaction (outbox). `dedupeKey` names the event that causes it,
 * so a repeated request (same X-Request-Id) does not send the mail twice.
 */
export async function enqueueMail(db: Db, mail: MailJob, dedupeKey: string): Promise<void> {
  await insertJobs(db, [{ kind: MAIL_SEND, payload: mail, dedupeKey: `mail:${dedupeKey}`, maxAttempts: 12 }]);
}

const LINK_PURPOSE = { verify_email: 'verify', password_reset: 'reset' } as const;

function isMailJob(value: unknown): value is MailJob {
  if (typeof value !== 'object' || value === null) return false;
  const job = value as Record<string, unknown>; // boundary: a JSON payload read back from the jobs table
  if (!MAIL_TEMPLATES.includes(job.template as MailTemplate)) return false;
  return job.template === 'account_deleted'
    ? typeof job.to === 'string' && typeof job.displayName === 'string' && isLocale(job.locale)
    : job.template === 'case_reply'
      ? typeof job.userId === 'string' && typeof job.caseId === 'string' && typeof job.caseNumber === 'string'
      : job.template === 'application_update'
        ? typeof job.userId === 'string' && typeof job.applicationId === 'string' && typeof job.reference === 'string'
        : typeof job.userId === 'string';
}

/** The `mail.send` handler; the worker retries a failed send with exponential backoff. */
export function mailHandlers(config: Config, log: Logger, mailer: Mailer = createMailer(config.mail, log)) {
  const send: JobHandler = async ({ db, log: jobLog }, payload) => {
    if (!isMailJob(payload)) throw new Error('mail.send: payload is not a mail job');
    let to: string;
    let locale: Locale;
    const data: MailData = { displayName: '' };
    if (payload.template === 'account_deleted') {
      ({ to, locale, displayName: data.displayName } = payload);
    } else {
      const user = await findUserById(db, payload.userId);
      if (user?.status !== 'active') {
        jobLog.info('the account is gone or disabled; mail not sent');
        return;
      }
      to = user.email;
      locale = isLocale(user.locale) ? user.locale : 'zh-CN';
      data.displayName = user.displayName;
      if (payload.template === 'case_reply') {
        data.caseNumber = payload.caseNumber;
        data.link = `${config.publicUrl}/cases/${encodeURIComponent(payload.caseId)}`;
      }
      if (payload.template === 'application_update') {
        data.applicationReference = payload.reference;
        data.applicationChange = payload.change;
        data.link = `${config.publicUrl}/applications/${encodeURIComponent(payload.applicationId)}`;
      }
      if (payload.template === 'already_registered') data.link = `${config.publicUrl}${ACCOUNT_LINK_PATHS.signIn}`;
      if (payload.template === 'verify_email' || payload.template === 'password_reset') {
        const purpose = LINK_PURPOSE[payload.template];
        const token = await issueLinkToken(db, user.id, purpose);
        data.link = `${config.publicUrl}${ACCOUNT_LINK_PATHS[purpose]}?token=${token}`;
        data.linkHours = LINK_TTL_MS[purpose] / 3_600_000;
      }
    }
    const branding = { ministry: config.state.ministry[locale], hotline: config.state.hotline };
    await mailer.send({ to, ...renderMail(payload.template, locale, data, branding) });
  };
  return { [MAIL_SEND]: send } satisfies Record<string, JobHandler>;
}
