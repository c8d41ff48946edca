import type { InjectOptions } from 'fastify';
import type { RouteSpec } from './policy.matrix.world.ts';

/** Specs for "who is in this area" (issue 4): an aggregate count, the same for any area, so no scope. */

const COUNTERS = {
  hq_admin: 'any',
  alert_manager: 'any',
  hotline_agent: 'any',
  consular_officer: 'any',
  mission_head: 'any',
} as const;

export const TARGETING_SPECS: Record<string, RouteSpec> = {
  'POST /api/v1/targeting/count': {
    allow: COUNTERS,
    okStatus: 200,
    denied: 403,
    outOfScope: 403,
    // "own": around Washington DC (US-WAS); "other": Tokyo (JP-TYO) — both answered, as the count is aggregate.
    build: (_world, _role, scope): InjectOptions => ({
      method: 'POST',
      url: '/api/v1/targeting/count',
      payload: {
        area:
          scope === 'own'
            ? { circles: [{ lat: 38.8951, lon: -77.0364, radiusKm: 30 }] }
            : { regions: ['JP-13'], countries: ['JP'] },
      },
    }),
  },
};
