import {
  ArrivalPositionBodySchema,
  ArrivalPositionResultSchema,
  DeliveryMessageListSchema,
  DeliveryReceiptBodySchema,
  DeliveryReportSchema,
  InboxQuerySchema,
  InboxSchema,
  NotificationPreferencesBodySchema,
  NotificationPreferencesSchema,
  PushKeySchema,
  PushSubscriptionBodySchema,
  PushUnsubscribeBodySchema,
} from '@homeward/shared';
import { Type } from '@sinclair/typebox';
import type { App } from '../../http/app-types.ts';
import { type Actor, actorOf } from '../../policy/actor.ts';
import { DELIVERY_DASHBOARD_ROLES } from '../../policy/notifications.policy.ts';
import { PUBLIC, rolesOnly, SIGNED_IN } from '../../policy/route-policy.ts';
import { reportAppPosition } from './notifications.arrivals-app.ts';
import { notificationsConfigFrom, vapidKeys } from './notifications.config.ts';
import {
  confirmDelivery,
  readAllInboxItems,
  readInboxItem,
  savePreferences,
  subscribePush,
  unsubscribePush,
  viewInbox,
  viewPreferences,
} from './notifications.inbox.ts';
import { deliveryReport, listDeliveryMessages } from './notifications.report.ts';
import { inboxStreamRoute } from './notifications.stream.ts';

const tags = ['notifications'];
// The route gate ran before the handler, so there is an actor; record-level rules are in notifications.policy.ts.
const me = (user: Parameters<typeof actorOf>[0]): Actor => actorOf(user) as Actor;
const Id = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export async function notificationsRoutes(app: App): Promise<void> {
  const { db, config } = app.ctx;
  const settings = notificationsConfigFrom(process.env, config);

  app.get(
    '/api/v1/notifications/push-key',
    {
      config: { policy: PUBLIC },
      schema: {
        tags,
        summary: 'The VAPID public key a browser subscribes to push with',
        response: { 200: PushKeySchema },
      },
    },
    async () => ({ publicKey: (await vapidKeys(db, settings)).publicKey }),
  );

  app.put(
    '/api/v1/notifications/push-subscriptions',
    {
      config: { policy: SIGNED_IN },
      schema: {
        tags,
        summary: 'Register this device’s push subscription (PushSubscription.toJSON()) for the signed-in account',
        body: PushSubscriptionBodySchema,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await subscribePush(db, me(request.user), request.body, request.headers['user-agent'] ?? null);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/v1/notifications/push-subscriptions',
    {
      config: { policy: SIGNED_IN },
      schema: {
        tags,
        summary: 'Stop push to this device (its endpoint); unknown endpoints are ignored',
        body: PushUnsubscribeBodySchema,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await unsubscribePush(db, me(request.user), request.body.endpoint);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/notifications/preferences',
    {
      config: { policy: SIGNED_IN },
      schema: {
        tags,
        summary: 'The order in which push, e-mail and SMS are tried for the signed-in account',
        response: { 200: NotificationPreferencesSchema },
      },
    },
    async (request) => viewPreferences(db, me(request.user)),
  );

  app.put(
    '/api/v1/notifications/preferences',
    {
      config: { policy: SIGNED_IN },
      schema: {
        tags,
        summary: 'Choose the channel order; channels left out follow in the default order',
        body: NotificationPreferencesBodySchema,
        response: { 200: NotificationPreferencesSchema },
      },
    },
    async (request) => savePreferences(db, me(request.user), request.body.channelOrder),
  );

  app.post(
    '/api/v1/notifications/receipts',
    {
      config: { policy: SIGNED_IN },
      schema: {
        tags,
        summary: 'A device confirms a push reached it (sent by the service worker); the first receipt counts',
        body: DeliveryReceiptBodySchema,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await confirmDelivery(db, me(request.user), request.body.deliveryId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/inbox',
    {
      config: { policy: SIGNED_IN },
      schema: {
        tags,
        summary: 'The signed-in account’s inbox, newest first, with the unread count; listing an item delivers it',
        querystring: InboxQuerySchema,
        response: { 200: InboxSchema },
      },
    },
    async (request) => viewInbox(db, me(request.user), request.query),
  );

  app.post(
    '/api/v1/inbox/:id/read',
    {
      config: { policy: SIGNED_IN },
      schema: { tags, summary: 'Mark one inbox item read', params: Id, response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      await readInboxItem(db, me(request.user), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/inbox/read-all',
    {
      config: { policy: SIGNED_IN },
      schema: {
        tags,
        summary: 'Mark every inbox item read',
        response: { 200: Type.Object({ marked: Type.Integer() }) },
      },
    },
    async (request) => ({ marked: await readAllInboxItems(db, me(request.user)) }),
  );

  inboxStreamRoute(app);

  app.post(
    '/api/v1/arrivals/position',
    {
      config: { policy: rolesOnly('citizen') },
      schema: {
        tags,
        summary:
          'The app, with the citizen’s consent, reports where it was opened (rounded); a new country sends its on-arrival message once',
        body: ArrivalPositionBodySchema,
        response: { 200: ArrivalPositionResultSchema },
      },
    },
    async (request) => reportAppPosition(db, config, me(request.user), request.body),
  );

  app.get(
    '/api/v1/deliveries',
    {
      config: { policy: rolesOnly(...DELIVERY_DASHBOARD_ROLES) },
      schema: {
        tags,
        summary: 'The latest published messages with their recipient counts (alert managers, HQ)',
        response: { 200: DeliveryMessageListSchema },
      },
    },
    async () => ({ items: await listDeliveryMessages(db) }),
  );

  app.get(
    '/api/v1/deliveries/:id',
    {
      config: { policy: rolesOnly(...DELIVERY_DASHBOARD_ROLES) },
      schema: {
        tags,
        summary:
          'One message’s delivery funnel per channel (queued, sent, delivered, failed) and publish-to-sent and ' +
          'publish-to-delivered p50/p95',
        params: Id,
        response: { 200: DeliveryReportSchema },
      },
    },
    async (request) => deliveryReport(db, request.params.id),
  );
}
