import type { Db } from '../../db/schema.ts';
import { enqueueMail } from '../../mail/mail.jobs.ts';
import type { ApplicationChange } from '../../mail/mail.templates.ts';
import { enqueuePersonNotification } from '../notifications/notifications.service.ts';
import { findPersonByUserId } from '../registry/persons.repo.ts';

const TITLES: Record<ApplicationChange, { en: string; 'zh-CN': string }> = {
  submitted: { en: 'Application received', 'zh-CN': '申请已收到' },
  info_requested: { en: 'More information needed', 'zh-CN': '需要补充信息' },
  approved: { en: 'Application approved', 'zh-CN': '申请已获批准' },
  refused: { en: 'Application refused', 'zh-CN': '申请未获批准' },
  issued: { en: 'Document issued', 'zh-CN': '证件已签发' },
  collected: { en: 'Document collected', 'zh-CN': '证件已领取' },
};

/**
 * Tells the applicant that their application changed status, through the job queue in the caller's transaction
 * (outbox): nothing is sent for a change that rolls back, and a send that fails is retried. An e-mail to the
 * account's address, and an in-app message (with push where the person has it) through the notifications
 * module when the account has a registered person. Both name the application and the change, never the
 * officer's words (they stay behind the sign-in).
 */
export async function notifyApplicant(
  trx: Db,
  application: { id: string; userId: string; reference: string | null; version: number },
  change: ApplicationChange,
): Promise<void> {
  await enqueueMail(
    trx,
    {
      template: 'application_update',
      userId: application.userId,
      applicationId: application.id,
      reference: application.reference ?? '',
      change,
    },
    // One mail per change: the version the change produced is unique to it.
    `application:${application.id}:${application.version}:${change}`,
  );
  const person = await findPersonByUserId(trx, application.userId);
  if (!person) return;
  const reference = application.reference ?? '';
  const url = `/applications/${application.id}`;
  await enqueuePersonNotification(trx, {
    source: { kind: 'application', id: `${application.id}:${application.version}` },
    personIds: [person.id],
    content: {
      en: { title: TITLES[change].en, body: `${reference}: sign in to see what happens next.`, url },
      'zh-CN': { title: TITLES[change]['zh-CN'], body: `${reference}：请登录查看下一步。`, url },
    },
  });
}
