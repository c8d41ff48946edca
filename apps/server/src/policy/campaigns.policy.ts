import type { Role } from '@homeward/shared';
import { type Actor, servesMission } from './actor.ts';

/**
 * Campaigns such as vaccination abroad (decision 0024). HQ defines campaigns, sites and sessions and runs the
 * allocation; every staff role reads the campaigns themselves (no personal data). A site is run by its mission:
 * that mission's officers and head check people in, record doses and mark no-shows there, and see the people
 * coming; HQ everywhere. Health issuers read registrations and issue certificates from dose records. Auditors
 * read. Citizens register themselves and see only their own registrations and doses.
 */
export const CAMPAIGN_EDITOR_ROLES: readonly Role[] = ['hq_admin'];
export const CAMPAIGN_READER_ROLES: readonly Role[] = [
  'hq_admin',
  'hotline_agent',
  'consular_officer',
  'mission_head',
  'alert_manager',
  'health_issuer',
  'auditor',
];
export const CAMPAIGN_SITE_STAFF_ROLES: readonly Role[] = ['hq_admin', 'mission_head', 'consular_officer'];
export const CAMPAIGN_REGISTRATION_READER_ROLES: readonly Role[] = [
  'hq_admin',
  'auditor',
  'health_issuer',
  'mission_head',
  'consular_officer',
];
export const CAMPAIGN_PROGRESS_ROLES: readonly Role[] = ['hq_admin', 'auditor'];
export const CAMPAIGN_CITIZEN_ROLES: readonly Role[] = ['citizen'];
export const DOSE_CERTIFIER_ROLES: readonly Role[] = ['health_issuer'];

export function canEditCampaigns(actor: Actor | null): boolean {
  return actor?.role === 'hq_admin';
}

/** Working a site: check-in, doses, no-shows and the site's day list. */
export function canWorkCampaignSite(actor: Actor | null, site: { missionCode: string }): boolean {
  if (!actor) return false;
  if (actor.role === 'hq_admin') return true;
  return (actor.role === 'mission_head' || actor.role === 'consular_officer') && servesMission(actor, site.missionCode);
}

/**
 * Which registrations a staff member may list: all of them, only those of their missions' sites (allocated there
 * or preferring a site there), or none.
 */
export function campaignRegistrationScope(actor: Actor | null): 'all' | { missions: readonly string[] } | 'none' {
  if (!actor) return 'none';
  if (actor.role === 'hq_admin' || actor.role === 'auditor' || actor.role === 'health_issuer') return 'all';
  if (actor.role === 'mission_head' || actor.role === 'consular_officer') return { missions: actor.missions };
  return 'none';
}

export function canViewCampaignProgress(actor: Actor | null): boolean {
  return actor?.role === 'hq_admin' || actor?.role === 'auditor';
}

export function canChangeCampaignRegistration(actor: Actor | null, registration: { userId: string | null }): boolean {
  return actor !== null && actor.role === 'citizen' && registration.userId === actor.id;
}

/** A vaccination certificate is a medical attestation: only health issuers sign one from a dose record. */
export function canCertifyDose(actor: Actor | null): boolean {
  return actor?.role === 'health_issuer';
}
