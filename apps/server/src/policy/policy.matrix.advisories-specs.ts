import { EVERY_ROLE, get, type RouteSpec } from './policy.matrix.world.ts';

/**
 * Specs for travel advisories (issue 6, item 1; decision 0016): anyone reads them, signed in or not; alert
 * managers and HQ publish. No mission scope: an advisory belongs to a country, not to a mission.
 */

const PUBLISHERS = { hq_admin: 'any', alert_manager: 'any' } as const;

export const ADVISORIES_SPECS: Record<string, RouteSpec> = {
  'GET /api/v1/advisories': {
    allow: EVERY_ROLE,
    anonymous: 'allow',
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: get('/api/v1/advisories'),
  },
  'GET /api/v1/advisories/:country': {
    allow: EVERY_ROLE,
    anonymous: 'allow',
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: get('/api/v1/advisories/MM?pageSize=5'),
  },
  'POST /api/v1/advisories': {
    allow: PUBLISHERS,
    okStatus: 201,
    denied: 403,
    outOfScope: 403,
    build: () => ({
      method: 'POST',
      url: '/api/v1/advisories',
      payload: {
        country: 'NZ',
        level: 1,
        summary: { 'zh-CN': '策略矩阵探测', en: 'policy matrix probe' },
        details: { 'zh-CN': '策略矩阵探测', en: 'policy matrix probe' },
      },
    }),
  },
};
