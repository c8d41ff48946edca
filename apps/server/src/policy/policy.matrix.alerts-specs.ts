import type { InjectOptions } from 'fastify';
import { isoNow, newId } from '../clock.ts';
import { alertToCap, capTime } from '../modules/alerts/alerts.cap.ts';
import { findAlert, insertAlert, insertAlertMessage, replaceAlertCountries } from '../modules/alerts/alerts.repo.ts';
import { capContextOf } from '../modules/alerts/alerts.service.ts';
import { checkinLinkSigner } from '../modules/checkins/checkins.links.ts';
import { EVERY_ROLE, get, type MatrixWorld, type RouteSpec } from './policy.matrix.world.ts';

/**
 * Specs for safety alerts and check-ins (issue 6; decision 0021): alert managers and HQ write, submit, approve
 * (four eyes: the probe alerts are written by nobody in the matrix, so every writer may approve them), update
 * and cancel; staff who answer for nationals read alerts and tallies; the CAP documents, feeds and an alert's
 * public page are public; citizens answer for themselves, and a signed link answers without a sign-in.
 */
const WRITERS = { hq_admin: 'any', alert_manager: 'any' } as const;
const READERS = {
  hq_admin: 'any',
  alert_manager: 'any',
  hotline_agent: 'any',
  consular_officer: 'any',
  mission_head: 'any',
} as const;

const DRAFT = {
  country: 'NZ',
  texts: { en: { headline: 'Policy matrix probe', description: 'Probe.', instruction: '' } },
  category: 'Safety',
  urgency: 'Expected',
  severity: 'Minor',
  certainty: 'Possible',
  area: { countries: ['NZ'] },
  checkin: true,
} as const;

async function citizenPersonId(world: MatrixWorld): Promise<string> {
  const cached = world.cache.get('alerts:citizenPerson') as string | undefined;
  if (cached) return cached;
  const row = await world.db
    .selectFrom('persons as p')
    .innerJoin('users as u', 'u.id', 'p.userId')
    .select('p.id')
    .where('u.email', '=', 'citizen@demo.homeward.example')
    .executeTakeFirstOrThrow();
  world.cache.set('alerts:citizenPerson', row.id);
  return row.id;
}

/** A probe alert in a given state, inserted directly (published ones with their CAP message and the citizen). */
async function probeAlert(world: MatrixWorld, status: 'draft' | 'pending' | 'published'): Promise<string> {
  const id = newId();
  const at = isoNow();
  await insertAlert(world.db, {
    id,
    status,
    country: 'NZ',
    texts: JSON.stringify(DRAFT.texts),
    searchText: 'nz policy matrix probe',
    category: 'Safety',
    urgency: 'Expected',
    severity: 'Minor',
    certainty: 'Possible',
    effective: null,
    expires: null,
    senderName: 'Probe',
    area: JSON.stringify(DRAFT.area),
    checkin: 1,
    signalId: null,
    createdBy: null,
    createdAt: at,
    updatedAt: at,
    submittedBy: null,
    submittedAt: status === 'draft' ? null : at,
    reachAtSubmit: status === 'draft' ? null : 0,
    emptyAreaConfirmed: 0,
    approvedBy: null,
    publishedAt: status === 'published' ? at : null,
    cancelledAt: null,
    cancelReason: null,
    recipients: status === 'published' ? 1 : 0,
  });
  if (status === 'published') {
    const row = await findAlert(world.db, id);
    if (!row) throw new Error('probe alert vanished');
    const messageId = newId();
    const sent = capTime(at);
    const cap = alertToCap(row, { id: messageId, msgType: 'Alert', sent }, [], capContextOf(world.app.ctx.config));
    await insertAlertMessage(world.db, {
      id: messageId,
      alertId: id,
      seq: 1,
      msgType: 'Alert',
      sent,
      cap: JSON.stringify(cap),
      sentBy: null,
      createdAt: at,
    });
    await replaceAlertCountries(world.db, id, ['NZ']);
    await world.db
      .insertInto('alertRecipients')
      .values({
        alertId: id,
        personId: await citizenPersonId(world),
        dependentOf: null,
        locale: 'zh-CN',
        reason: 'present',
        answer: null,
        answeredAt: null,
        reminders: 0,
        remindedAt: null,
        caseId: null,
      })
      .execute();
  }
  return id;
}

/** One published probe shared by the read-only routes. */
async function sharedPublished(world: MatrixWorld): Promise<string> {
  let id = world.cache.get('alerts:published') as string | undefined;
  if (!id) {
    id = await probeAlert(world, 'published');
    world.cache.set('alerts:published', id);
  }
  return id;
}

const CAP_XML = `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>policy-matrix-probe</identifier>
  <sender>probe@example.org</sender>
  <sent>2026-11-28T10:00:00+00:00</sent>
  <status>Actual</status>
  <msgType>Alert</msgType>
  <scope>Public</scope>
  <info>
    <category>Geo</category>
    <event>Earthquake</event>
    <urgency>Immediate</urgency>
    <severity>Severe</severity>
    <certainty>Observed</certainty>
    <headline>Probe earthquake</headline>
    <area>
      <areaDesc>Wellington</areaDesc>
      <circle>-41.29,174.78 50</circle>
    </area>
  </info>
</alert>
`;

async function signalId(world: MatrixWorld): Promise<string> {
  let id = world.cache.get('alerts:signal') as string | undefined;
  if (!id) {
    const response = await world.app.inject({
      method: 'POST',
      url: '/api/v1/alerts/signals',
      headers: { 'content-type': 'application/json', 'x-requested-with': 'homeward', cookie: world.cookies.hq_admin },
      payload: { xml: CAP_XML },
    });
    id = response.json<{ items: { id: string }[] }>().items[0]?.id ?? 'missing';
    world.cache.set('alerts:signal', id);
  }
  return id;
}

async function linkToken(world: MatrixWorld): Promise<string> {
  const alertId = await probeAlert(world, 'published');
  const sign = await checkinLinkSigner(world.db, world.app.ctx.config);
  const link = sign(alertId, await citizenPersonId(world)).safe;
  return decodeURIComponent(link.split('/')[2]?.split('?')[0] ?? '');
}

const post =
  (path: (world: MatrixWorld) => Promise<string>, payload?: unknown) =>
  async (world: MatrixWorld): Promise<InjectOptions> => ({
    method: 'POST',
    url: await path(world),
    ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
  });

const REASON = { reason: 'policy matrix probe' };

export const ALERTS_SPECS: Record<string, RouteSpec> = {
  'GET /api/v1/alerts': {
    allow: READERS,
    okStatus: 200,
    denied: 403,
    outOfScope: 403,
    build: get('/api/v1/alerts?q=probe&pageSize=5'),
  },
  'POST /api/v1/alerts': {
    allow: WRITERS,
    okStatus: 201,
    denied: 403,
    outOfScope: 403,
    build: () => ({ method: 'POST', url: '/api/v1/alerts', payload: DRAFT }),
  },
  'GET /api/v1/alerts/:id': {
    allow: READERS,
    okStatus: 200,
    denied: 403,
    outOfScope: 403,
    build: async (world) => ({ method: 'GET', url: `/api/v1/alerts/${await sharedPublished(world)}` }),
  },
  'PUT /api/v1/alerts/:id': {
    allow: WRITERS,
    okStatus: 200,
    denied: 403,
    outOfScope: 403,
    build: async (world) => ({
      method: 'PUT',
      url: `/api/v1/alerts/${await probeAlert(world, 'draft')}`,
      payload: DRAFT,
    }),
  },
  'GET /api/v1/alerts/:id/reach': {
    allow: READERS,
    okStatus: 200,
    denied: 403,
    outOfScope: 403,
    build: async (world) => ({ method: 'GET', url: `/api/v1/alerts/${await sharedPublished(world)}/reach` }),
  },
  'POST /api/v1/alerts/:id/submit': {
    allow: WRITERS,
    okStatus: 200,
    denied: 403,
    outOfScope: 403,
    build: post(async (w) => `/api/v1/alerts/${await probeAlert(w, 'draft')}/submit`, { confirmEmptyArea: true }),
  },
  'POST /api/v1/alerts/:id/approve': {
    allow: WRITERS,
    okStatus: 200,
    denied: 403,
    outOfScope: 403,
    build: post(async (w) => `/api/v1/alerts/${await probeAlert(w, 'pending')}/approve`),
  },
  'POST /api/v1/alerts/:id/return': {
    allow: WRITERS,
    okStatus: 200,
    denied: 403,
    outOfScope: 403,
    build: post(async (w) => `/api/v1/alerts/${await probeAlert(w, 'pending')}/return`, REASON),
  },
  'POST /api/v1/alerts/:id/update': {
    allow: WRITERS,
    okStatus: 200,
    denied: 403,
    outOfScope: 403,
    build: post(async (w) => `/api/v1/alerts/${await probeAlert(w, 'published')}/update`, {
      texts: DRAFT.texts,
      urgency: 'Immediate',
      severity: 'Moderate',
      certainty: 'Likely',
    }),
  },
  'POST /api/v1/alerts/:id/cancel': {
    allow: WRITERS,
    okStatus: 200,
    denied: 403,
    outOfScope: 403,
    build: post(async (w) => `/api/v1/alerts/${await probeAlert(w, 'published')}/cancel`, REASON),
  },
  'GET /api/v1/alerts/:id.cap': {
    allow: EVERY_ROLE,
    anonymous: 'allow',
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: async (world) => ({ method: 'GET', url: `/api/v1/alerts/${await sharedPublished(world)}.cap` }),
  },
  'GET /api/v1/alerts/feeds/:country.atom': {
    allow: EVERY_ROLE,
    anonymous: 'allow',
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: get('/api/v1/alerts/feeds/NZ.atom'),
  },
  'GET /api/v1/alerts/signals': {
    allow: WRITERS,
    okStatus: 200,
    denied: 403,
    outOfScope: 403,
    build: get('/api/v1/alerts/signals'),
  },
  'POST /api/v1/alerts/signals': {
    allow: WRITERS,
    okStatus: 201,
    denied: 403,
    outOfScope: 403,
    build: () => ({ method: 'POST', url: '/api/v1/alerts/signals', payload: { xml: CAP_XML } }),
  },
  'GET /api/v1/alerts/signals/feeds': {
    allow: WRITERS,
    okStatus: 200,
    denied: 403,
    outOfScope: 403,
    build: get('/api/v1/alerts/signals/feeds'),
  },
  'GET /api/v1/alerts/signals/:id': {
    allow: WRITERS,
    okStatus: 200,
    denied: 403,
    outOfScope: 403,
    build: async (world) => ({ method: 'GET', url: `/api/v1/alerts/signals/${await signalId(world)}` }),
  },
  'GET /api/v1/alerts/received': {
    allow: { citizen: 'any' },
    okStatus: 200,
    denied: 403,
    outOfScope: 403,
    build: get('/api/v1/alerts/received'),
  },
  'GET /api/v1/alerts/:id/public': {
    allow: EVERY_ROLE,
    anonymous: 'allow',
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: async (world) => ({ method: 'GET', url: `/api/v1/alerts/${await sharedPublished(world)}/public` }),
  },
  'POST /api/v1/alerts/:id/checkin': {
    allow: { citizen: 'any' },
    okStatus: 200,
    denied: 403,
    outOfScope: 403,
    build: post(async (w) => `/api/v1/alerts/${await sharedPublished(w)}/checkin`, { answer: 'safe' }),
  },
  'GET /api/v1/checkins/:token': {
    allow: EVERY_ROLE,
    anonymous: 'allow',
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: async (world) => ({ method: 'GET', url: `/api/v1/checkins/${await linkToken(world)}` }),
  },
  'POST /api/v1/checkins/:token': {
    allow: EVERY_ROLE,
    anonymous: 'allow',
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: post(async (w) => `/api/v1/checkins/${await linkToken(w)}`, { answer: 'safe' }),
  },
  'GET /api/v1/alerts/:id/checkins': {
    allow: READERS,
    okStatus: 200,
    denied: 403,
    outOfScope: 403,
    build: async (world) => ({ method: 'GET', url: `/api/v1/alerts/${await sharedPublished(world)}/checkins` }),
  },
  'GET /api/v1/alerts/:id/checkins/live': {
    allow: READERS,
    okStatus: 200,
    denied: 403,
    outOfScope: 403,
    // An endless stream: judged by its status line; the app's close ends it.
    build: async (world) => ({
      method: 'GET',
      url: `/api/v1/alerts/${await sharedPublished(world)}/checkins/live`,
      payloadAsStream: true,
    }),
  },
  'POST /api/v1/alerts/:id/checkins/reminders': {
    allow: WRITERS,
    okStatus: 200,
    denied: 403,
    outOfScope: 403,
    build: post(async (w) => `/api/v1/alerts/${await probeAlert(w, 'published')}/checkins/reminders`),
  },
  'GET /api/v1/alerts/:id/checkins/unaccounted.csv': {
    allow: WRITERS,
    okStatus: 200,
    denied: 403,
    outOfScope: 403,
    build: async (world) => ({
      method: 'GET',
      url: `/api/v1/alerts/${await sharedPublished(world)}/checkins/unaccounted.csv`,
    }),
  },
};
