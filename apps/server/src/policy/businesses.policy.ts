import type { Actor } from './actor.ts';
import { isMissionScoped } from './actor.ts';

/** The field of an organisation account that decides who manages it. */
export interface OrganisationOwner {
  ownerUserId: string | null;
}

/**
 * An organisation account is managed by the citizen account that registered it, and by no one else: staff
 * read enterprises through the console's own routes, never change them.
 */
export function canManageOrganisation(actor: Actor | null, organisation: OrganisationOwner): boolean {
  return actor?.role === 'citizen' && organisation.ownerUserId !== null && organisation.ownerUserId === actor.id;
}

/** Which enterprises' sites the console shows: all, or those in some missions' jurisdictions; null for none. */
export type EnterpriseScope = { all: true } | { missions: readonly string[] } | null;

/**
 * Enterprises abroad in the staff console: headquarters and the 24/7 hotline (who take the first call in a
 * crisis) see every site; consular officers and heads of mission see the sites in their missions'
 * jurisdictions (an enterprise appears through those of its sites). Alert managers reach site staff through
 * the targeting engine and do not browse the list; auditors, health issuers and citizens see none.
 */
export function enterpriseScope(actor: Actor | null): EnterpriseScope {
  if (!actor) return null;
  if (actor.role === 'hq_admin' || actor.role === 'hotline_agent') return { all: true };
  if (isMissionScoped(actor)) return { missions: actor.missions };
  return null;
}

/**
 * One site, whose answering mission is `missionCode` (null when no mission answers for the place): in scope for
 * all-seeing roles, and for mission staff when it is one of their missions.
 */
export function canViewEnterpriseSite(actor: Actor | null, missionCode: string | null): boolean {
  const scope = enterpriseScope(actor);
  if (!scope) return false;
  if ('all' in scope) return true;
  return missionCode !== null && scope.missions.includes(missionCode);
}
