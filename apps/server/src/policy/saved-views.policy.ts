import type { Role } from '@homeward/shared';
import type { Actor } from './actor.ts';

/** Staff who work the case list keep saved views of it; citizens see only their own few cases. */
export const SAVED_VIEW_ROLES: readonly Role[] = ['hq_admin', 'hotline_agent', 'consular_officer', 'mission_head'];

export function canKeepSavedViews(actor: Actor | null): boolean {
  return actor !== null && SAVED_VIEW_ROLES.includes(actor.role);
}

/** A saved view is private to the person who saved it: nobody else reads, changes or deletes it. */
export function canUseSavedView(actor: Actor | null, view: { userId: string }): boolean {
  return canKeepSavedViews(actor) && actor?.id === view.userId;
}
