import type { Application, ApplicationStatus, DecideApplicationBody, DecisionAction, Locale } from '@homeward/shared';
import type { Kysely } from 'kysely';
import { isoNow } from '../../clock.ts';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { ProblemError } from '../../http/problem.ts';
import type { ApplicationChange } from '../../mail/mail.templates.ts';
import type { Actor } from '../../policy/actor.ts';
import { canDecideApplication } from '../../policy/services.policy.ts';
import { type AuditSource, appendAudit } from '../audit/audit.service.ts';
import { addEvent, conflict, loadApplication, presentApplication } from './applications.service.ts';
import { notifyApplicant } from './services.notify.ts';
import { updateApplication } from './services.repo.ts';

/** What each officer action does: from which statuses, to which, what the citizen is told. */
const TRANSITIONS: Record<
  DecisionAction,
  { from: readonly ApplicationStatus[]; to: ApplicationStatus; event: ApplicationChange; needsMessage: boolean }
> = {
  request_info: { from: ['submitted'], to: 'more_info_requested', event: 'info_requested', needsMessage: true },
  approve: { from: ['submitted'], to: 'approved', event: 'approved', needsMessage: false },
  refuse: { from: ['submitted', 'more_info_requested'], to: 'refused', event: 'refused', needsMessage: true },
  record_issuance: { from: ['approved'], to: 'issued', event: 'issued', needsMessage: false },
  record_collection: { from: ['issued'], to: 'collected', event: 'collected', needsMessage: false },
};

/**
 * An officer of the application's mission moves it on: asks for more information, approves, refuses with a
 * reason, records issuance and collection. Each step is an event, audited, and the applicant is notified.
 */
export async function decideApplication(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  body: DecideApplicationBody,
  source: AuditSource,
  locale: Locale,
  now: Date = new Date(),
): Promise<Application> {
  return inTransaction(db, async (trx) => {
    const { row } = await loadApplication(trx, actor, id);
    if (!canDecideApplication(actor, row)) throw new ProblemError(403, 'forbidden');
    const step = TRANSITIONS[body.action];
    if (!step.from.includes(row.status)) {
      throw new ProblemError(409, 'application_transition_not_allowed', `${row.status} → ${step.to}`);
    }
    if (row.version !== body.version) throw conflict();
    const message = body.message?.trim() ?? '';
    if (step.needsMessage && message === '') {
      const words =
        body.action === 'refuse'
          ? { en: 'Enter the reason for the refusal', 'zh-CN': '请填写不予批准的理由' }
          : { en: 'Enter what the applicant must add', 'zh-CN': '请填写申请人需要补充的内容' };
      throw new ProblemError(422, 'validation_failed', 'a message is required', [
        { field: '/message', message: words[locale] },
      ]);
    }
    const at = isoNow(now);
    const changed = await updateApplication(trx, id, row.version, {
      status: step.to,
      updatedAt: at,
      ...(body.action === 'approve' || body.action === 'refuse' ? { decisionReason: message || null } : {}),
    });
    if (changed !== 1) throw conflict();
    await addEvent(trx, row, step.event, step.to, actor, message || null, at);
    await appendAudit(trx, source, {
      action: `application.${body.action}`,
      record: { type: 'service_application', id, missionCode: row.missionCode },
      details: { from: row.status, to: step.to, reference: row.reference },
    });
    await notifyApplicant(trx, { ...row, version: row.version + 1 }, step.event);
    return presentApplication(trx, id);
  });
}
