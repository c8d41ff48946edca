import { hash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import { isoAt, isoNow, newId } from '../clock.ts';
import type { Database } from '../db/schema.ts';
import type { App } from './app-types.ts';
import {
  completeIdempotencyKey,
  deleteIdempotencyKey,
  findIdempotencyKey,
  type IdempotencyRecord,
  insertIdempotencyKey,
  takeOverIdempotencyKey,
} from './idempotency.repo.ts';
import { ProblemError } from './problem.ts';
import { addRouteHook } from './route-hooks.ts';

// The Idempotency-Key request header (draft-ietf-httpapi-idempotency-key-header; decision 0010). A route opts in
// with `config: { idempotent: true }` and runs its change through `idempotently()`, which stores the response in
// the change's own transaction. The key stays optional: a request without one runs as it always did.

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'idempotent-replayed';
/** How long a key is remembered; the maintenance job purges older records. */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;
/**
 * How long an in-flight claim holds before a retry may take it over. A holder that crashed committed nothing
 * (the response is stored with the change), and a slow holder that lost its claim cannot commit.
 */
export const CLAIM_LEASE_MS = 2 * 60_000;

const VISIBLE = /^[\x21-\x7e]{1,255}$/;
const SF_STRING = /^"((?:[\x20\x21\x23-\x5b\x5d-\x7e]|\\["\\])*)"$/;

/**
 * The key of an Idempotency-Key header value: the draft's sf-string (`"…"`), or the bare value many clients
 * send. Null unless it is 1 to 255 visible ASCII characters.
 */
export function parseIdempotencyKey(header: string | string[] | undefined): string | null {
  if (typeof header !== 'string') return null;
  const value = header.trim();
  const quoted = SF_STRING.exec(value);
  if (value.startsWith('"') && !quoted) return null; // a broken sf-string is not a bare key
  const key = quoted ? (quoted[1] ?? '').replace(/\\(["\\])/g, '$1') : value;
  return VISIBLE.test(key) ? key : null;
}

/**
 * Same JSON value, same text: object keys sorted (by UTF-16 code units), so a client that reorders fields is not
 * refused. The text must never change: stored fingerprints are compared with new ones.
 */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  let out = '{';
  for (const key of Object.keys(record).sort()) {
    const item = record[key];
    if (item === undefined) continue;
    out += `${out.length > 1 ? ',' : ''}${JSON.stringify(key)}:${canonicalJson(item)}`;
  }
  return `${out}}`;
}

/** What makes two requests "the same": method, path with its parameters and query, and the body. */
export function requestFingerprint(method: string, url: string, body: unknown): string {
  // One-shot hashing: the same digest as createHash().update().digest(), without a Hash object per request.
  return hash('sha256', `${method} ${url}\n${canonicalJson(body ?? null)}`, 'base64url');
}

interface Claim {
  scope: string;
  key: string;
  claim: string;
  done: boolean;
}

type Outcome = { claimed: Claim } | { replay: IdempotencyRecord };

async function claimKey(db: Kysely<Database>, request: FastifyRequest, key: string): Promise<Outcome> {
  const scope = request.user?.id ?? 'anonymous';
  const fingerprint = requestFingerprint(request.method, request.url, request.body);
  const now = isoNow();
  const claim = newId();
  const row: IdempotencyRecord = {
    scope,
    key,
    method: request.method,
    route: request.routeOptions.url ?? request.url,
    fingerprint,
    claim,
    claimedAt: now,
    status: null,
    response: null,
    createdAt: now,
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await insertIdempotencyKey(db, row)) return { claimed: { scope, key, claim, done: false } };
    const existing = await findIdempotencyKey(db, scope, key);
    if (!existing) continue; // purged or released in between: claim it afresh
    if (existing.createdAt < isoAt(-IDEMPOTENCY_TTL_MS)) {
      await deleteIdempotencyKey(db, existing, false); // expired, not yet purged
      continue;
    }
    if (existing.fingerprint !== fingerprint) {
      throw new ProblemError(422, 'idempotency_key_reused', 'this key was sent with a different request');
    }
    if (existing.status !== null) return { replay: existing };
    if (existing.claimedAt < isoAt(-CLAIM_LEASE_MS) && (await takeOverIdempotencyKey(db, existing, claim, now))) {
      return { claimed: { scope, key, claim, done: false } };
    }
    const again = await findIdempotencyKey(db, scope, key);
    if (again?.status != null && again.fingerprint === fingerprint) return { replay: again };
    throw new ProblemError(409, 'idempotency_key_in_flight', 'a request with this key is still being processed');
  }
  throw new ProblemError(409, 'idempotency_key_in_flight', 'a request with this key is still being processed');
}

/**
 * Installs the mechanism: before an opted-in handler runs (after authentication and validation), a key is
 * checked and claimed, or the stored response replayed; after the response, a claim that stored nothing is
 * released, so a refused or failed request is evaluated afresh when retried.
 */
export function registerIdempotency(app: App): void {
  app.decorateRequest('idempotency', null);

  async function claim(request: FastifyRequest, reply: FastifyReply) {
    const header = request.headers[IDEMPOTENCY_HEADER];
    if (header === undefined) return;
    const key = parseIdempotencyKey(header);
    if (key === null) throw new ProblemError(400, 'idempotency_key_invalid', 'use 1 to 255 visible characters');
    const outcome = await claimKey(app.ctx.db, request, key);
    if ('claimed' in outcome) {
      request.idempotency = outcome.claimed;
      return;
    }
    const { status, response } = outcome.replay;
    reply.header(REPLAYED_HEADER, 'true').code(status ?? 200);
    // The stored value is what the handler returned; the route's serializer renders it as it did the first time.
    return reply.send(response === null ? undefined : JSON.parse(response));
  }

  async function release(request: FastifyRequest) {
    const claim = request.idempotency;
    if (claim && !claim.done) await deleteIdempotencyKey(app.ctx.db, claim, true);
  }

  // Only the routes that opted in get the hooks. A group-committed route claims its key inside its own unit of
  // work (idempotentlyGrouped).
  app.addHook('onRoute', (route) => {
    if (!route.config?.idempotent || route.config.groupCommit) return;
    addRouteHook(route, 'preHandler', claim);
    addRouteHook(route, 'onResponse', release);
  });
}

/**
 * Runs an opted-in route's change and, when the request carries a key, stores `status` and the returned body
 * in the same transaction, so a retry either finds the response or finds nothing was done. Only 2xx answers
 * reach here; a thrown problem rolls the change back and the key is released.
 */
export async function idempotently<T>(
  request: FastifyRequest,
  db: Kysely<Database>,
  status: number,
  work: (db: Kysely<Database>) => Promise<T>,
): Promise<T> {
  const claim = request.idempotency;
  if (!claim || status < 200 || status > 299) return work(db);
  const result = await db.transaction().execute(async (trx: Transaction<Database>) => {
    const value = await work(trx);
    if (!(await completeIdempotencyKey(trx, claim, status, JSON.stringify(value ?? null)))) {
      throw new ProblemError(409, 'idempotency_key_in_flight', 'this request lost its claim on the key');
    }
    return value;
  });
  claim.done = true;
  return result;
}

/** A route's answer: fresh, or the one stored for an earlier request with the same key. */
export interface IdempotentAnswer<T> {
  status: number;
  body: T;
  replayed: boolean;
}

/**
 * The group-commit form of `idempotently()` (decision 0012), for routes with `config: { idempotent: true,
 * groupCommit: true }`. The key's claim, the change and the stored answer are one unit of the commit batch,
 * so an Idempotency-Key costs no commit of its own: the claim is inserted first (a concurrent twin waits on
 * it on PostgreSQL; SQLite's single writer runs units one at a time), and a refused change rolls the claim
 * back with it. Send the answer with `sendIdempotentAnswer`.
 */
export async function idempotentlyGrouped<T>(
  request: FastifyRequest,
  run: <R>(unit: (trx: Transaction<Database>) => Promise<R>) => Promise<R>,
  status: number,
  work: (trx: Transaction<Database>) => Promise<T>,
  /** What identifies the request's content when the body is not JSON (e.g. a file's name and digest). */
  fingerprintOf: unknown = request.body,
): Promise<IdempotentAnswer<T>> {
  const header = request.headers[IDEMPOTENCY_HEADER];
  if (header === undefined) return { status, body: await run(work), replayed: false };
  const key = parseIdempotencyKey(header);
  if (key === null) throw new ProblemError(400, 'idempotency_key_invalid', 'use 1 to 255 visible characters');
  const scope = request.user?.id ?? 'anonymous';
  const fingerprint = requestFingerprint(request.method, request.url, fingerprintOf);
  return run(async (trx): Promise<IdempotentAnswer<T>> => {
    const now = isoNow();
    const row: IdempotencyRecord = {
      scope,
      key,
      method: request.method,
      route: request.routeOptions.url ?? request.url,
      fingerprint,
      claim: newId(),
      claimedAt: now,
      status: null,
      response: null,
      createdAt: now,
    };
    for (let attempt = 0; attempt < 2; attempt++) {
      if (await insertIdempotencyKey(trx, row)) {
        const body = await work(trx);
        await completeIdempotencyKey(trx, row, status, JSON.stringify(body ?? null));
        return { status, body, replayed: false };
      }
      const existing = await findIdempotencyKey(trx, scope, key);
      if (!existing) continue;
      if (existing.createdAt < isoAt(-IDEMPOTENCY_TTL_MS)) {
        await deleteIdempotencyKey(trx, existing, false);
        continue;
      }
      if (existing.fingerprint !== fingerprint) {
        throw new ProblemError(422, 'idempotency_key_reused', 'this key was sent with a different request');
      }
      if (existing.status !== null) {
        // The stored value is what the handler returned; the route's serializer renders it again.
        const body = (existing.response === null ? null : JSON.parse(existing.response)) as T;
        return { status: existing.status, body, replayed: true };
      }
      break;
    }
    throw new ProblemError(409, 'idempotency_key_in_flight', 'a request with this key is still being processed');
  });
}

/** Sends an answer of `idempotentlyGrouped`, marking a replay as `idempotently` does. */
export function sendIdempotentAnswer<T>(reply: FastifyReply, answer: IdempotentAnswer<T>): FastifyReply {
  if (answer.replayed) reply.header(REPLAYED_HEADER, 'true');
  return reply.code(answer.status).send(answer.body);
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route's change runs through the group committer; its Idempotency-Key is claimed inside it. */
    groupCommit?: boolean;
    /** Honour an Idempotency-Key header on this route (decision 0010); the handler uses idempotently(). */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    /** The key this request claimed, when it sent one to an opted-in route. */
    idempotency: Claim | null;
  }
}

/**
 * The OpenAPI view of a route that accepts an Idempotency-Key: the header added to its documented headers. Only the
 * document changes; the header is checked by the route's hooks (400 idempotency_key_invalid), not by a schema.
 */
export function withIdempotencyKeyDocumented<S extends { headers?: unknown }>(schema: S): S {
  const headers = (schema.headers ?? { type: 'object', properties: {} }) as {
    type?: string;
    properties?: Record<string, unknown>;
  };
  return {
    ...schema,
    headers: {
      ...headers,
      type: 'object',
      properties: {
        ...headers.properties,
        [IDEMPOTENCY_HEADER]: {
          type: 'string',
          description:
            'Optional: 1 to 255 visible characters, bare or as a quoted string, made once per intended change ' +
            '(e.g. a UUID) and sent again on every retry. A repeat within 24 hours gets the first answer back ' +
            '(with Idempotent-Replayed: true) and changes nothing.',
        },
      },
    },
  };
}
