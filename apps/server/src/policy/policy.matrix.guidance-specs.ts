import { isoNow, newId } from '../clock.ts';
import { insertBusiness } from '../modules/businesses/businesses.repo.ts';
import { CHECKLIST } from '../modules/guidance/guidance.checklist.ts';
import { insertAssessment } from '../modules/guidance/guidance.repo.ts';
import { createGuidanceArticle } from '../modules/guidance/guidance.service.ts';
import { createUser } from '../modules/users/users.service.ts';
import { ACCOUNT_OF, EVERY_ROLE, get, type MatrixWorld, type RouteSpec, type Scope } from './policy.matrix.world.ts';

/**
 * Specs for business security guidance (decision 0023): anyone reads the published library and the checklist;
 * HQ and alert managers write articles and send them; an organisation's manager (the citizen who registered
 * it) answers and reads its self-assessments (own: the demo citizen's probe organisation, other: a
 * stranger's); staff read an enterprise's latest score where they may read the site (own: the demo
 * enterprise's Washington DC site, answered for by US-WAS; other: its Tokyo site).
 */

const EDITORS = { hq_admin: 'any', alert_manager: 'any' } as const;
const CITIZEN_OWN = { citizen: 'own' } as const;
const ENTERPRISE_SITE = {
  hq_admin: 'any',
  hotline_agent: 'any',
  consular_officer: 'own',
  mission_head: 'own',
} as const;

const ALL_YES = Object.fromEntries(CHECKLIST.map((q) => [q.id, 'yes']));
const ARTICLE = {
  country: '',
  riskType: 'general',
  status: 'draft',
  title: { 'zh-CN': '策略矩阵探测', en: 'Policy matrix probe' },
  body: { 'zh-CN': '策略矩阵探测。', en: 'Policy matrix probe.' },
} as const;

async function userIdOf(world: MatrixWorld, email: string): Promise<string> {
  const row = await world.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  return row.id;
}

/** An organisation with one assessment, owned by `ownerId`. */
async function assessedOrganisation(world: MatrixWorld, ownerId: string) {
  const now = isoNow();
  const ids = { organisation: newId(), assessment: newId() };
  await insertBusiness(world.db, {
    id: ids.organisation,
    name: 'Matrix Guidance Probe Ltd',
    registrationNumber: `MATRIX-G-${ids.organisation.slice(-6)}`,
    sector: 'other',
    ownerUserId: ownerId,
    createdAt: now,
    updatedAt: now,
  });
  await insertAssessment(world.db, {
    id: ids.assessment,
    businessId: ids.organisation,
    siteId: null,
    answeredBy: ownerId,
    checklistVersion: 1,
    answers: JSON.stringify(ALL_YES),
    score: 100,
    band: 'strong',
    createdAt: now,
  });
  return ids;
}

async function organisationFor(world: MatrixWorld, scope: Scope) {
  type Ids = Awaited<ReturnType<typeof assessedOrganisation>>;
  let pair = world.cache.get('guidance-organisations') as Record<Scope, Ids> | undefined;
  if (!pair) {
    const stranger = await createUser(world.db, {
      email: `matrix.guidance-owner.${Date.now().toString(36)}@example.org`,
      password: 'matrix probe passphrase 8412',
      displayName: 'MATRIX GUIDANCE OWNER',
      role: 'citizen',
    });
    pair = {
      own: await assessedOrganisation(world, await userIdOf(world, ACCOUNT_OF.citizen)),
      other: await assessedOrganisation(world, stranger.id),
    };
    world.cache.set('guidance-organisations', pair);
  }
  return pair[scope];
}

/** The demo enterprise's Washington DC site (own: US-WAS) or its Tokyo site (other: JP-TYO). */
async function demoSite(world: MatrixWorld, scope: Scope): Promise<string> {
  const row = await world.db
    .selectFrom('businessSites')
    .innerJoin('businesses', 'businesses.id', 'businessSites.businessId')
    .select('businessSites.id')
    .where('businesses.registrationNumber', '=', '91110000MA01HW0D2X')
    .where('businessSites.countryCode', '=', scope === 'own' ? 'US' : 'JP')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A fresh draft, so that every allowed edit starts from version 1. */
async function freshArticle(world: MatrixWorld): Promise<string> {
  const article = await createGuidanceArticle(world.db, null, ARTICLE, { actor: null, ip: null }, 'en');
  return article.id;
}

async function publishedArticle(world: MatrixWorld): Promise<string> {
  const row = await world.db
    .selectFrom('guidanceArticles')
    .select('id')
    .where('slug', '=', 'united-states-personal-safety')
    .executeTakeFirstOrThrow();
  return row.id;
}

const editor = (spec: Pick<RouteSpec, 'okStatus' | 'build'>): RouteSpec => ({
  allow: EDITORS,
  denied: 403,
  outOfScope: 403,
  ...spec,
});

export const GUIDANCE_SPECS: Record<string, RouteSpec> = {
  'GET /api/v1/guidance/articles': {
    allow: EVERY_ROLE,
    anonymous: 'allow',
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: get('/api/v1/guidance/articles?risk=crime&country=US'),
  },
  'GET /api/v1/guidance/articles/:article': {
    allow: EVERY_ROLE,
    anonymous: 'allow',
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: get('/api/v1/guidance/articles/attack-run-hide-tell'),
  },
  'GET /api/v1/guidance/checklist': {
    allow: EVERY_ROLE,
    anonymous: 'allow',
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: get('/api/v1/guidance/checklist'),
  },
  'GET /api/v1/guidance/editor/articles': editor({ okStatus: 200, build: get('/api/v1/guidance/editor/articles') }),
  'GET /api/v1/guidance/editor/articles/:id': editor({
    okStatus: 200,
    build: async (world) => ({ method: 'GET', url: `/api/v1/guidance/editor/articles/${await freshArticle(world)}` }),
  }),
  'POST /api/v1/guidance/articles': editor({
    okStatus: 201,
    build: () => ({ method: 'POST', url: '/api/v1/guidance/articles', payload: ARTICLE }),
  }),
  'PUT /api/v1/guidance/articles/:id': editor({
    okStatus: 200,
    build: async (world) => ({
      method: 'PUT',
      url: `/api/v1/guidance/articles/${await freshArticle(world)}`,
      payload: { ...ARTICLE, version: 1 },
    }),
  }),
  'POST /api/v1/guidance/sends/preview': editor({
    okStatus: 200,
    build: () => ({ method: 'POST', url: '/api/v1/guidance/sends/preview', payload: { area: { countries: ['US'] } } }),
  }),
  'GET /api/v1/guidance/sends': editor({ okStatus: 200, build: get('/api/v1/guidance/sends') }),
  'POST /api/v1/guidance/sends': editor({
    okStatus: 201,
    build: async (world) => ({
      method: 'POST',
      url: '/api/v1/guidance/sends',
      payload: { articleId: await publishedArticle(world), area: { countries: ['US'], regions: ['US-DC'] } },
    }),
  }),
  'GET /api/v1/organisations/:id/assessments': {
    allow: CITIZEN_OWN,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: async (world, _role, scope) => ({
      method: 'GET',
      url: `/api/v1/organisations/${(await organisationFor(world, scope)).organisation}/assessments`,
    }),
  },
  'POST /api/v1/organisations/:id/assessments': {
    allow: CITIZEN_OWN,
    okStatus: 201,
    denied: 403,
    outOfScope: 404,
    build: async (world, _role, scope) => ({
      method: 'POST',
      url: `/api/v1/organisations/${(await organisationFor(world, scope)).organisation}/assessments`,
      payload: { answers: ALL_YES },
    }),
  },
  'GET /api/v1/organisations/:id/assessments/:assessmentId': {
    allow: CITIZEN_OWN,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: async (world, _role, scope) => {
      const ids = await organisationFor(world, scope);
      return { method: 'GET', url: `/api/v1/organisations/${ids.organisation}/assessments/${ids.assessment}` };
    },
  },
  'GET /api/v1/enterprises/sites/:siteId/assessment': {
    allow: ENTERPRISE_SITE,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: async (world, _role, scope) => ({
      method: 'GET',
      url: `/api/v1/enterprises/sites/${await demoSite(world, scope)}/assessment`,
    }),
  },
};
