import webpush from 'web-push';
import { isoNow } from '../../clock.ts';
import { type Config, ConfigError } from '../../config.ts';
import type { Db } from '../../db/schema.ts';

/** How messages leave the platform (decision 0022); read from the environment next to the main Config. */
export interface NotificationsConfig {
  /** VAPID keys from HOMEWARD_VAPID_PUBLIC_KEY / _PRIVATE_KEY; null: generated once and kept in `settings`. */
  vapid: { publicKey: string; privateKey: string } | null;
  /** The VAPID contact (mailto: or https:), HOMEWARD_VAPID_SUBJECT; defaults to the public URL or a mailto. */
  vapidSubject: string;
  /** HOMEWARD_SMS_GATEWAY_URL: where SMS are POSTed (docs/sms-gateway.md); null: no SMS channel. */
  smsGatewayUrl: string | null;
  /** HOMEWARD_SMS_GATEWAY_TOKEN: sent as `Authorization: Bearer …`. */
  smsGatewayToken: string | null;
  /** HOMEWARD_SMS_GATEWAY_BATCH: messages per gateway request; 1 (default) is one message per request. */
  smsBatchSize: number;
  /** HOMEWARD_SMTP_MAX_RECIPIENTS: envelope recipients of one mail whose words are the same for all (default 100). */
  emailMaxRecipients: number;
  /** Attempts per delivery before it fails and the next channel is tried (HOMEWARD_NOTIFY_ATTEMPTS). */
  maxAttempts: number;
  /** First retry delay; each next one doubles (HOMEWARD_NOTIFY_RETRY_MS). */
  retryBaseMs: number;
  /** How long a worker holds a delivery it is sending before another may take it over. */
  sendLeaseMs: number;
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  return value;
}

export function notificationsConfigFrom(env: Env, config: Pick<Config, 'publicUrl'>): NotificationsConfig {
  const publicKey = env.HOMEWARD_VAPID_PUBLIC_KEY?.trim() || null;
  const privateKey = env.HOMEWARD_VAPID_PRIVATE_KEY?.trim() || null;
  if ((publicKey === null) !== (privateKey === null))
    throw new ConfigError('HOMEWARD_VAPID_PUBLIC_KEY and HOMEWARD_VAPID_PRIVATE_KEY are set together or not at all');
  const sms = env.HOMEWARD_SMS_GATEWAY_URL?.trim() || null;
  if (sms && !/^https?:\/\/[^/]/.test(sms))
    throw new ConfigError(`HOMEWARD_SMS_GATEWAY_URL must be an http(s) URL (got "${sms.slice(0, 60)}")`);
  const subject =
    env.HOMEWARD_VAPID_SUBJECT?.trim() ||
    (config.publicUrl.startsWith('https://') ? config.publicUrl : 'mailto:no-reply@homeward.localhost');
  if (!/^(mailto:|https:\/\/)/.test(subject))
    throw new ConfigError('HOMEWARD_VAPID_SUBJECT must be a mailto: or https: URL');
  return {
    vapid: publicKey && privateKey ? { publicKey, privateKey } : null,
    vapidSubject: subject,
    smsGatewayUrl: sms,
    smsGatewayToken: env.HOMEWARD_SMS_GATEWAY_TOKEN?.trim() || null,
    smsBatchSize: int(env, 'HOMEWARD_SMS_GATEWAY_BATCH', 1, 1, 1000),
    emailMaxRecipients: int(env, 'HOMEWARD_SMTP_MAX_RECIPIENTS', 100, 1, 1000),
    maxAttempts: int(env, 'HOMEWARD_NOTIFY_ATTEMPTS', 4, 1, 20),
    retryBaseMs: int(env, 'HOMEWARD_NOTIFY_RETRY_MS', 5000, 10, 3_600_000),
    sendLeaseMs: int(env, 'HOMEWARD_NOTIFY_SEND_LEASE_MS', 60_000, 1000, 3_600_000),
  };
}

const VAPID_SETTING = 'vapid_keys';
const generated = new WeakMap<object, Promise<{ publicKey: string; privateKey: string }>>();

async function loadOrCreateVapid(db: Db): Promise<{ publicKey: string; privateKey: string }> {
  // Two processes starting at once may both generate a pair; the primary key keeps the first, and both read it.
  await db
    .insertInto('settings')
    .values({ key: VAPID_SETTING, value: JSON.stringify(webpush.generateVAPIDKeys()), createdAt: isoNow() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', VAPID_SETTING)
    .executeTakeFirstOrThrow();
  return JSON.parse(row.value) as { publicKey: string; privateKey: string }; // boundary: JSON this module wrote
}

/** The VAPID key pair: configured, or (dev, demo) generated on first use and kept in the `settings` table. */
export function vapidKeys(db: Db, config: NotificationsConfig): Promise<{ publicKey: string; privateKey: string }> {
  if (config.vapid) return Promise.resolve(config.vapid);
  let keys = generated.get(db);
  if (!keys) {
    keys = loadOrCreateVapid(db);
    generated.set(db, keys);
    keys.catch(() => generated.delete(db));
  }
  return keys;
}
