import type { Role, TokenScope } from '@homeward/shared';

/**
 * What a route requires before its handler runs. Every route declares one (a test walks them all);
 * record-level decisions (which mission, whose case) are made by each module's policy functions.
 * `scope` opens a route to API tokens that hold it; a token may call no other authenticated route.
 */
export type RoutePolicy = (
  | { access: 'public' }
  | { access: 'signed-in' }
  | { access: 'roles'; roles: readonly Role[] }
) & { scope?: TokenScope };

export const PUBLIC: RoutePolicy = { access: 'public' };
export const SIGNED_IN: RoutePolicy = { access: 'signed-in' };
export function rolesOnly(...roles: Role[]): RoutePolicy {
  return { access: 'roles', roles };
}

export type RouteDecision = 'allow' | 'unauthenticated' | 'forbidden' | 'token_scope';

/**
 * Pure decision for the route gate; unit-tested. `token` is set when the caller authenticated with an
 * API token rather than a session: then the route must also declare a scope the token holds.
 */
export function decideRoute(
  policy: RoutePolicy,
  actor: { role: Role } | null,
  token: { scopes: readonly string[] } | null = null,
): RouteDecision {
  if (policy.access === 'public') return 'allow';
  if (!actor) return 'unauthenticated';
  if (token && (!policy.scope || !token.scopes.includes(policy.scope))) return 'token_scope';
  if (policy.access === 'signed-in') return 'allow';
  return policy.roles.includes(actor.role) ? 'allow' : 'forbidden';
}

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: RoutePolicy;
  }
}
