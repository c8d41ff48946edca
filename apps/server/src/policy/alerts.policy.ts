import type { Role } from '@homeward/shared';
import type { Actor } from './actor.ts';

/**
 * Safety alerts (decision 0021). Alert managers and headquarters write, submit, approve, update and cancel
 * them; the four-eyes rule says the approver is a second person, neither the author nor the one who submitted.
 * Staff who answer for nationals (hotline, mission staff) read alerts and their check-in tallies, so they know
 * what people were told; the list of unaccounted people (names and phones) is exported by alert managers and
 * HQ only, and each export is audited. Citizens answer for themselves; incoming CAP signals are for the writers.
 */
export const ALERT_WRITER_ROLES: readonly Role[] = ['hq_admin', 'alert_manager'];
export const ALERT_READER_ROLES: readonly Role[] = [
  'hq_admin',
  'alert_manager',
  'hotline_agent',
  'consular_officer',
  'mission_head',
];

export function canWriteAlerts(actor: Actor | null): boolean {
  return actor !== null && ALERT_WRITER_ROLES.includes(actor.role);
}

export function canReadAlerts(actor: Actor | null): boolean {
  return actor !== null && ALERT_READER_ROLES.includes(actor.role);
}

/** Four eyes: a writer other than the author and the submitter. */
export function canApproveAlert(
  actor: Actor | null,
  alert: { createdBy: string | null; submittedBy: string | null },
): boolean {
  return canWriteAlerts(actor) && actor?.id !== alert.createdBy && actor?.id !== alert.submittedBy;
}

/** Names and phones of people who have not answered: writers only, audited by the service. */
export function canExportUnaccounted(actor: Actor | null): boolean {
  return canWriteAlerts(actor);
}

/** A citizen answers "Are you safe?" only for themselves (the service checks they were a recipient). */
export function canAnswerCheckin(actor: Actor | null): boolean {
  return actor !== null && actor.role === 'citizen';
}
