import type { Role } from '@homeward/shared';
import type { InjectOptions } from 'fastify';
import { isoNow, newId } from '../clock.ts';
import { appendCaseEvent } from '../modules/cases/cases.events.repo.ts';
import { EVERY_ROLE, type MatrixWorld, type RouteSpec, type Scope } from './policy.matrix.world.ts';

/**
 * Specs for help requests, case attachments and the live stream (decision 0012). Attachments follow the case:
 * HQ and the hotline any case, mission staff their missions' cases, a citizen the cases they reported; every
 * other case answers 404 so its existence does not leak.
 */

const CASE_PARTIES = {
  hq_admin: 'any',
  hotline_agent: 'any',
  consular_officer: 'own',
  mission_head: 'own',
  citizen: 'own',
} as const;

/** The smallest PNG signature file-type recognises (signature and an IHDR chunk header). */
const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0,
  0, 0, 0x90, 0x77, 0x53, 0xde,
]);

/** A case in the scope for the role: the citizen's own or another's; a US-WAS case or a JP-TYO one for staff. */
async function caseFor(world: MatrixWorld, role: Role | null, scope: Scope): Promise<string> {
  let ids = world.cache.get('help:cases') as Record<string, string> | undefined;
  if (!ids) {
    const citizen = await world.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'citizen@demo.homeward.example')
      .executeTakeFirstOrThrow();
    const rows = await world.db
      .selectFrom('cases')
      .select(['id', 'missionCode', 'reporterUserId'])
      .orderBy('id')
      .execute();
    const find = (pick: (r: (typeof rows)[number]) => boolean) => rows.find(pick)?.id ?? 'missing';
    ids = {
      citizenOwn: find((r) => r.reporterUserId === citizen.id),
      citizenOther: find((r) => r.reporterUserId !== citizen.id),
      missionOwn: find((r) => r.missionCode === 'US-WAS'),
      missionOther: find((r) => r.missionCode === 'JP-TYO'),
    };
    world.cache.set('help:cases', ids);
  }
  if (role === 'citizen') return (scope === 'own' ? ids.citizenOwn : ids.citizenOther) as string;
  return (scope === 'own' ? ids.missionOwn : ids.missionOther) as string;
}

/** An attachment the citizen was shown, on the case in scope (made once per case). */
async function attachmentFor(world: MatrixWorld, caseId: string): Promise<string> {
  const cached = world.cache.get(`help:attachment:${caseId}`) as string | undefined;
  if (cached) return cached;
  const id = newId();
  const event = await appendCaseEvent(world.db, {
    caseId,
    kind: 'attachment',
    visibility: 'citizen',
    authorUserId: null,
    authorKind: 'citizen',
    data: { attachmentId: id, fileName: 'matrix.png', mediaType: 'image/png', sizeBytes: PNG.length },
  });
  await world.db
    .insertInto('caseAttachments')
    .values({
      id,
      caseId,
      eventId: event.id,
      fileName: 'matrix.png',
      mediaType: 'image/png',
      sizeBytes: PNG.length,
      sha256: 'matrix',
      content: PNG,
      uploadedBy: null,
      createdAt: isoNow(),
    })
    .execute();
  world.cache.set(`help:attachment:${caseId}`, id);
  return id;
}

/** A received help request of the demo citizen ('own') or of another account ('other'), made once each. */
async function intakeFor(world: MatrixWorld, scope: Scope): Promise<string> {
  const cached = world.cache.get(`help:intake:${scope}`) as string | undefined;
  if (cached) return cached;
  const citizen = await world.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'citizen@demo.homeward.example')
    .executeTakeFirstOrThrow();
  const other = await world.db
    .selectFrom('users')
    .select('id')
    .where('id', '<>', citizen.id)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const at = isoNow();
  const id = newId();
  await world.db
    .insertInto('helpRequestIntake')
    .values({
      id,
      userId: scope === 'own' ? citizen.id : other.id,
      idempotencyKey: null,
      fingerprint: 'matrix',
      body: '{}',
      locale: 'en',
      sourceIp: null,
      receivedAt: at,
      state: 'failed',
      caseId: null,
      problem: null,
      attempts: 1,
      updatedAt: at,
    })
    .execute();
  world.cache.set(`help:intake:${scope}`, id);
  return id;
}

export const HELP_SPECS: Record<string, RouteSpec> = {
  'GET /api/v1/help-requests/:id': {
    // The citizen who sent it; anyone else's request answers 404 so its existence does not leak.
    allow: { citizen: 'own' },
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: async (world, _role, scope): Promise<InjectOptions> => ({
      method: 'GET',
      url: `/api/v1/help-requests/${await intakeFor(world, scope)}`,
    }),
  },
  'POST /api/v1/help-requests': {
    allow: { citizen: 'any' },
    okStatus: 202,
    denied: 403,
    outOfScope: 403,
    build: (_world, _role, scope): InjectOptions => ({
      method: 'POST',
      url: '/api/v1/help-requests',
      payload: {
        category: 'other',
        urgency: 'routine',
        forSelf: true,
        subjectName: 'MATRIX PROBE',
        contactPhone: '+1 202 555 0100',
        description: 'policy matrix probe',
        location: { country: scope === 'own' ? 'US' : 'JP', source: 'search' },
      },
    }),
  },
  'POST /api/v1/cases/:id/attachments': {
    allow: CASE_PARTIES,
    okStatus: 201,
    denied: 404,
    outOfScope: 404,
    build: async (world, role, scope): Promise<InjectOptions> => ({
      method: 'POST',
      url: `/api/v1/cases/${await caseFor(world, role, scope)}/attachments`,
      headers: { 'content-type': 'application/octet-stream', 'x-file-name': 'matrix.png' },
      payload: PNG,
    }),
  },
  'GET /api/v1/cases/:id/attachments/:attachmentId': {
    allow: CASE_PARTIES,
    okStatus: 200,
    denied: 404,
    outOfScope: 404,
    build: async (world, role, scope): Promise<InjectOptions> => {
      const caseId = await caseFor(world, role, scope);
      return { method: 'GET', url: `/api/v1/cases/${caseId}/attachments/${await attachmentFor(world, caseId)}` };
    },
  },
  'GET /api/v1/live': {
    // Anyone signed in may listen; what reaches them is filtered per event (help.policy.ts).
    allow: EVERY_ROLE,
    okStatus: 200,
    denied: 403,
    outOfScope: 403,
    // The stream never ends: the answer is judged by its status line (a streamed payload has no body text);
    // the app's close ends the stream.
    build: (): InjectOptions => ({ method: 'GET', url: '/api/v1/live', payloadAsStream: true }),
  },
};
