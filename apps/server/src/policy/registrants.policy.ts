import type { Actor } from './actor.ts';
import { isMissionScoped } from './actor.ts';

/**
 * Who sees which registrants: headquarters and the 24/7 hotline see everyone; consular officers and mission
 * heads see a person when at least one of the person's (or their dependents') presences that is current or
 * upcoming lies in their missions' consular districts; every other role sees none (auditors read the log).
 */
export type RegistrantScope = { all: true } | { missions: readonly string[] } | null;

export function registrantScope(actor: Actor | null): RegistrantScope {
  if (!actor) return null;
  if (actor.role === 'hq_admin' || actor.role === 'hotline_agent') return { all: true };
  if (isMissionScoped(actor)) return { missions: actor.missions };
  return null;
}

/** A presence as the policy needs it: when it ends and which mission answers for its place. */
export interface PresenceReach {
  /** YYYY-MM-DD, or null for an open-ended residence. */
  departureOn: string | null;
  missionCode: string | null;
}

/** Current or upcoming on `today` (YYYY-MM-DD): past stays no longer put a person in a district. */
export function isCurrentOrUpcoming(presence: Pick<PresenceReach, 'departureOn'>, today: string): boolean {
  return presence.departureOn === null || presence.departureOn >= today;
}

/** Whether the actor may see this person, given all the person's and their dependents' presences. */
export function canViewRegistrant(actor: Actor | null, presences: readonly PresenceReach[], today: string): boolean {
  const scope = registrantScope(actor);
  if (!scope) return false;
  if ('all' in scope) return true;
  return presences.some(
    (p) => isCurrentOrUpcoming(p, today) && p.missionCode !== null && scope.missions.includes(p.missionCode),
  );
}

/** Exports of personal data need a reason of 10 to 500 characters for the audit log. */
export function isExportReason(reason: string | undefined): reason is string {
  const length = reason?.trim().length ?? 0;
  return length >= 10 && length <= 500;
}
