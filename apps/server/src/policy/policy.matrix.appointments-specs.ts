import type { Role } from '@homeward/shared';
import { isoNow, newId } from '../clock.ts';
import { localDateOf } from '../modules/appointments/appointments.slots.ts';
import { EVERY_ROLE, get, type MatrixWorld, type RouteSpec, type Scope } from './policy.matrix.world.ts';

/**
 * Mission appointments (issue 8, item 3; decision 0019). Opening hours and free slots are public; citizens book
 * and change their own bookings ("other": someone else's booking, 404); mission heads set their own mission's
 * hours, HQ any; a mission's staff see its day and check people in ("other": a JP-TYO booking). A check-in code
 * from another mission is refused as an invalid code (422), like any code the desk cannot use.
 */

const CITIZEN_OWN = { citizen: 'own' } as const;
const DESK = { hq_admin: 'any', mission_head: 'own', consular_officer: 'own' } as const;
const missionOf = (scope: Scope) => (scope === 'own' ? 'US-WAS' : 'JP-TYO');
let sequence = 0;

async function userId(world: MatrixWorld, email: string): Promise<string> {
  const row = await world.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  return row.id;
}

/** The citizen's (own) or the hotline agent's account (other) — only the row's owner matters here. */
const ownerOf = (world: MatrixWorld, scope: Scope) =>
  userId(world, scope === 'own' ? 'citizen@demo.homeward.example' : 'agent@demo.homeward.example');

/** A booking written directly: status, service and start as the route under test needs them. */
async function booking(
  world: MatrixWorld,
  scope: Scope,
  options: { serviceId: string; status: 'booked' | 'held'; slotStart?: string; missionCode?: string },
): Promise<string> {
  const owner = await ownerOf(world, scope);
  await world.db
    .updateTable('appointments')
    .set({ status: 'cancelled', cancelledAt: isoNow() })
    .where('userId', '=', owner)
    .where('serviceId', '=', options.serviceId)
    .where('status', 'in', ['booked', 'held'])
    .execute();
  const id = newId();
  sequence++;
  const start = options.slotStart ?? new Date(Date.UTC(2099, 0, 1) + sequence * 60_000).toISOString();
  await world.db
    .insertInto('appointments')
    .values({
      id,
      missionCode: options.missionCode ?? 'US-WAS',
      serviceId: options.serviceId,
      slotStart: start,
      slotEnd: new Date(Date.parse(start) + 3_600_000).toISOString(),
      seat: 1000 + sequence,
      userId: owner,
      applicationId: null,
      status: options.status,
      holdUntil: options.status === 'held' ? new Date(Date.now() + 3_600_000).toISOString() : null,
      checkedInAt: null,
      checkedInBy: null,
      cancelledAt: null,
      createdAt: isoNow(),
      updatedAt: isoNow(),
    })
    .execute();
  return id;
}

/** A free slot of a demo schedule at least a week ahead (weekdays only in the demo). */
async function freeSlot(world: MatrixWorld, serviceId: string, offset: number): Promise<string> {
  for (let days = 8; days < 30; days++) {
    const date = localDateOf(new Date(Date.now() + days * 86_400_000), 'America/New_York');
    const list = await world.app.inject({
      url: `/api/v1/appointment-slots?mission=US-WAS&service=${serviceId}&date=${date}`,
    });
    const free = (list.json().items as Array<{ start: string; free: number }>).filter((s) => s.free > 0);
    const slot = free[offset % Math.max(1, free.length)];
    if (slot) return slot.start;
  }
  throw new Error('matrix setup: no free demo slot');
}

const myBooking =
  (suffix: string, method: 'GET' | 'POST', status: 'booked' | 'held' = 'booked') =>
  async (world: MatrixWorld, _role: Role | null, scope: Scope) => ({
    method,
    url: `/api/v1/me/appointments/${await booking(world, scope, { serviceId: 'notarisation_legalisation', status })}${suffix}`,
  });

const todayAt = (world: MatrixWorld, scope: Scope) =>
  booking(world, scope, {
    serviceId: 'life_certificate',
    status: 'booked',
    slotStart: isoNow(),
    missionCode: missionOf(scope),
  });

export const APPOINTMENTS_SPECS: Record<string, RouteSpec> = {
  'GET /api/v1/appointment-schedules': {
    allow: EVERY_ROLE,
    anonymous: 'allow',
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: get('/api/v1/appointment-schedules?mission=US-WAS'),
  },
  'PUT /api/v1/appointment-schedules/:missionCode/:serviceId': {
    allow: { hq_admin: 'any', mission_head: 'own' },
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: (_world, _role, scope) => ({
      method: 'PUT',
      url: `/api/v1/appointment-schedules/${missionOf(scope)}/emergency_travel_document`,
      payload: {
        slotMinutes: 30,
        counters: 1,
        hours: [{ weekday: 1, startMinute: 540, endMinute: 960 }],
        holidays: [],
      },
    }),
  },
  'GET /api/v1/appointment-slots': {
    allow: EVERY_ROLE,
    anonymous: 'allow',
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: get('/api/v1/appointment-slots?mission=US-WAS&service=visa&date=2099-01-05'),
  },
  'GET /api/v1/me/appointments': {
    allow: { citizen: 'any' },
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: get('/api/v1/me/appointments'),
  },
  'POST /api/v1/me/appointments': {
    allow: { citizen: 'any' },
    okStatus: 201,
    denied: 403,
    outOfScope: 404,
    build: async (world) => {
      const owner = await ownerOf(world, 'own');
      await world.db
        .updateTable('appointments')
        .set({ status: 'cancelled', cancelledAt: isoNow() })
        .where('userId', '=', owner)
        .where('serviceId', '=', 'visa')
        .where('status', 'in', ['booked', 'held'])
        .execute();
      return {
        method: 'POST',
        url: '/api/v1/me/appointments',
        payload: { missionCode: 'US-WAS', serviceId: 'visa', slotStart: await freeSlot(world, 'visa', 0) },
      };
    },
  },
  'GET /api/v1/me/appointments/:id': {
    allow: CITIZEN_OWN,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: myBooking('', 'GET'),
  },
  'GET /api/v1/me/appointments/:id/calendar.ics': {
    allow: CITIZEN_OWN,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: myBooking('/calendar.ics', 'GET'),
  },
  'POST /api/v1/me/appointments/:id/reschedule': {
    allow: CITIZEN_OWN,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: async (world, role, scope) => ({
      ...(await myBooking('/reschedule', 'POST')(world, role, scope)),
      payload: { slotStart: await freeSlot(world, 'notarisation_legalisation', sequence) },
    }),
  },
  'POST /api/v1/me/appointments/:id/cancel': {
    allow: CITIZEN_OWN,
    okStatus: 204,
    denied: 403,
    outOfScope: 404,
    build: myBooking('/cancel', 'POST'),
  },
  'POST /api/v1/me/appointments/:id/confirm': {
    allow: CITIZEN_OWN,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: myBooking('/confirm', 'POST', 'held'),
  },
  'GET /api/v1/me/appointment-waitlist': {
    allow: { citizen: 'any' },
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: get('/api/v1/me/appointment-waitlist'),
  },
  'POST /api/v1/me/appointment-waitlist': {
    allow: { citizen: 'any' },
    okStatus: 201,
    denied: 403,
    outOfScope: 404,
    build: () => {
      sequence++;
      const date = new Date(Date.UTC(2099, 0, 1) + sequence * 86_400_000).toISOString().slice(0, 10);
      return {
        method: 'POST',
        url: '/api/v1/me/appointment-waitlist',
        payload: { missionCode: 'JP-TYO', serviceId: 'birth_registration', date },
      };
    },
  },
  'DELETE /api/v1/me/appointment-waitlist/:id': {
    allow: CITIZEN_OWN,
    okStatus: 204,
    denied: 403,
    outOfScope: 404,
    build: async (world, _role, scope) => {
      const id = newId();
      sequence++;
      await world.db
        .insertInto('appointmentWaitlist')
        .values({
          id,
          missionCode: 'JP-TYO',
          serviceId: 'passport_renewal',
          date: new Date(Date.UTC(2098, 0, 1) + sequence * 86_400_000).toISOString().slice(0, 10),
          userId: await ownerOf(world, scope),
          status: 'waiting',
          createdAt: isoNow(),
          updatedAt: isoNow(),
        })
        .execute();
      return { method: 'DELETE', url: `/api/v1/me/appointment-waitlist/${id}` };
    },
  },
  'GET /api/v1/appointments/day': {
    allow: DESK,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: (_world, _role, scope) => get(`/api/v1/appointments/day?mission=${missionOf(scope)}&date=2099-01-05`)(),
  },
  'POST /api/v1/appointments/check-in': {
    allow: DESK,
    okStatus: 200,
    denied: 403,
    outOfScope: 422,
    build: async (world, _role, scope) => {
      const id = await todayAt(world, scope);
      const { checkInCodeFor } = await import('../modules/appointments/appointments.check-in-code.ts');
      return {
        method: 'POST',
        url: '/api/v1/appointments/check-in',
        payload: { code: await checkInCodeFor(world.db, id) },
      };
    },
  },
  'POST /api/v1/appointments/:id/check-in': {
    allow: DESK,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: async (world, _role, scope) => ({
      method: 'POST',
      url: `/api/v1/appointments/${await todayAt(world, scope)}/check-in`,
    }),
  },
};
