import { ROLES, type Role } from '@homeward/shared';
import type { InjectOptions } from 'fastify';
import { isoNow, newId } from '../clock.ts';
import { ACCOUNT_OF, EVERY_ROLE, get, type MatrixWorld, type RouteSpec, type Scope } from './policy.matrix.world.ts';

/**
 * Specs for notification delivery (decision 0022): everyone signed in has an inbox, push devices and a channel
 * order of their own; an inbox item or delivery of another account is not found (404). The delivery dashboard
 * is for alert managers and HQ. The VAPID public key is public.
 */

const OWN_ONLY = Object.fromEntries(ROLES.map((role) => [role, 'own'])) as Record<Role, 'own'>;
const DASHBOARD = { hq_admin: 'any', alert_manager: 'any' } as const;

async function userIdOf(world: MatrixWorld, email: string): Promise<string> {
  const row = await world.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow();
  return row.id;
}

/** A fresh message with one in-app delivery to the role's account (own) or another one (other). */
async function inboxItemFor(world: MatrixWorld, role: Role | null, scope: Scope): Promise<string> {
  const ownEmail = ACCOUNT_OF[role ?? 'citizen'];
  const email = scope === 'own' ? ownEmail : ownEmail === ACCOUNT_OF.citizen ? ACCOUNT_OF.hq_admin : ACCOUNT_OF.citizen;
  const userId = await userIdOf(world, email);
  const messageId = await messageFor(world);
  const id = newId();
  const now = isoNow();
  await world.db
    .insertInto('notificationDeliveries')
    .values({
      id,
      messageId,
      personId: `matrix-${id}`,
      userId,
      channel: 'inapp',
      address: null,
      locale: 'en',
      batch: 1,
      status: 'sent',
      attempts: 0,
      nextAttemptAt: now,
      fallbacks: '[]',
      queuedAt: now,
      sentAt: now,
      sentMs: 1,
    })
    .execute();
  return id;
}

async function messageFor(world: MatrixWorld): Promise<string> {
  const id = newId();
  await world.db
    .insertInto('notificationMessages')
    .values({
      id,
      sourceKind: 'matrix',
      sourceId: id,
      content: JSON.stringify({ en: { title: 'Matrix probe', body: 'policy matrix probe' } }),
      target: JSON.stringify({ kind: 'persons', personIds: [] }),
      checkin: 0,
      state: 'fanned_out',
      fannedBatches: 0,
      recipients: 0,
      publishedAt: isoNow(),
      fannedOutAt: isoNow(),
    })
    .execute();
  return id;
}

const signedIn = (build: RouteSpec['build'], okStatus = 200): RouteSpec => ({
  allow: EVERY_ROLE,
  okStatus,
  denied: 403,
  outOfScope: 404,
  build,
});

export const NOTIFICATIONS_SPECS: Record<string, RouteSpec> = {
  'GET /api/v1/notifications/push-key': {
    allow: EVERY_ROLE,
    anonymous: 'allow',
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: get('/api/v1/notifications/push-key'),
  },
  'PUT /api/v1/notifications/push-subscriptions': signedIn(
    (_world, role): InjectOptions => ({
      method: 'PUT',
      url: '/api/v1/notifications/push-subscriptions',
      payload: {
        endpoint: `https://push.example.net/matrix/${role ?? 'anonymous'}`,
        keys: {
          p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM',
          auth: 'tBHItJI5svbpez7KI4CCXg',
        },
      },
    }),
    204,
  ),
  'DELETE /api/v1/notifications/push-subscriptions': signedIn(
    (): InjectOptions => ({
      method: 'DELETE',
      url: '/api/v1/notifications/push-subscriptions',
      payload: { endpoint: 'https://push.example.net/matrix/none' },
    }),
    204,
  ),
  'GET /api/v1/notifications/preferences': signedIn(get('/api/v1/notifications/preferences')),
  'PUT /api/v1/notifications/preferences': signedIn(
    (): InjectOptions => ({
      method: 'PUT',
      url: '/api/v1/notifications/preferences',
      payload: { channelOrder: ['email', 'push', 'sms'] },
    }),
  ),
  'POST /api/v1/notifications/receipts': {
    allow: OWN_ONLY,
    okStatus: 204,
    denied: 403,
    outOfScope: 404,
    build: async (world, role, scope) => ({
      method: 'POST',
      url: '/api/v1/notifications/receipts',
      payload: { deliveryId: await inboxItemFor(world, role, scope) },
    }),
  },
  'GET /api/v1/inbox': signedIn(get('/api/v1/inbox?limit=5')),
  'POST /api/v1/inbox/:id/read': {
    allow: OWN_ONLY,
    okStatus: 204,
    denied: 403,
    outOfScope: 404,
    build: async (world, role, scope) => ({
      method: 'POST',
      url: `/api/v1/inbox/${await inboxItemFor(world, role, scope)}/read`,
    }),
  },
  'POST /api/v1/inbox/read-all': signedIn((): InjectOptions => ({ method: 'POST', url: '/api/v1/inbox/read-all' })),
  'GET /api/v1/inbox/stream': signedIn(
    // The stream never ends: judged by its status line; the app's close ends it.
    (): InjectOptions => ({ method: 'GET', url: '/api/v1/inbox/stream', payloadAsStream: true }),
  ),
  'POST /api/v1/arrivals/position': {
    allow: { citizen: 'any' },
    okStatus: 200,
    denied: 403,
    outOfScope: 403,
    build: (): InjectOptions => ({
      method: 'POST',
      url: '/api/v1/arrivals/position',
      payload: { lat: 35.7, lon: 139.8 },
    }),
  },
  'GET /api/v1/deliveries': {
    allow: DASHBOARD,
    okStatus: 200,
    denied: 403,
    outOfScope: 403,
    build: get('/api/v1/deliveries'),
  },
  'GET /api/v1/deliveries/:id': {
    allow: DASHBOARD,
    okStatus: 200,
    denied: 403,
    outOfScope: 403,
    build: async (world) => ({ method: 'GET', url: `/api/v1/deliveries/${await messageFor(world)}` }),
  },
};
