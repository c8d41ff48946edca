import type { CaseStatus, Role } from '@homeward/shared';

/**
 * The status workflow of a consular protection case (decision 0011):
 *
 *   new → triaged → assigned → in_progress ⇄ waiting → resolved → closed
 *
 * A case may be accepted straight from `new`, be resolved from any working status, and be dismissed
 * (closed with a reason) before anyone accepted it. Resolved and closed cases reopen to `in_progress`
 * with a reason. Pure data and functions: the service applies them and records a `status` event.
 */
export const CASE_TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  new: ['triaged', 'assigned', 'closed'],
  triaged: ['assigned', 'closed'],
  assigned: ['in_progress', 'waiting', 'resolved'],
  in_progress: ['waiting', 'resolved'],
  waiting: ['in_progress', 'resolved'],
  resolved: ['closed', 'in_progress'],
  closed: ['in_progress'],
};

/** Who works a case: headquarters and the mission's own staff; the hotline only triages. */
const ROLE_TRANSITIONS: Partial<Record<Role, (from: CaseStatus, to: CaseStatus) => boolean>> = {
  hq_admin: () => true,
  mission_head: () => true,
  // An officer may do everything but reopen a closed case: that takes the mission head or HQ.
  consular_officer: (from) => from !== 'closed',
  hotline_agent: (from, to) => from === 'new' && to === 'triaged',
};

export interface TransitionCheck {
  allowed: boolean;
  /** A reason must be given: to reopen, and to dismiss a case nobody accepted. */
  reasonRequired: boolean;
}

export function isReopen(from: CaseStatus, to: CaseStatus): boolean {
  return (from === 'resolved' || from === 'closed') && to === 'in_progress';
}

/** Whether `role` may move a case from `from` to `to`, and whether it needs a reason. */
export function checkTransition(role: Role, from: CaseStatus, to: CaseStatus): TransitionCheck {
  const inWorkflow = CASE_TRANSITIONS[from].includes(to);
  const roleAllows = ROLE_TRANSITIONS[role]?.(from, to) ?? false;
  const dismissal = to === 'closed' && (from === 'new' || from === 'triaged');
  return { allowed: inWorkflow && roleAllows, reasonRequired: isReopen(from, to) || dismissal };
}

/** The statuses `role` may move a case to now (for the console's buttons). */
export function allowedTransitions(role: Role, from: CaseStatus): CaseStatus[] {
  return CASE_TRANSITIONS[from].filter((to) => checkTransition(role, from, to).allowed);
}

/** Statuses in which the case is still being worked on (the SLA runs, a message counts as an update). */
export function isOpenStatus(status: CaseStatus): boolean {
  return status !== 'resolved' && status !== 'closed';
}
