/** Where a delivery goes: the in-app inbox, a Web Push subscription, an e-mail address or a phone (SMS). */
export type NotificationChannel = 'inapp' | 'push' | 'email' | 'sms';

/**
 * queued → sent → delivered; or failed after the last retry. A queued delivery is being sent while a worker holds
 * its batch's lease (`notification_send_leases`, decision 0031).
 */
export type DeliveryStatus = 'queued' | 'sent' | 'delivered' | 'failed';

/** One message a source publishes (decision 0022); `content` and `target` are JSON text. */
export interface NotificationMessagesTable {
  id: string;
  sourceKind: string;
  sourceId: string;
  content: string;
  target: string;
  /** 0 or 1: the message asks "Are you safe?" and carries the source's action links. */
  checkin: number;
  /** 'waiting' until the recipient list it targets is ready (decision 0025). */
  state: 'waiting' | 'fanning_out' | 'fanned_out';
  /** Fan-out batches committed so far: where a fan-out that was killed resumes. */
  fannedBatches: number;
  recipients: number;
  publishedAt: string;
  fannedOutAt: string | null;
}

/** The message for one recipient on one channel; UNIQUE(message_id, person_id, channel). */
export interface NotificationDeliveriesTable {
  id: string;
  messageId: string;
  personId: string;
  /** The person's citizen account, if any: whose inbox and push subscriptions. */
  userId: string | null;
  channel: NotificationChannel;
  /** E-mail address or E.164 number; null for inapp and push (the account's subscriptions). */
  address: string | null;
  locale: string;
  batch: number;
  status: DeliveryStatus;
  /** Attempts made so far (counted when an attempt's outcome is written). */
  attempts: number;
  nextAttemptAt: string;
  /** JSON: the channels still to try, in order, when this one fails for good. */
  fallbacks: string;
  lastError: string | null;
  queuedAt: string;
  sentAt: string | null;
  /** Milliseconds from publish to sent / delivered: what the dashboard's p50/p95 read. */
  sentMs: number | null;
  deliveredAt: string | null;
  deliveredMs: number | null;
  failedAt: string | null;
  readAt: string | null;
}

/**
 * One batch of one message on one channel, held by the worker sending it until `heldUntil` (decision 0031): its
 * deliveries go to that worker only; when the time runs out (the worker died), another may take the batch over.
 */
export interface NotificationSendLeasesTable {
  messageId: string;
  channel: NotificationChannel;
  batch: number;
  heldBy: string;
  heldUntil: string;
}

export interface PushSubscriptionsTable {
  id: string;
  userId: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  userAgent: string | null;
  createdAt: string;
}

/** An account's channel order (JSON array of push, email, sms); inapp is always on. */
export interface NotificationPreferencesTable {
  userId: string;
  channelOrder: string;
  updatedAt: string;
}

/**
 * The country a citizen's app last reported (with consent; resolved offline, no position kept) and the number of
 * arrivals seen: the on-arrival message is keyed person × country × arrival (decision 0025).
 */
export interface LastCountriesTable {
  personId: string;
  country: string;
  seenAt: string;
  arrivedAt: string;
  arrivals: number;
}
