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

/**
 * Who works a case — changes its status, owner, priority, tasks and people, writes to the person,
 * escalates and merges it: headquarters, and the staff of the case's mission.
 */
export function canManageCase(actor: Actor | null, kase: CaseScope): boolean {
  if (!actor) return false;
  if (actor.role === 'hq_admin') return true;
  return isMissionScoped(actor) && servesMission(actor, kase.missionCode);
}

/** Internal notes: those who work the case, and the hotline (which hears from callers about any case). */
export function canAnnotateCase(actor: Actor | null, kase: CaseScope): boolean {
  if (!actor) return false;
  return canManageCase(actor, kase) || actor.role === 'hotline_agent';
}

/** Triage (new → triaged) is open to the hotline too; the workflow decides the rest per role. */
export function canTransitionCase(actor: Actor | null, kase: CaseScope): boolean {
  return canAnnotateCase(actor, kase);
}

/** The message thread with the person: the reporting citizen and those who work the case. */
export function canMessageCase(actor: Actor | null, kase: CaseScope): boolean {
  if (!actor) return false;
  if (actor.role === 'citizen') return kase.reporterUserId === actor.id;
  return canManageCase(actor, kase);
}

/** A duplicate may be merged into a case of the same mission by its staff; across missions only by HQ. */
export function canMergeCases(actor: Actor | null, duplicate: CaseScope, into: CaseScope): boolean {
  if (!actor || !canManageCase(actor, duplicate) || !canViewCase(actor, into)) return false;
  return actor.role === 'hq_admin' || (duplicate.missionCode === into.missionCode && canManageCase(actor, into));
}

/** The fields of an incident that decide who may see it. */
export interface IncidentScope {
  countries: readonly string[];
}

/** Headquarters and mission staff declare incidents; the hotline and citizens do not. */
export function canCreateIncident(actor: Actor | null): boolean {
  if (!actor) return false;
  return actor.role === 'hq_admin' || isMissionScoped(actor);
}

/**
 * HQ and the hotline see every incident; mission staff those covering a country their missions answer for
 * (`missionCountries`) or holding a case of theirs (`hasOwnCases`).
 */
export function canViewIncident(
  actor: Actor | null,
  incident: IncidentScope,
  context: { missionCountries: readonly string[]; hasOwnCases: boolean },
): boolean {
  if (!actor) return false;
  if (actor.role === 'hq_admin' || actor.role === 'hotline_agent') return true;
  if (!isMissionScoped(actor)) return false;
  return context.hasOwnCases || incident.countries.some((c) => context.missionCountries.includes(c));
}

/** Editing an incident: HQ, or mission staff who can see it. */
export function canEditIncident(
  actor: Actor | null,
  incident: IncidentScope,
  context: { missionCountries: readonly string[]; hasOwnCases: boolean },
): boolean {
  if (!actor) return false;
  if (actor.role === 'hq_admin') return true;
  return isMissionScoped(actor) && canViewIncident(actor, incident, context);
}
