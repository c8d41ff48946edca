import type { RouteOptions } from 'fastify';

export type LifecycleHook = 'onRequest' | 'preHandler' | 'onResponse';

/**
 * Adds a hook to ONE route from an `onRoute` hook: the work is done only on the routes that need it, and the
 * hook knows its route without reading `request.routeOptions` (which Fastify builds afresh on every read).
 * A new array every time: Fastify copies a GET route's options for its HEAD twin before `onRoute` runs.
 */
export function addRouteHook(route: RouteOptions, name: LifecycleHook, hook: (...args: never[]) => unknown): void {
  const existing = route[name] as unknown;
  const list = existing === undefined ? [] : Array.isArray(existing) ? existing : [existing];
  (route as unknown as Record<LifecycleHook, unknown[]>)[name] = [...list, hook];
}
