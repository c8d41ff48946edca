import { type Static, Type } from '@sinclair/typebox';

/**
 * Notification delivery (issue 6, item 3; decision 0022). GLOSSARY: 收件箱 / inbox, 推送通知 / push notification.
 * A citizen's inbox lists the in-app copies of the messages sent to them; the outward channels are tried in
 * the order they choose.
 */
export const OUTWARD_CHANNELS = ['push', 'email', 'sms'] as const;
export type OutwardChannelName = (typeof OUTWARD_CHANNELS)[number];
export const DELIVERY_CHANNELS = ['inapp', 'push', 'email', 'sms'] as const;
export type DeliveryChannelName = (typeof DELIVERY_CHANNELS)[number];

const Channel = Type.Union(OUTWARD_CHANNELS.map((c) => Type.Literal(c)));

export const InboxActionSchema = Type.Object({
  name: Type.String({ description: 'safe, needHelp …' }),
  url: Type.String(),
});

export const InboxItemSchema = Type.Object({
  id: Type.String({ description: 'The in-app delivery id' }),
  messageId: Type.String(),
  sourceKind: Type.String({ description: 'alert, checkin_reminder, arrival …' }),
  locale: Type.Union([Type.Literal('en'), Type.Literal('zh-CN')], { description: 'The language of title and body' }),
  title: Type.String(),
  body: Type.String(),
  url: Type.Union([Type.String(), Type.Null()]),
  actions: Type.Array(InboxActionSchema),
  publishedAt: Type.String(),
  readAt: Type.Union([Type.String(), Type.Null()]),
});
export type InboxItem = Static<typeof InboxItemSchema>;

export const InboxQuerySchema = Type.Object({
  before: Type.Optional(Type.String({ description: 'An item id: list older items (the next page)' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 })),
});

export const InboxSchema = Type.Object({
  items: Type.Array(InboxItemSchema),
  unread: Type.Integer(),
  nextBefore: Type.Union([Type.String(), Type.Null()]),
});
export type Inbox = Static<typeof InboxSchema>;

export const PushKeySchema = Type.Object({
  publicKey: Type.String({ description: 'The VAPID public key (base64url), for PushManager.subscribe' }),
});

/** What `PushSubscription.toJSON()` gives. */
export const PushSubscriptionBodySchema = Type.Object({
  endpoint: Type.String({ minLength: 12, maxLength: 2000, pattern: '^https://' }),
  keys: Type.Object({
    p256dh: Type.String({ pattern: '^[A-Za-z0-9_-]{80,100}={0,2}$' }),
    auth: Type.String({ pattern: '^[A-Za-z0-9_-]{16,30}={0,2}$' }),
  }),
});
export type PushSubscriptionBody = Static<typeof PushSubscriptionBodySchema>;

export const PushUnsubscribeBodySchema = Type.Object({ endpoint: Type.String({ minLength: 1, maxLength: 2000 }) });

export const NotificationPreferencesSchema = Type.Object({
  channelOrder: Type.Array(Channel, { minItems: 1, maxItems: 3, uniqueItems: true }),
  pushSubscriptions: Type.Integer({ description: 'Devices of this account that receive push' }),
});
export type NotificationPreferences = Static<typeof NotificationPreferencesSchema>;

export const NotificationPreferencesBodySchema = Type.Object({
  channelOrder: Type.Array(Channel, { minItems: 1, maxItems: 3, uniqueItems: true }),
});

export const DeliveryReceiptBodySchema = Type.Object({ deliveryId: Type.String({ minLength: 1, maxLength: 64 }) });

/**
 * Where the citizen app was opened, coarsely (the app rounds to 0.1°, about 10 km, and sends it only with the
 * person's consent): the server resolves the country offline and keeps only that (decision 0025).
 */
export const ArrivalPositionBodySchema = Type.Object(
  {
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lon: Type.Number({ minimum: -180, maximum: 180 }),
  },
  { additionalProperties: false },
);
export type ArrivalPositionBody = Static<typeof ArrivalPositionBodySchema>;

export const ArrivalPositionResultSchema = Type.Object({
  /** ISO 3166-1 alpha-2 of the place, or null at sea or far from any town. */
  country: Type.Union([Type.String(), Type.Null()]),
  /** True when this is a new country for the person and its on-arrival message was sent. */
  welcomed: Type.Boolean(),
});
export type ArrivalPositionResult = Static<typeof ArrivalPositionResultSchema>;

const Funnel = Type.Object({
  queued: Type.Integer(),
  sent: Type.Integer(),
  delivered: Type.Integer(),
  failed: Type.Integer(),
});

export const ChannelStatsSchema = Type.Object({
  channel: Type.Union(DELIVERY_CHANNELS.map((c) => Type.Literal(c))),
  funnel: Funnel,
  sentP50Ms: Type.Union([Type.Integer(), Type.Null()], { description: 'Publish to sent, median' }),
  sentP95Ms: Type.Union([Type.Integer(), Type.Null()]),
  deliveredP50Ms: Type.Union([Type.Integer(), Type.Null()], { description: 'Publish to delivered (receipt)' }),
  deliveredP95Ms: Type.Union([Type.Integer(), Type.Null()]),
});
export type ChannelStats = Static<typeof ChannelStatsSchema>;

export const DeliveryMessageSummarySchema = Type.Object({
  id: Type.String(),
  sourceKind: Type.String(),
  sourceId: Type.String(),
  title: Type.Object({
    en: Type.Union([Type.String(), Type.Null()]),
    'zh-CN': Type.Union([Type.String(), Type.Null()]),
  }),
  publishedAt: Type.String(),
  /** 'waiting' until the recipient list it goes to is ready (an alert's, decision 0025). */
  state: Type.Union([Type.Literal('waiting'), Type.Literal('fanning_out'), Type.Literal('fanned_out')]),
  recipients: Type.Integer(),
  checkin: Type.Boolean(),
});
export type DeliveryMessageSummary = Static<typeof DeliveryMessageSummarySchema>;

export const DeliveryMessageListSchema = Type.Object({ items: Type.Array(DeliveryMessageSummarySchema) });
export type DeliveryMessageList = Static<typeof DeliveryMessageListSchema>;

export const DeliveryReportSchema = Type.Composite([
  DeliveryMessageSummarySchema,
  Type.Object({ fannedOutAt: Type.Union([Type.String(), Type.Null()]), channels: Type.Array(ChannelStatsSchema) }),
]);
export type DeliveryReport = Static<typeof DeliveryReportSchema>;
