import type { Role } from '@homeward/shared';

/**
 * What a route requires before its handler runs. Every route declares one (a test walks them all);
 * record-level decisions (which mission, whose case) are made by each module's policy functions.
 */
export type RoutePolicy = { access: 'public' } | { access: 'signed-in' } | { access: 'roles'; roles: readonly Role[] };

export const PUBLIC: RoutePolicy = { access: 'public' };
export const SIGNED_IN: RoutePolicy = { access: 'signed-in' };
export function rolesOnly(...roles: Role[]): RoutePolicy {
  return { access: 'roles', roles };
}

export type RouteDecision = 'allow' | 'unauthenticated' | 'forbidden';

/** Pure decision for the route gate; unit-tested. */
export function decideRoute(policy: RoutePolicy, actor: { role: Role } | null): RouteDecision {
  if (policy.access === 'public') return 'allow';
  if (!actor) return 'unauthenticated';
  if (policy.access === 'signed-in') return 'allow';
  return policy.roles.includes(actor.role) ? 'allow' : 'forbidden';
}

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: RoutePolicy;
  }
}
