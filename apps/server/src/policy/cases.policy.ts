import type { Actor } from './actor.ts';
import { isMissionScoped, servesMission } from './actor.ts';

/** The fields of a case that decide who may see it. */
export interface CaseScope {
  missionCode: string;
  reporterUserId: string | null;
}

/**
 * Protection cases: headquarters and the 24/7 hotline see every case, mission staff only their
 * missions' cases, a citizen only the cases they reported. Everyone else sees none (alert managers,
 * health issuers and auditors work elsewhere; auditors read the audit log, not the cases).
 */
export function canViewCase(actor: Actor | null, kase: CaseScope): boolean {
  if (!actor) return false;
  switch (actor.role) {
    case 'hq_admin':
    case 'hotline_agent':
      return true;
    case 'consular_officer':
    case 'mission_head':
      return servesMission(actor, kase.missionCode);
    case 'citizen':
      return kase.reporterUserId === actor.id;
    default:
      return false;
  }
}

/** Staff may open a case for a mission they can see; citizens ask for help through their own route. */
export function canOpenCase(actor: Actor | null, missionCode: string): boolean {
  if (!actor) return false;
  if (actor.role === 'hq_admin' || actor.role === 'hotline_agent') return true;
  return isMissionScoped(actor) && servesMission(actor, missionCode);
}

/** Which cases a list shows: all, some missions', or a citizen's own; null when the role lists none. */
export type CaseListScope = { all: true } | { missions: readonly string[] } | { reporterUserId: string } | null;

export function caseListScope(actor: Actor | null): CaseListScope {
  if (!actor) return null;
  if (actor.role === 'hq_admin' || actor.role === 'hotline_agent') return { all: true };
  if (isMissionScoped(actor)) return { missions: actor.missions };
  if (actor.role === 'citizen') return { reporterUserId: actor.id };
  return null;
}
