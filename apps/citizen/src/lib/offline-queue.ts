import { readAnswer } from '@homeward/shared';
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { Category } from '../features/help/help-request.model.ts';

// Help requests wait on this phone until the server has them (issue 5: "works offline"). Each request and each
// of its files carries its own Idempotency-Key, kept with it in IndexedDB, so a retry after a lost answer, a
// reload or a second tab never opens a second case (decision 0010). No React and no i18next here: the page and
// the service worker's Background Sync both run this sender.

/** The body of POST /api/v1/help-requests, as the form built it. */
export interface HelpRequestBody {
  category: Category;
  urgency: 'life_threatening' | 'urgent' | 'routine';
  forSelf: boolean;
  reporterRelation?: string;
  subjectName: string;
  subjectPhone?: string;
  contactPhone: string;
  description: string;
  location: {
    country: string;
    region?: string;
    cityId?: number;
    label?: string;
    lat?: number;
    lon?: number;
    preciseConsent?: boolean;
    source: 'geolocation' | 'search' | 'registry';
  };
}

/** What the server said no to: kept to show the person the reason next to their request. */
export interface QueueProblem {
  status: number;
  code: string | null;
  title: string;
  errors: { field: string; message: string }[];
}

export interface QueuedFile {
  /** Idempotency-Key of this upload. */
  key: string;
  name: string;
  type: string;
  size: number;
  blob: Blob;
  state: 'waiting' | 'sent' | 'refused';
  problem: QueueProblem | null;
}

export type QueuedState =
  /** Waiting for the network (or for the next try after a server error). */
  | 'waiting'
  /** The server answered 401: sent once the person signs in again. */
  | 'sign_in'
  /** The server refused the request itself (4xx), or could not open a case from it: change it or remove it. */
  | 'refused'
  /**
   * The ministry has the request on disk (202, decision 0012): nothing waits on this phone but its files; the
   * case number follows, asked for at GET /api/v1/help-requests/:id.
   */
  | 'received'
  /** The case exists and every file was sent or refused. */
  | 'sent';

export interface QueuedRequest {
  /** Local id, also the Idempotency-Key of the request itself (one key per request, kept across reloads). */
  id: string;
  body: HelpRequestBody;
  files: QueuedFile[];
  /** The UI language when it was written: the server localizes its answer and the case's first mails by it. */
  locale: string;
  /** The chosen town's name, to show the request (and change it) without asking the server. */
  cityName: string | null;
  createdAt: number;
  state: QueuedState;
  attempts: number;
  nextAttemptAt: number;
  problem: QueueProblem | null;
  /** The server's id of the request once received (absent in requests saved before there was one). */
  received?: { id: string; receivedAt: string } | null;
  case: { id: string; number: string; missionCode: string; status: string } | null;
  sentAt: number | null;
}

interface QueueDb extends DBSchema {
  requests: { key: string; value: QueuedRequest; indexes: { createdAt: number } };
}

const DB_NAME = 'homeward-help';
const CHANNEL = 'homeward-help-queue';
/** The Background Sync tag: the service worker (sw.ts) sends the queue when the browser fires it. */
export const SYNC_TAG = 'homeward-help-queue';
/** Retries after a server error or no network: 2 s, 4 s, 8 s … at most 5 minutes apart. */
const BASE_DELAY_MS = 2_000;
const MAX_DELAY_MS = 5 * 60_000;

let dbPromise: Promise<IDBPDatabase<QueueDb>> | null = null;

function db(): Promise<IDBPDatabase<QueueDb>> {
  dbPromise ??= openDB<QueueDb>(DB_NAME, 1, {
    upgrade(database) {
      const store = database.createObjectStore('requests', { keyPath: 'id' });
      store.createIndex('createdAt', 'createdAt');
    },
  });
  return dbPromise;
}

/** A random UUID; crypto.randomUUID exists only in secure contexts, getRandomValues everywhere. */
export function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** How long to wait before try number `attempts + 1`, with jitter so many phones coming back do not knock at once. */
export function retryDelay(attempts: number, random = Math.random()): number {
  const exponential = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(exponential * (0.75 + random * 0.5));
}

// ---- change notices: this tab's listeners and the other tabs (and the service worker) ----

const listeners = new Set<() => void>();
let channel: BroadcastChannel | null = null;

function broadcast(): BroadcastChannel | null {
  if (channel || typeof BroadcastChannel === 'undefined') return channel;
  channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = () => {
    for (const listener of listeners) listener();
  };
  return channel;
}

function changed(): void {
  for (const listener of listeners) listener();
  broadcast()?.postMessage('changed');
}

/** Calls `listener` after every change to the queue, in this tab or another. */
export function subscribeQueue(listener: () => void): () => void {
  broadcast();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// ---- the store ----

/** Newest first. */
export async function listQueued(): Promise<QueuedRequest[]> {
  const all = await (await db()).getAllFromIndex('requests', 'createdAt');
  return all.reverse();
}

export async function getQueued(id: string): Promise<QueuedRequest | undefined> {
  return (await db()).get('requests', id);
}

/**
 * Saves a new request and its files on this phone. The caller then asks for a flush; nothing is sent here, so
 * the request is safe even if the page closes the next moment.
 */
export async function enqueueHelpRequest(
  body: HelpRequestBody,
  files: readonly File[],
  { locale, cityName }: { locale: string; cityName: string | null },
): Promise<QueuedRequest> {
  const now = Date.now();
  const request: QueuedRequest = {
    id: newKey(),
    body,
    files: files.map((file) => ({
      key: newKey(),
      name: file.name,
      type: file.type,
      size: file.size,
      // A File is a Blob; IndexedDB stores it by structured clone.
      blob: file,
      state: 'waiting',
      problem: null,
    })),
    locale,
    cityName,
    createdAt: now,
    state: 'waiting',
    attempts: 0,
    nextAttemptAt: now,
    problem: null,
    received: null,
    case: null,
    sentAt: null,
  };
  await (await db()).put('requests', request);
  changed();
  return request;
}

/**
 * A refused request, corrected by the person: the refused one created nothing on the server, so the corrected
 * one gets a new key (the old key would be answered "used with another body").
 */
export async function replaceRefused(
  id: string,
  body: HelpRequestBody,
  files: readonly File[],
  meta: { locale: string; cityName: string | null },
): Promise<QueuedRequest> {
  const database = await db();
  const old = await database.get('requests', id);
  if (old && old.state !== 'refused') throw new Error('only a refused request can be changed');
  const next = await enqueueHelpRequest(body, files, meta);
  await database.delete('requests', id);
  changed();
  return next;
}

export async function removeQueued(id: string): Promise<void> {
  await (await db()).delete('requests', id);
  changed();
}

/** Forgets a refused file of a sent request, so the request shows as done. */
export async function dismissRefusedFiles(id: string): Promise<void> {
  await update(id, (request) => ({ ...request, files: request.files.filter((f) => f.state !== 'refused') }));
}

async function update(id: string, change: (request: QueuedRequest) => QueuedRequest): Promise<QueuedRequest | null> {
  const database = await db();
  const tx = database.transaction('requests', 'readwrite');
  const current = await tx.store.get(id);
  if (!current) {
    await tx.done;
    return null;
  }
  const next = change(current);
  await tx.store.put(next);
  await tx.done;
  changed();
  return next;
}

// ---- the sender ----

export type Outcome<T> =
  | { kind: 'ok'; value: T }
  | { kind: 'refused'; problem: QueueProblem }
  | { kind: 'sign_in' }
  /** No network, a server error, a timeout, or the same key still in flight (409): try again later. */
  | { kind: 'retry' };

function toProblem(status: number, data: unknown): QueueProblem {
  const value = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const errors = Array.isArray(value.errors)
    ? value.errors.flatMap((e: unknown) => {
        const item = (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown>;
        return typeof item.field === 'string' && typeof item.message === 'string'
          ? [{ field: item.field, message: item.message }]
          : [];
      })
    : [];
  return {
    status,
    code: typeof value.code === 'string' ? value.code : null,
    title: typeof value.title === 'string' ? value.title : `HTTP ${status}`,
    errors,
  };
}

/** One try of a queued write (or a status read): what the queue does next follows from the outcome. */
export async function sendQueued<T>(
  path: string,
  init: RequestInit,
  key: string | null,
  locale: string,
): Promise<Outcome<T>> {
  const headers = new Headers(init.headers);
  headers.set('Accept', 'application/json');
  headers.set('Accept-Language', locale);
  headers.set('X-Requested-With', 'homeward');
  if (key !== null) headers.set('Idempotency-Key', `"${key}"`);
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers, credentials: 'same-origin' });
  } catch {
    return { kind: 'retry' };
  }
  // A success whose body was cut short is tried again: the same Idempotency-Key gets the stored answer.
  const answer = await readAnswer(response);
  if (answer === null) return { kind: 'retry' };
  const data = answer.data;
  if (response.ok) return { kind: 'ok', value: data as T };
  if (response.status === 401) return { kind: 'sign_in' };
  // 408 timeout, 409 "this key is still being worked on", 429 slow down, 5xx: the same request may succeed later.
  if (response.status === 408 || response.status === 409 || response.status === 429 || response.status >= 500) {
    return { kind: 'retry' };
  }
  return { kind: 'refused', problem: toProblem(response.status, data) };
}

/** POST /api/v1/help-requests (202 received, 201 when a retry finds the case) and GET /api/v1/help-requests/:id. */
interface RequestStatus {
  request: { id: string; state: 'received' | 'opened' | 'failed'; receivedAt: string; problem: unknown };
  case: { id: string; number: string; missionCode: string; status: string } | null;
}

/** How long to wait before asking again for the case of a received request: 1 s, 2 s … at most 10 s. */
export function pollDelay(polls: number): number {
  return Math.min(10_000, 1_000 * Math.max(1, polls));
}

/**
 * Takes the server's word on a request: its case (opened), the problem (the case could not be opened: the
 * person changes or removes the request), or received (ask again shortly). Returns the saved request when it
 * has its case, null otherwise.
 */
async function settle(id: string, status: RequestStatus): Promise<QueuedRequest | null> {
  const { request, case: opened } = status;
  if (opened) {
    return update(id, (r) => ({
      ...r,
      received: { id: request.id, receivedAt: request.receivedAt },
      case: { id: opened.id, number: opened.number, missionCode: opened.missionCode, status: opened.status },
      attempts: 0,
      problem: null,
    }));
  }
  if (request.state === 'failed') {
    const given = request.problem as { status?: unknown } | null;
    const problem = toProblem(typeof given?.status === 'number' ? given.status : 422, request.problem);
    await update(id, (r) => ({
      ...r,
      state: 'refused',
      received: { id: request.id, receivedAt: request.receivedAt },
      problem,
    }));
    return null;
  }
  await update(id, (r) => {
    const polls = r.state === 'received' ? r.attempts + 1 : 1;
    return {
      ...r,
      state: 'received',
      received: { id: request.id, receivedAt: request.receivedAt },
      attempts: polls,
      nextAttemptAt: Date.now() + pollDelay(polls),
      problem: null,
    };
  });
  return null;
}

/** RFC 8187-style percent-encoding of a UTF-8 file name, for a header that must stay ASCII. */
export function encodeFileName(name: string): string {
  return encodeURIComponent(name);
}

/** Uploads one file to a case now (the case page's "Send files"); the key makes a retry harmless. */
export function uploadAttachment(
  caseId: string,
  file: { name: string; type: string; blob: Blob },
  key: string,
  locale: string,
): Promise<Outcome<unknown>> {
  return sendQueued<unknown>(
    `/api/v1/cases/${encodeURIComponent(caseId)}/attachments`,
    {
      method: 'POST',
      headers: { 'Content-Type': file.type || 'application/octet-stream', 'X-File-Name': encodeFileName(file.name) },
      body: file.blob,
    },
    key,
    locale,
  );
}

/** Sends one request, then its files; returns true when it needs another try later. */
async function sendOne(item: QueuedRequest): Promise<boolean> {
  let current = item;
  if (!current.case) {
    const received = current.received;
    const outcome = received
      ? await sendQueued<RequestStatus>(
          `/api/v1/help-requests/${encodeURIComponent(received.id)}`,
          { method: 'GET' },
          null,
          current.locale,
        )
      : await sendQueued<RequestStatus>(
          '/api/v1/help-requests',
          { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(current.body) },
          current.id,
          current.locale,
        );
    if (outcome.kind === 'retry') return backOff(current.id);
    if (outcome.kind === 'sign_in') {
      await update(current.id, (r) => ({ ...r, state: 'sign_in' }));
      return false;
    }
    if (outcome.kind === 'refused') {
      await update(current.id, (r) => ({ ...r, state: 'refused', problem: outcome.problem }));
      return false;
    }
    // Received: the request is safe with the ministry; its files go once the case exists.
    const saved = await settle(current.id, outcome.value);
    if (!saved) return false;
    current = saved;
  }
  const caseId = current.case?.id;
  if (!caseId) return false;
  for (const file of current.files) {
    if (file.state !== 'waiting') continue;
    const outcome = await uploadAttachment(caseId, file, file.key, current.locale);
    if (outcome.kind === 'retry') return backOff(current.id);
    if (outcome.kind === 'sign_in') {
      await update(current.id, (r) => ({ ...r, state: 'sign_in' }));
      return false;
    }
    const next: QueuedFile['state'] = outcome.kind === 'ok' ? 'sent' : 'refused';
    const problem = outcome.kind === 'refused' ? outcome.problem : null;
    await update(current.id, (r) => ({
      ...r,
      files: r.files.map((f) => (f.key === file.key ? { ...f, state: next, problem } : f)),
    }));
  }
  // The files are on the server now; keep only their names and sizes, the phone's storage is small.
  await update(current.id, (r) => ({
    ...r,
    state: 'sent',
    sentAt: Date.now(),
    problem: null,
    files: r.files.map((f) => (f.state === 'sent' ? { ...f, blob: new Blob([]) } : f)),
  }));
  return false;
}

async function backOff(id: string): Promise<boolean> {
  await update(id, (r) => ({
    ...r,
    // A received request stays received: only asking for its case number failed.
    state: r.received && !r.case ? 'received' : 'waiting',
    attempts: r.attempts + 1,
    nextAttemptAt: Date.now() + retryDelay(r.attempts + 1),
  }));
  return true;
}

let flushing: Promise<void> | null = null;
/** A flush was asked for while one ran (a request queued meanwhile): run once more after it. */
let again: { force: boolean } | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;

function askedAgain(): boolean | null {
  return again ? again.force : null;
}

/**
 * Sends what is due. `force` (the network came back, the app started, the person pressed "Try now") ignores the
 * back-off and retries requests that waited for a sign-in. One flush at a time in this tab, and one across tabs
 * and the service worker where the Web Locks API exists; the keys make any overlap harmless anyway.
 */
export function flushQueue({ force = false }: { force?: boolean } = {}): Promise<void> {
  if (flushing) {
    again = { force: force || (again?.force ?? false) };
    return flushing;
  }
  flushing = (async () => {
    let nextForce: boolean | null = force;
    try {
      while (nextForce !== null) {
        const f = nextForce;
        again = null;
        const run = () => flushDue(f);
        if (typeof navigator !== 'undefined' && 'locks' in navigator) {
          await navigator.locks.request(CHANNEL, run);
        } else {
          await run();
        }
        nextForce = askedAgain();
      }
    } finally {
      flushing = null;
    }
  })();
  return flushing;
}

/** Sent requests stay listed on this phone for a while (their case is in "My help requests" anyway). */
const KEEP_SENT_MS = 30 * 24 * 3_600_000;

async function flushDue(force: boolean): Promise<void> {
  const now = Date.now();
  const items = (await listQueued()).reverse(); // oldest first: the first cry for help goes first
  const database = await db();
  for (const old of items.filter((r) => r.state === 'sent' && (r.sentAt ?? now) < now - KEEP_SENT_MS)) {
    await database.delete('requests', old.id);
  }
  for (const item of items) {
    if (item.state === 'sent' || item.state === 'refused') continue;
    if (item.state === 'sign_in' && !force) continue;
    // A received request only asks for its case number: not before its time, even when forced (no hammering).
    if (item.state === 'received' && item.nextAttemptAt > now) continue;
    if (!force && item.nextAttemptAt > now) continue;
    // A network failure on one request means the others would fail too: stop and wait.
    if (await sendOne(item)) break;
  }
  scheduleNext();
}

/** In a page: wakes the sender when the earliest back-off ends. */
async function scheduleNextAsync(): Promise<void> {
  if (timer) clearTimeout(timer);
  timer = null;
  const waiting = (await listQueued()).filter((r) => r.state === 'waiting' || r.state === 'received');
  if (waiting.length === 0) return;
  const next = Math.min(...waiting.map((r) => r.nextAttemptAt));
  timer = setTimeout(() => void flushQueue(), Math.max(0, next - Date.now()));
}

function scheduleNext(): void {
  void scheduleNextAsync();
}

/** Whether a request still waits for the network (not for a sign-in or a change by the person). */
export async function hasWaiting(): Promise<boolean> {
  return (await listQueued()).some((r) => r.state === 'waiting');
}

/** How many requests still wait to be sent (for the "n waiting on this phone" line). */
export function pendingCount(items: readonly QueuedRequest[]): number {
  return items.filter((r) => r.state === 'waiting' || r.state === 'sign_in').length;
}
