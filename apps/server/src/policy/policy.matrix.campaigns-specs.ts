import { isoNow, newId } from '../clock.ts';
import { localDateOf } from '../modules/appointments/appointments.slots.ts';
import { campaignCheckInCode } from '../modules/campaigns/campaigns.check-in-code.ts';
import { dayBounds } from '../modules/campaigns/campaigns.rules.ts';
import { DEMO_CAMPAIGN_CODE } from '../modules/campaigns/campaigns.seed.ts';
import { EVERY_ROLE, get, type MatrixWorld, type RouteSpec, type Scope } from './policy.matrix.world.ts';

/**
 * Campaigns (issue 8, item 4; decision 0024). HQ writes campaigns, sites, sessions and runs the allocation; every
 * staff role reads campaigns; a site's mission staff (own: US-WAS, other: JP-TYO) and HQ work its day, check-in,
 * doses and no-shows — another mission's code is refused as an invalid code (422) like the appointments desk,
 * another mission's registration is 404; HQ, auditors and health issuers read every registration, mission staff
 * theirs only (a filtered list, so 200); HQ and auditors see progress; health issuers certify doses; citizens
 * register and see their own registrations ("other": someone else's, 404). Each build makes the rows it changes.
 */

const { citizen: _citizen, ...STAFF } = EVERY_ROLE;
const HQ = { hq_admin: 'any' } as const;
const SITE = { hq_admin: 'any', mission_head: 'own', consular_officer: 'own' } as const;
const CITIZEN_OWN = { citizen: 'own' } as const;
let sequence = 0;

const hqOnly = (okStatus: number, build: RouteSpec['build']): RouteSpec => ({
  allow: HQ,
  okStatus,
  denied: 403,
  outOfScope: 403,
  build,
});

async function userId(world: MatrixWorld, email: string): Promise<string> {
  const row = await world.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  return row.id;
}

/** The demo campaign and its Washington (own) and Tokyo (other) embassy sites. */
async function demo(world: MatrixWorld) {
  let cached = world.cache.get('campaigns') as { id: string; own: string; other: string } | undefined;
  if (!cached) {
    const campaign = await world.db
      .selectFrom('campaigns')
      .select('id')
      .where('code', '=', DEMO_CAMPAIGN_CODE)
      .executeTakeFirstOrThrow();
    const sites = await world.db
      .selectFrom('campaignSites')
      .select(['id', 'missionCode', 'kind'])
      .where('campaignId', '=', campaign.id)
      .where('kind', '=', 'mission')
      .execute();
    const find = (code: string) => sites.find((s) => s.missionCode === code)?.id ?? 'missing';
    cached = { id: campaign.id, own: find('US-WAS'), other: find('JP-TYO') };
    world.cache.set('campaigns', cached);
  }
  return cached;
}

const siteOf = async (world: MatrixWorld, scope: Scope) => (await demo(world))[scope];
const zoneOf = (scope: Scope) => (scope === 'own' ? 'America/New_York' : 'Asia/Tokyo');

/** A draft (or open) campaign written directly, with one US-WAS site when asked. */
async function freshCampaign(world: MatrixWorld, status: 'draft' | 'open', withSite: boolean) {
  sequence++;
  const id = newId();
  const at = isoNow();
  await world.db
    .insertInto('campaigns')
    .values({
      id,
      code: `MX-${sequence}-${id.slice(-6).toUpperCase()}`,
      kind: 'other',
      titleEn: 'Matrix probe',
      titleZh: '矩阵探测',
      descriptionEn: 'probe',
      descriptionZh: '探测',
      status,
      registrationOpensAt: new Date(Date.now() - 86_400_000).toISOString(),
      registrationClosesAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      allocation: 'first_come',
      countries: JSON.stringify(['JP', 'US']),
      minAge: null,
      maxAge: null,
      priorityGroups: '[]',
      vaccine: null,
      version: 1,
      createdBy: null,
      createdAt: at,
      updatedAt: at,
    })
    .execute();
  const siteId = withSite ? await freshSite(world, id) : null;
  return { id, siteId };
}

async function freshSite(world: MatrixWorld, campaignId: string): Promise<string> {
  const id = newId();
  await world.db
    .insertInto('campaignSites')
    .values({
      id,
      campaignId,
      kind: 'clinic',
      missionCode: 'US-WAS',
      nameEn: 'Probe clinic',
      nameZh: '探测诊所',
      address: '1 Probe St',
      lat: 38.9,
      lon: -77,
      country: 'US',
      timeZone: 'America/New_York',
      createdAt: isoNow(),
      updatedAt: isoNow(),
    })
    .execute();
  return id;
}

/**
 * A registration of a fresh person in the demo campaign at the own or other embassy, with a seat today (for the
 * desk) or later; `owner` is whose account it belongs to (citizen own/other), if anyone's.
 */
async function freshRegistration(
  world: MatrixWorld,
  scope: Scope,
  options: { owner?: Scope; today?: boolean } = {},
): Promise<string> {
  sequence++;
  const { id: campaignId } = await demo(world);
  const siteId = await siteOf(world, scope);
  const at = isoNow();
  const personId = newId();
  await world.db
    .insertInto('persons')
    .values({
      id: personId,
      userId: null,
      familyName: 'PROBE',
      // Letters only: a certificate's name must transliterate.
      givenName: `MATRIX ${sequence.toString(26).replace(/\d/g, (d) => 'QRSTUVWXYZ'.charAt(Number(d)))}`,
      nativeName: null,
      birthDate: '1980-01-01',
      sex: null,
      nationality: 'CN',
      passportNumber: null,
      passportExpiry: null,
      locale: 'en',
      businessId: null,
      createdAt: at,
      updatedAt: at,
    })
    .execute();
  const owner = options.owner
    ? await userId(world, options.owner === 'own' ? 'citizen@demo.homeward.example' : 'agent@demo.homeward.example')
    : null;
  const registrationId = newId();
  await world.db
    .insertInto('campaignRegistrations')
    .values({
      id: registrationId,
      campaignId,
      personId,
      userId: owner,
      country: scope === 'own' ? 'US' : 'JP',
      priorityGroup: null,
      priorityRank: 1000,
      preferredSiteId: siteId,
      status: 'allocated',
      registeredAt: at,
      checkedInAt: null,
      checkedInBy: null,
      cancelledAt: null,
      updatedAt: at,
    })
    .execute();
  const zone = zoneOf(scope);
  const today = localDateOf(new Date(), zone);
  const date = options.today ? today : '2099-01-05';
  const sessionId = newId();
  await world.db
    .insertInto('campaignSessions')
    .values({
      id: sessionId,
      campaignId,
      siteId,
      date,
      startMinute: 0,
      endMinute: 1440,
      slotMinutes: 60,
      capacityPerSlot: 1,
      createdAt: at,
    })
    .execute();
  const [start] = dayBounds(date, zone);
  await world.db
    .insertInto('campaignSeats')
    .values({
      sessionId,
      slotStart: start,
      seat: 1,
      slotEnd: new Date(Date.parse(start) + 3_600_000).toISOString(),
      registrationId,
      campaignId,
      siteId,
      createdAt: at,
    })
    .execute();
  return registrationId;
}

/** A dose of a fresh US-WAS registration (the demo campaign carries DCC codes), for the certificate route. */
async function freshDose(world: MatrixWorld): Promise<string> {
  const registrationId = await freshRegistration(world, 'own');
  const registration = await world.db
    .selectFrom('campaignRegistrations')
    .selectAll()
    .where('id', '=', registrationId)
    .executeTakeFirstOrThrow();
  const id = newId();
  await world.db
    .insertInto('campaignDoses')
    .values({
      id,
      registrationId,
      campaignId: registration.campaignId,
      personId: registration.personId,
      siteId: registration.preferredSiteId ?? '',
      product: 'BBIBP-CorV',
      lotNumber: 'MX1',
      doseNumber: 1,
      administeredOn: localDateOf(new Date(Date.now() - 86_400_000), 'America/New_York'),
      recordedBy: null,
      recordedAt: isoNow(),
      certificateId: null,
    })
    .execute();
  return id;
}

const campaignBody = () => {
  sequence++;
  return {
    code: `MXP-${sequence}-${Date.now().toString(36).toUpperCase()}`.slice(0, 32),
    kind: 'other',
    title: { en: 'Matrix probe', 'zh-CN': '矩阵探测' },
    description: { en: 'probe', 'zh-CN': '探测' },
    registrationOpensAt: new Date(Date.now() - 86_400_000).toISOString(),
    registrationClosesAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    allocation: 'first_come',
    eligibility: { countries: ['US'], minAge: null, maxAge: null, priorityGroups: [] },
    vaccine: null,
  };
};

const siteBody = {
  kind: 'clinic',
  missionCode: 'US-WAS',
  name: { en: 'Probe clinic', 'zh-CN': '探测诊所' },
  address: '1 Probe St',
  lat: 38.9,
  lon: -77,
  country: 'US',
};

export const CAMPAIGNS_SPECS: Record<string, RouteSpec> = {
  'GET /api/v1/campaigns': {
    allow: STAFF,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: get('/api/v1/campaigns'),
  },
  'POST /api/v1/campaigns': hqOnly(201, () => ({ method: 'POST', url: '/api/v1/campaigns', payload: campaignBody() })),
  'GET /api/v1/campaigns/:id': {
    allow: STAFF,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: async (world) => ({ method: 'GET', url: `/api/v1/campaigns/${(await demo(world)).id}` }),
  },
  'PUT /api/v1/campaigns/:id': hqOnly(200, async (world) => {
    const { id } = await freshCampaign(world, 'draft', false);
    return { method: 'PUT', url: `/api/v1/campaigns/${id}`, payload: { ...campaignBody(), version: 1 } };
  }),
  'POST /api/v1/campaigns/:id/open': hqOnly(200, async (world) => ({
    method: 'POST',
    url: `/api/v1/campaigns/${(await freshCampaign(world, 'draft', true)).id}/open`,
  })),
  'POST /api/v1/campaigns/:id/close': hqOnly(200, async (world) => ({
    method: 'POST',
    url: `/api/v1/campaigns/${(await freshCampaign(world, 'open', false)).id}/close`,
  })),
  'POST /api/v1/campaigns/:id/sites': hqOnly(201, async (world) => ({
    method: 'POST',
    url: `/api/v1/campaigns/${(await freshCampaign(world, 'draft', false)).id}/sites`,
    payload: siteBody,
  })),
  'PUT /api/v1/campaigns/:id/sites/:siteId': hqOnly(200, async (world) => {
    const { id, siteId } = await freshCampaign(world, 'draft', true);
    return { method: 'PUT', url: `/api/v1/campaigns/${id}/sites/${siteId}`, payload: siteBody };
  }),
  'DELETE /api/v1/campaigns/:id/sites/:siteId': hqOnly(204, async (world) => {
    const { id, siteId } = await freshCampaign(world, 'draft', true);
    return { method: 'DELETE', url: `/api/v1/campaigns/${id}/sites/${siteId}` };
  }),
  'POST /api/v1/campaigns/:id/sites/:siteId/sessions': hqOnly(201, async (world) => {
    const { id, siteId } = await freshCampaign(world, 'draft', true);
    return {
      method: 'POST',
      url: `/api/v1/campaigns/${id}/sites/${siteId}/sessions`,
      payload: { date: '2099-03-02', startTime: '09:00', endTime: '12:00', slotMinutes: 15, capacityPerSlot: 2 },
    };
  }),
  'DELETE /api/v1/campaigns/:id/sites/:siteId/sessions/:sessionId': hqOnly(204, async (world) => {
    const { id, siteId } = await freshCampaign(world, 'draft', true);
    const sessionId = newId();
    await world.db
      .insertInto('campaignSessions')
      .values({
        id: sessionId,
        campaignId: id,
        siteId: siteId ?? '',
        date: '2099-03-02',
        startMinute: 540,
        endMinute: 600,
        slotMinutes: 15,
        capacityPerSlot: 1,
        createdAt: isoNow(),
      })
      .execute();
    return { method: 'DELETE', url: `/api/v1/campaigns/${id}/sites/${siteId}/sessions/${sessionId}` };
  }),
  'POST /api/v1/campaigns/:id/allocate': hqOnly(202, async (world) => ({
    method: 'POST',
    url: `/api/v1/campaigns/${(await demo(world)).id}/allocate`,
  })),
  'GET /api/v1/campaigns/:id/allocation': {
    allow: { hq_admin: 'any', auditor: 'any' },
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: async (world) => get(`/api/v1/campaigns/${(await demo(world)).id}/allocation`)(),
  },
  'GET /api/v1/campaigns/:id/progress': {
    allow: { hq_admin: 'any', auditor: 'any' },
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: async (world) => get(`/api/v1/campaigns/${(await demo(world)).id}/progress`)(),
  },
  'GET /api/v1/campaigns/:id/registrations': {
    allow: { hq_admin: 'any', auditor: 'any', health_issuer: 'any', mission_head: 'any', consular_officer: 'any' },
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: async (world) => get(`/api/v1/campaigns/${(await demo(world)).id}/registrations?pageSize=5`)(),
  },
  'GET /api/v1/campaigns/:id/sites/:siteId/day': {
    allow: SITE,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: async (world, _role, scope) => {
      const date = localDateOf(new Date(), zoneOf(scope));
      return get(`/api/v1/campaigns/${(await demo(world)).id}/sites/${await siteOf(world, scope)}/day?date=${date}`)();
    },
  },
  'POST /api/v1/campaigns/check-in': {
    allow: SITE,
    okStatus: 200,
    denied: 403,
    outOfScope: 422,
    build: async (world, _role, scope) => {
      const id = await freshRegistration(world, scope, { today: true });
      const code = await campaignCheckInCode(world.db, id, new Date(Date.now() + 86_400_000));
      return { method: 'POST', url: '/api/v1/campaigns/check-in', payload: { code } };
    },
  },
  'POST /api/v1/campaign-registrations/:id/doses': {
    allow: SITE,
    okStatus: 201,
    denied: 403,
    outOfScope: 404,
    build: async (world, _role, scope) => ({
      method: 'POST',
      url: `/api/v1/campaign-registrations/${await freshRegistration(world, scope)}/doses`,
      payload: {
        product: 'BBIBP-CorV',
        lotNumber: 'MX1',
        doseNumber: 1,
        administeredOn: localDateOf(new Date(Date.now() - 86_400_000), zoneOf(scope)),
      },
    }),
  },
  'POST /api/v1/campaign-registrations/:id/no-show': {
    allow: SITE,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: async (world, _role, scope) => ({
      method: 'POST',
      url: `/api/v1/campaign-registrations/${await freshRegistration(world, scope, { today: true })}/no-show`,
    }),
  },
  'POST /api/v1/dose-records/:id/certificate': {
    allow: { health_issuer: 'any' },
    okStatus: 201,
    denied: 403,
    outOfScope: 404,
    build: async (world) => ({ method: 'POST', url: `/api/v1/dose-records/${await freshDose(world)}/certificate` }),
  },

  'GET /api/v1/me/campaigns': {
    allow: { citizen: 'any' },
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: get('/api/v1/me/campaigns'),
  },
  'GET /api/v1/me/campaigns/:id': {
    allow: { citizen: 'any' },
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: async (world) => get(`/api/v1/me/campaigns/${(await demo(world)).id}`)(),
  },
  'POST /api/v1/me/campaigns/:id/registrations': {
    allow: { citizen: 'any' },
    okStatus: 201,
    denied: 403,
    outOfScope: 404,
    // A fresh open campaign each time: the demo citizen (registered in the US) may register once per campaign.
    build: async (world) => ({
      method: 'POST',
      url: `/api/v1/me/campaigns/${(await freshCampaign(world, 'open', true)).id}/registrations`,
      payload: {},
    }),
  },
  'GET /api/v1/me/campaign-registrations': {
    allow: { citizen: 'any' },
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: get('/api/v1/me/campaign-registrations'),
  },
  'GET /api/v1/me/campaign-registrations/:id': {
    allow: CITIZEN_OWN,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: async (world, _role, scope) =>
      get(`/api/v1/me/campaign-registrations/${await freshRegistration(world, 'own', { owner: scope })}`)(),
  },
  'POST /api/v1/me/campaign-registrations/:id/cancel': {
    allow: CITIZEN_OWN,
    okStatus: 204,
    denied: 403,
    outOfScope: 404,
    build: async (world, _role, scope) => ({
      method: 'POST',
      url: `/api/v1/me/campaign-registrations/${await freshRegistration(world, 'own', { owner: scope })}/cancel`,
    }),
  },
  'GET /api/v1/me/campaign-registrations/:id/check-in-code': {
    allow: CITIZEN_OWN,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: async (world, _role, scope) =>
      get(
        `/api/v1/me/campaign-registrations/${await freshRegistration(world, 'own', { owner: scope })}/check-in-code`,
      )(),
  },
  'GET /api/v1/me/campaign-registrations/:id/calendar.ics': {
    allow: CITIZEN_OWN,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: async (world, _role, scope) =>
      get(
        `/api/v1/me/campaign-registrations/${await freshRegistration(world, 'own', { owner: scope })}/calendar.ics`,
      )(),
  },
  'GET /api/v1/me/dose-records': {
    allow: { citizen: 'any' },
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: get('/api/v1/me/dose-records'),
  },
};
