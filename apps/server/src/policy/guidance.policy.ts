import type { Role } from '@homeward/shared';
import type { Actor } from './actor.ts';
import { canManageOrganisation, canViewEnterpriseSite, type OrganisationOwner } from './businesses.policy.ts';

/**
 * Business security guidance (decision 0023). Anyone reads the published library, signed in or not. Headquarters
 * and alert managers write articles (drafts included) and send them to the site staff of an area — the same
 * people who publish travel advisories and alerts. An organisation's self-assessment is answered and read by
 * whoever manages the organisation today (businesses.policy.ts); staff read an enterprise's latest score where
 * they may read its site, since a score is organisational, not personal, data (not audited).
 */
export const GUIDANCE_EDITOR_ROLES: readonly Role[] = ['hq_admin', 'alert_manager'];

export function canEditGuidance(actor: Actor | null): boolean {
  return actor !== null && GUIDANCE_EDITOR_ROLES.includes(actor.role);
}

/** Drafts are for editors; a published article is for everyone. */
export function canReadGuidanceArticle(actor: Actor | null, article: { status: string }): boolean {
  return article.status === 'published' || canEditGuidance(actor);
}

export function canSendGuidance(actor: Actor | null): boolean {
  return canEditGuidance(actor);
}

export function canAssessOrganisation(actor: Actor | null, organisation: OrganisationOwner): boolean {
  return canManageOrganisation(actor, organisation);
}

/** The latest score on the console's site page: the same reach as the site itself. */
export function canViewEnterpriseAssessment(actor: Actor | null, siteMissionCode: string | null): boolean {
  return canViewEnterpriseSite(actor, siteMissionCode);
}
