import type { Role } from '@homeward/shared';
import type { Actor } from './actor.ts';

/**
 * Travel advisories speak for the ministry to every traveller, so only alert managers and headquarters publish
 * them (decision 0016). Reading them is public: the levels are published information, the same on the map for
 * anyone, signed in or not. Mission staff propose a change to HQ outside the system.
 */
export const ADVISORY_PUBLISHER_ROLES: readonly Role[] = ['hq_admin', 'alert_manager'];

export function canPublishAdvisory(actor: Actor | null): boolean {
  return actor !== null && ADVISORY_PUBLISHER_ROLES.includes(actor.role);
}
