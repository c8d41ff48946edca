import { dirname, resolve } from 'node:path';
import type { LocalizedText } from '@homeward/shared';
import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** Where the data lives: an embedded SQLite file (default) or a PostgreSQL server. */
export type DatabaseTarget = { dialect: 'sqlite'; path: string } | { dialect: 'postgres'; url: string };

export interface SendingStateConfig {
  code: string;
  name: LocalizedText;
  ministry: LocalizedText;
  hotline: { e164: string; display: string };
  /** How to reach a person on the hotline's menu, when the deployment knows it. */
  hotlineGuidance: LocalizedText | null;
  spareHotline: { e164: string; display: string } | null;
}

export interface Config {
  port: number;
  host: string;
  database: DatabaseTarget;
  bodyLimitBytes: number;
  logLevel: string;
  /** Public origin, used for links in mail and to decide whether cookies must be Secure. */
  publicUrl: string;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  workerPollMs: number;
  workerConcurrency: number;
  shutdownGraceMs: number;
  state: SendingStateConfig;
  mail: MailConfig;
  /** Signs known-device cookies; null means generate once and keep it in the `settings` table. */
  secret: string | null;
  /** Trips that ended more than this many days ago are purged (HOMEWARD_TRIP_RETENTION_DAYS). */
  tripRetentionDays: number;
}

export interface MailConfig {
  /** smtp:// or smtps:// URL; null writes each mail as an .eml file into `mailboxDir` instead. */
  smtpUrl: string | null;
  from: string;
  mailboxDir: string;
}

/** A configuration mistake: the CLI prints `message` as one line and exits non-zero. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

/** Reads DATABASE_URL: unset → ./data/homeward.db, `sqlite:PATH`, or `postgres://…`. */
export function parseDatabaseUrl(value: string | undefined, cwd = process.cwd()): DatabaseTarget {
  if (value === undefined || value.trim() === '') return { dialect: 'sqlite', path: resolve(cwd, 'data/homeward.db') };
  const url = value.trim();
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ConfigError(`DATABASE_URL is not a valid PostgreSQL URL: ${redactUrl(url)}`);
    }
    if (!parsed.hostname) throw new ConfigError('DATABASE_URL names no PostgreSQL host');
    if (parsed.pathname.length <= 1) throw new ConfigError('DATABASE_URL names no PostgreSQL database (…/DBNAME)');
    return { dialect: 'postgres', url };
  }
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (path === '') throw new ConfigError('DATABASE_URL sqlite: needs a file path, e.g. sqlite:./data/homeward.db');
    return { dialect: 'sqlite', path: path === ':memory:' ? path : resolve(cwd, path) };
  }
  throw new ConfigError(
    `DATABASE_URL must start with postgres://, postgresql:// or sqlite: (got "${redactUrl(url).slice(0, 40)}")`,
  );
}

/** Hides a password in a connection URL before it reaches a log line. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

function intFrom(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

function phoneFrom(env: Env, name: string, fallback: string): { e164: string; display: string } {
  const raw = env[name] ?? fallback;
  const phone = parsePhoneNumberFromString(raw);
  if (!phone?.isPossible()) throw new ConfigError(`${name} is not a phone number in international form (got "${raw}")`);
  return { e164: phone.number, display: phone.formatInternational() };
}

// The 12308 centre's menu (GLOSSARY: 12308 hotline); another hotline has its own, or none is said.
function guidanceFrom(env: Env): LocalizedText | null {
  const en = env.HOMEWARD_HOTLINE_GUIDANCE_EN;
  const zh = env.HOMEWARD_HOTLINE_GUIDANCE_ZH;
  if (en || zh) return { en: en ?? zh ?? '', 'zh-CN': zh ?? en ?? '' };
  if (env.HOMEWARD_HOTLINE) return null;
  return {
    en: 'In an emergency, press 0 then 9 to speak to a person.',
    'zh-CN': '紧急情况下，请按 0 再按 9 转人工服务。',
  };
}

function mailFrom(env: Env, database: DatabaseTarget, cwd: string): MailConfig {
  const smtpUrl = env.HOMEWARD_SMTP_URL?.trim() || null;
  if (smtpUrl && !/^smtps?:\/\/[^/]/.test(smtpUrl)) {
    throw new ConfigError(`HOMEWARD_SMTP_URL must start with smtp:// or smtps:// (got "${redactUrl(smtpUrl)}")`);
  }
  // Beside the SQLite file, so a demo's mail lives with its data.
  const besideData = database.dialect === 'sqlite' && database.path !== ':memory:' ? dirname(database.path) : 'data';
  const mailboxDir = env.HOMEWARD_MAILBOX_DIR
    ? resolve(cwd, env.HOMEWARD_MAILBOX_DIR)
    : resolve(cwd, besideData, 'mailbox');
  return { smtpUrl, from: env.HOMEWARD_MAIL_FROM?.trim() || 'Homeward <no-reply@homeward.localhost>', mailboxDir };
}

function secretFrom(env: Env): string | null {
  const secret = env.HOMEWARD_SECRET;
  if (secret === undefined || secret === '') return null;
  if (secret.length < 32) throw new ConfigError('HOMEWARD_SECRET must be at least 32 characters');
  return secret;
}

/** HOMEWARD_PASSWORD_COST: `low` only for test suites (users/password.ts), never in a production process. */
function passwordCostFrom(env: Env): void {
  const cost = env.HOMEWARD_PASSWORD_COST;
  if (cost === undefined || cost === '' || cost === 'standard') return;
  if (cost !== 'low') throw new ConfigError(`HOMEWARD_PASSWORD_COST must be "standard" or "low" (got "${cost}")`);
  if (env.NODE_ENV === 'production')
    throw new ConfigError('HOMEWARD_PASSWORD_COST=low is for tests; it is refused when NODE_ENV=production');
}

/** Builds the configuration from the environment; every variable is listed in README.md. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const port = intFrom(env, 'PORT', 8080, 0, 65535);
  const host = env.HOST ?? '0.0.0.0';
  const spare = env.HOMEWARD_HOTLINE_SPARE ?? (env.HOMEWARD_HOTLINE ? '' : '+86 10 5991 3991');
  const database = parseDatabaseUrl(env.DATABASE_URL, cwd);
  passwordCostFrom(env);
  return {
    port,
    host,
    database,
    mail: mailFrom(env, database, cwd),
    secret: secretFrom(env),
    bodyLimitBytes: intFrom(env, 'HOMEWARD_BODY_LIMIT', 1024 * 1024, 1024, 100 * 1024 * 1024),
    logLevel: env.LOG_LEVEL ?? 'info',
    publicUrl: (env.HOMEWARD_PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    sessionIdleMinutes: intFrom(env, 'HOMEWARD_SESSION_IDLE_MINUTES', 30, 1, 60 * 24 * 30),
    sessionAbsoluteHours: intFrom(env, 'HOMEWARD_SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 90),
    workerPollMs: intFrom(env, 'HOMEWARD_WORKER_POLL_MS', 500, 10, 60_000),
    workerConcurrency: intFrom(env, 'HOMEWARD_WORKER_CONCURRENCY', 4, 1, 256),
    shutdownGraceMs: intFrom(env, 'HOMEWARD_SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    tripRetentionDays: intFrom(env, 'HOMEWARD_TRIP_RETENTION_DAYS', 365, 1, 3650),
    state: {
      code: (env.HOMEWARD_STATE_CODE ?? 'CN').toUpperCase(),
      name: {
        en: env.HOMEWARD_STATE_NAME_EN ?? "People's Republic of China",
        'zh-CN': env.HOMEWARD_STATE_NAME_ZH ?? '中华人民共和国',
      },
      ministry: {
        en: env.HOMEWARD_MINISTRY_NAME_EN ?? 'Ministry of Foreign Affairs',
        'zh-CN': env.HOMEWARD_MINISTRY_NAME_ZH ?? '外交部',
      },
      hotline: phoneFrom(env, 'HOMEWARD_HOTLINE', '+86 10 12308'),
      spareHotline: spare === '' ? null : phoneFrom({ spare }, 'spare', spare),
      hotlineGuidance: guidanceFrom(env),
    },
  };
}
