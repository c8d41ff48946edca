import type { Role, SessionUser } from '@homeward/shared';

/** Who is asking: a signed-in person (or API token) with a role and, for mission staff, their missions. */
export interface Actor {
  id: string;
  role: Role;
  missions: readonly string[];
}

export function actorOf(user: SessionUser | null): Actor | null {
  return user ? { id: user.id, role: user.role, missions: user.missions } : null;
}

/** Roles whose reach is limited to the missions they are assigned to. */
export const MISSION_SCOPED_ROLES: readonly Role[] = ['consular_officer', 'mission_head'];

export function isMissionScoped(actor: Actor): boolean {
  return MISSION_SCOPED_ROLES.includes(actor.role);
}

export function servesMission(actor: Actor, missionCode: string): boolean {
  return actor.missions.includes(missionCode);
}
