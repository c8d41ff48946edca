import type { Role } from '@homeward/shared';

/**
 * Administrators may change any staff account except their own role and status: an administrator who
 * demotes or disables themselves by mistake could leave the ministry with no one to undo it.
 */
export function canChangeStaffAccount(
  actor: { id: string; role: Role },
  target: { id: string },
  change: { role?: Role; status?: string },
): boolean {
  if (actor.role !== 'hq_admin') return false;
  if (actor.id !== target.id) return true;
  return change.role === undefined && change.status === undefined;
}

/** Resetting your own second factor would lock you out mid-session; another administrator does it. */
export function canResetSecondFactor(actor: { id: string; role: Role }, target: { id: string }): boolean {
  return actor.role === 'hq_admin' && actor.id !== target.id;
}
