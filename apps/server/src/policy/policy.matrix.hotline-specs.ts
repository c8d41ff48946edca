import type { InjectOptions } from 'fastify';
import { get, type MatrixWorld, type RouteSpec, type Scope } from './policy.matrix.world.ts';

/**
 * Specs for the 24/7 hotline (issue 5, point 2). Agents and HQ work the hotline; mission staff read only the
 * calls transferred to their missions ("own": the demo call transferred to US-WAS, "other": the one to
 * JP-TYO) and the knowledge base; only HQ edits the knowledge base.
 */

const HOTLINE = { hq_admin: 'any', hotline_agent: 'any' } as const;
const READERS = { hq_admin: 'any', hotline_agent: 'any', consular_officer: 'any', mission_head: 'any' } as const;

/** The demo call transferred to US-WAS (own) or to JP-TYO (other). */
async function callIdFor(world: MatrixWorld, scope: Scope): Promise<string> {
  const missionCode = scope === 'own' ? 'US-WAS' : 'JP-TYO';
  const row = await world.db
    .selectFrom('hotlineCalls')
    .select('id')
    .where('outcome', '=', 'transferred')
    .where('missionCode', '=', missionCode)
    .executeTakeFirst();
  return row?.id ?? 'missing';
}

export const HOTLINE_SPECS: Record<string, RouteSpec> = {
  'POST /api/v1/hotline/calls': {
    allow: HOTLINE,
    okStatus: 201,
    denied: 403,
    outOfScope: 403,
    build: (): InjectOptions => ({
      method: 'POST',
      url: '/api/v1/hotline/calls',
      payload: { category: 'other', summary: 'policy matrix probe', outcome: 'advice', language: 'en' },
    }),
  },
  'GET /api/v1/hotline/calls': {
    allow: READERS,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: get('/api/v1/hotline/calls?pageSize=5'),
  },
  'GET /api/v1/hotline/calls/:id': {
    allow: { hq_admin: 'any', hotline_agent: 'any', consular_officer: 'own', mission_head: 'own' },
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: async (world, _role, scope) => ({
      method: 'GET',
      url: `/api/v1/hotline/calls/${await callIdFor(world, scope)}`,
    }),
  },
  'GET /api/v1/hotline/lookup': {
    allow: HOTLINE,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: get('/api/v1/hotline/lookup?q=ZHANG'),
  },
  'GET /api/v1/hotline/knowledge': {
    allow: READERS,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: get('/api/v1/hotline/knowledge?q=passport'),
  },
  'GET /api/v1/hotline/knowledge/:slug': {
    allow: READERS,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: get('/api/v1/hotline/knowledge/lost-passport'),
  },
  'PUT /api/v1/hotline/knowledge/:slug': {
    allow: { hq_admin: 'any' },
    okStatus: 200,
    denied: 403,
    outOfScope: 403,
    // Sends the article back as it is at its current version, so every allowed call succeeds.
    build: async (world) => {
      const article = await world.db
        .selectFrom('knowledgeArticles')
        .selectAll()
        .where('slug', '=', 'visa-overstay')
        .executeTakeFirstOrThrow();
      return {
        method: 'PUT',
        url: '/api/v1/hotline/knowledge/visa-overstay',
        payload: {
          version: Number(article.version),
          topic: article.category,
          title: { 'zh-CN': article.titleZh, en: article.titleEn },
          body: { 'zh-CN': article.bodyZh, en: article.bodyEn },
          keywords: article.keywords,
        },
      };
    },
  },
  'GET /api/v1/hotline/stats': {
    allow: HOTLINE,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: get('/api/v1/hotline/stats?from=2026-01-01&to=2026-12-31'),
  },
};
