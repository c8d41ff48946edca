import type { SessionUser } from '@homeward/shared';
import {
  AliasNode,
  ColumnNode,
  DeleteQueryNode,
  FromNode,
  InsertQueryNode,
  type KyselyPlugin,
  type OperationNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryId,
  type QueryResult,
  RawNode,
  type RootOperationNode,
  TableNode,
  type UnknownRow,
  UpdateQueryNode,
} from 'kysely';

// The session cache (decision 0018). Resolving a session cookie costs three reads (session, user, missions) on
// every request; here the outcome is kept in this process for a few seconds. What bounds its staleness:
//  - every entry is dropped SESSION_CACHE_TTL_MS after the database read it came from, whatever happens;
//  - a write through this process's Kysely instance that can change what a session resolves to (a session
//    ended, a user's role, status, name, address, language, a user's missions) empties the cache before it
//    runs and again after it ran, and a lookup that overlapped it does not store its answer;
//  - for QUIET_MS after such a write nothing is stored, so a read that slipped in before a PostgreSQL
//    transaction committed the change cannot keep the old answer either.
// A change made by another process (another API node on PostgreSQL, the CLI) reaches this one within the TTL.

/** How long a resolved session is trusted without reading the database again. */
export const SESSION_CACHE_TTL_MS = 5_000;
/** After a write that can change sessions, how long nothing is stored (a transaction that has not committed). */
const QUIET_MS = 1_000;
/** Entries kept at most; beyond it the oldest is dropped. */
const MAX_ENTRIES = 10_000;

export interface CachedSession {
  /** The stored hash of the cookie token (the `sessions.id`). */
  sessionId: string;
  user: SessionUser;
  /** Epoch milliseconds: the absolute end of the session. */
  expiresAt: number;
  /** Epoch milliseconds of `last_seen_at` as read (or as this process just wrote it). */
  lastSeenAt: number;
  /** Epoch milliseconds of the database read the entry came from; it is used until SESSION_CACHE_TTL_MS later. */
  readAt: number;
}

const entries = new Map<string, CachedSession>();
let generation = 0;
let quietUntil = 0;

/** A kept session, if it is still fresh: read from the database less than the TTL ago (and not in the future). */
export function cachedSession(sessionId: string, now: number = Date.now()): CachedSession | undefined {
  const entry = entries.get(sessionId);
  if (!entry) return undefined;
  if (now >= entry.readAt + SESSION_CACHE_TTL_MS || now < entry.readAt) {
    entries.delete(sessionId);
    return undefined;
  }
  return entry;
}

/** Where a database read started: pass it to `keepSession`, which refuses an answer a write overlapped. */
export function sessionCacheMark(): number {
  return generation;
}

/** Keeps a session read from the database, unless a session-changing write ran since `mark` or just before. */
export function keepSession(mark: number, entry: Omit<CachedSession, 'readAt'>, now: number = Date.now()): void {
  if (mark !== generation || now < quietUntil) return;
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  Object.freeze(entry.user.missions);
  Object.freeze(entry.user);
  entries.set(entry.sessionId, { ...entry, readAt: now });
}

/** Drops one session (it ended, or it looked expired and is checked against the database). */
export function forgetSession(sessionId: string): void {
  entries.delete(sessionId);
}

/** Empties the cache and refuses answers read before now or in the next moment (a write is under way). */
export function forgetAllSessions(now: number = Date.now()): void {
  entries.clear();
  generation++;
  quietUntil = Math.max(quietUntil, now + QUIET_MS);
}

/**
 * Back to a new process's state (tests): test files share a process, and another file's writes leave the quiet
 * period at the real clock, which would refuse this file's answers read at made-up times.
 */
export function resetSessionCache(): void {
  entries.clear();
  generation += 1;
  quietUntil = 0;
}

/** How many sessions are kept (tests). */
export function sessionCacheSize(): number {
  return entries.size;
}

// Which writes change what a session resolves to. Column names are as the database has them: this plugin runs
// after the CamelCasePlugin (see db/connect.ts).
const USER_COLUMNS = new Set(['email', 'display_name', 'role', 'locale', 'status', 'id']);

function tableName(node: OperationNode | undefined): string | undefined {
  if (!node) return undefined;
  if (TableNode.is(node)) return node.table.identifier.name;
  if (AliasNode.is(node)) return tableName(node.node);
  if (FromNode.is(node)) return tableName(node.froms[0]);
  return undefined;
}

function updatedColumns(node: UpdateQueryNode): string[] {
  return (node.updates ?? []).map((u) => (ColumnNode.is(u.column) ? u.column.column.name : ''));
}

const RAW_WRITE = /\b(update|delete|insert|truncate|drop|alter)\b/i;
const RAW_TABLES = /\b(sessions|users|user_missions)\b/i;

/** Whether a statement can change the outcome of resolving some session. */
export function changesSessions(node: RootOperationNode): boolean {
  if (DeleteQueryNode.is(node)) {
    const table = tableName(node.from);
    return table === 'sessions' || table === 'users' || table === 'user_missions';
  }
  if (UpdateQueryNode.is(node)) {
    const table = tableName(node.table);
    if (table === 'user_missions') return true;
    // The cache keeps last_seen_at itself; only this process's own touch writes it alone.
    if (table === 'sessions') return updatedColumns(node).some((c) => c !== 'last_seen_at');
    if (table === 'users') return updatedColumns(node).some((c) => USER_COLUMNS.has(c));
    return false;
  }
  if (InsertQueryNode.is(node)) {
    // A new session is not cached yet; a new mission of a user changes what the user may do, and an upsert
    // of a user may change an existing one.
    const table = tableName(node.into);
    return table === 'user_missions' || (table === 'users' && node.onConflict !== undefined);
  }
  if (RawNode.is(node)) {
    const text = node.sqlFragments.join(' ');
    return RAW_WRITE.test(text) && RAW_TABLES.test(text);
  }
  return false;
}

/**
 * Watches the statements of one Kysely instance: any that can change a session's outcome empties the cache
 * before it runs and once more after it ran (registered in db/connect.ts, so every module's writes count).
 */
export class SessionCacheWatch implements KyselyPlugin {
  readonly #pending = new WeakSet<QueryId>();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (changesSessions(args.node)) {
      forgetAllSessions();
      this.#pending.add(args.queryId);
    }
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (this.#pending.has(args.queryId)) {
      this.#pending.delete(args.queryId);
      forgetAllSessions();
    }
    return args.result;
  }
}
