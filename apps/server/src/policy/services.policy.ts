import type { ApplicationStatus, Role } from '@homeward/shared';
import { type Actor, isMissionScoped, servesMission } from './actor.ts';

/**
 * Online services and applications (decision 0020). The catalogue is public. Only HQ administrators change a
 * service definition. A citizen sees and changes only their own applications. Consular officers and mission
 * heads see the applications submitted to their missions and decide them; HQ administrators see every
 * submitted application (oversight) but leave decisions to the mission. Drafts are the citizen's alone.
 */
export const SERVICE_EDITOR_ROLES: readonly Role[] = ['hq_admin'];
export const APPLICATION_READER_ROLES: readonly Role[] = ['citizen', 'hq_admin', 'consular_officer', 'mission_head'];
export const APPLICATION_DECIDER_ROLES: readonly Role[] = ['consular_officer', 'mission_head'];

export interface ApplicationRef {
  userId: string;
  missionCode: string | null;
  status: ApplicationStatus;
}

export function canEditServices(actor: Actor | null): boolean {
  return actor !== null && SERVICE_EDITOR_ROLES.includes(actor.role);
}

export function canViewApplication(actor: Actor | null, application: ApplicationRef): boolean {
  if (!actor) return false;
  if (actor.role === 'citizen') return application.userId === actor.id;
  if (application.status === 'draft') return false;
  if (actor.role === 'hq_admin') return true;
  return isMissionScoped(actor) && application.missionCode !== null && servesMission(actor, application.missionCode);
}

/** The applicant changes their answers and documents, and submits; only while it is theirs to change. */
export function canEditApplication(actor: Actor | null, application: ApplicationRef): boolean {
  return (
    actor?.role === 'citizen' &&
    application.userId === actor.id &&
    (application.status === 'draft' || application.status === 'more_info_requested')
  );
}

export function canDecideApplication(actor: Actor | null, application: ApplicationRef): boolean {
  return (
    actor !== null &&
    APPLICATION_DECIDER_ROLES.includes(actor.role) &&
    application.status !== 'draft' &&
    application.missionCode !== null &&
    servesMission(actor, application.missionCode)
  );
}

/** Which applications a list shows the actor, or null when the actor has no list at all. */
export type ApplicationListScope =
  | { kind: 'own'; userId: string }
  | { kind: 'missions'; missions: readonly string[] }
  | { kind: 'all' };

export function applicationListScope(actor: Actor | null): ApplicationListScope | null {
  if (!actor) return null;
  if (actor.role === 'citizen') return { kind: 'own', userId: actor.id };
  if (actor.role === 'hq_admin') return { kind: 'all' };
  if (isMissionScoped(actor)) return { kind: 'missions', missions: actor.missions };
  return null;
}
