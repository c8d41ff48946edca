import type { Role } from '@homeward/shared';
import type { Actor } from './actor.ts';

/** Who opens the case dashboard: headquarters for every mission, a mission head for their own missions. */
export const DASHBOARD_ROLES: readonly Role[] = ['hq_admin', 'mission_head'];

export type DashboardScope = { all: true } | { missions: readonly string[] } | null;

export function dashboardScope(actor: Actor | null): DashboardScope {
  if (!actor) return null;
  if (actor.role === 'hq_admin') return { all: true };
  if (actor.role === 'mission_head') return { missions: actor.missions };
  return null;
}
