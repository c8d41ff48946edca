import { Worker } from 'node:worker_threads';
import {
  CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';

/** One statement for the thread's connection. */
export interface ThreadRequest {
  id: number;
  sql: string;
  parameters: readonly unknown[];
}

export type ThreadReply =
  | { id: number; ok: true; rows: unknown[]; changes?: number; lastInsertRowid?: bigint }
  | { id: number; ok: false; message: string; code: string | null };

/** An error of the thread's connection, with SQLite's code (`SQLITE_CONSTRAINT_UNIQUE` …) as better-sqlite3 gives it. */
export class SqliteThreadError extends Error {
  readonly code: string | null;
  constructor(message: string, code: string | null) {
    super(message);
    this.name = 'SqliteError';
    this.code = code;
  }
}

// Blobs come back from the thread as plain Uint8Arrays; the rest of the code reads Buffers, as better-sqlite3 gives.
function withBuffers(rows: unknown[]): unknown[] {
  for (const row of rows) {
    if (!row || typeof row !== 'object') continue;
    const record = row as Record<string, unknown>;
    for (const key in record) {
      const value = record[key];
      if (value instanceof Uint8Array && !Buffer.isBuffer(value))
        record[key] = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    }
  }
  return rows;
}

/** The thread and its one connection: statements run in the order sent, each answered by id. */
class ThreadConnection implements DatabaseConnection {
  readonly #worker: Worker;
  readonly #waiting = new Map<number, { resolve(reply: ThreadReply): void; reject(error: Error): void }>();
  #nextId = 1;
  #failure: Error | null = null;
  readonly ready: Promise<void>;

  constructor(path: string) {
    this.#worker = new Worker(new URL('./sqlite-thread.worker.boot.mjs', import.meta.url), { workerData: { path } });
    // The process's sockets and timers keep it alive, not this thread.
    this.#worker.unref();
    this.ready = new Promise((resolve, reject) => this.#waiting.set(0, { resolve: () => resolve(), reject }));
    this.#worker.on('message', (reply: ThreadReply) => {
      const entry = this.#waiting.get(reply.id);
      if (!entry) return;
      this.#waiting.delete(reply.id);
      if (reply.ok) entry.resolve(reply);
      else entry.reject(new SqliteThreadError(reply.message, reply.code));
    });
    const fail = (error: Error) => {
      this.#failure = error;
      for (const entry of this.#waiting.values()) entry.reject(error);
      this.#waiting.clear();
    };
    this.#worker.on('error', fail);
    this.#worker.on('exit', (code) => fail(new Error(`the SQLite thread stopped (exit code ${code})`)));
  }

  #send(query: CompiledQuery): Promise<ThreadReply> {
    if (this.#failure) return Promise.reject(this.#failure);
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      this.#worker.postMessage({ id, sql: query.sql, parameters: query.parameters } satisfies ThreadRequest);
    });
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const reply = await this.#send(query);
    if (!reply.ok) throw new Error('unreachable: a refused statement rejects');
    if (reply.changes === undefined) return { rows: withBuffers(reply.rows) as R[] };
    return { rows: [], numAffectedRows: BigInt(reply.changes), insertId: reply.lastInsertRowid };
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize = 100): AsyncIterableIterator<QueryResult<R>> {
    // Whole results cross the thread at once; the caller still gets them chunk by chunk.
    const { rows } = await this.executeQuery<R>(query);
    for (let i = 0; i < rows.length; i += chunkSize) yield { rows: rows.slice(i, i + chunkSize) };
  }

  async close(): Promise<void> {
    await this.#worker.terminate();
  }
}

/** One statement or transaction at a time on the thread's one connection, as Kysely's own SQLite driver does. */
class ThreadDriver implements Driver {
  readonly #path: string;
  #connection: ThreadConnection | null = null;
  #queue: Promise<void> = Promise.resolve();
  #release: (() => void) | null = null;

  constructor(path: string) {
    this.#path = path;
  }

  async init(): Promise<void> {
    this.#connection = new ThreadConnection(this.#path);
    await this.#connection.ready;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.#queue;
    let release = () => {};
    this.#queue = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    if (!this.#connection) {
      release();
      throw new Error('the SQLite thread is not started');
    }
    this.#release = release;
    return this.#connection;
  }

  // IMMEDIATE, as on the process's own connection (sqlite-driver.ts); SQLite's busy handler waits on this thread.
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async savepoint(connection: DatabaseConnection, name: string) {
    await connection.executeQuery(savepoint('savepoint', name));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string) {
    await connection.executeQuery(savepoint('rollback to', name));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string) {
    await connection.executeQuery(savepoint('release', name));
  }

  async releaseConnection(): Promise<void> {
    const release = this.#release;
    this.#release = null;
    release?.();
  }

  async destroy(): Promise<void> {
    await this.#connection?.close();
    this.#connection = null;
  }
}

const savepoint = (command: 'savepoint' | 'rollback to' | 'release', name: string) =>
  CompiledQuery.raw(`${command} "${name.replaceAll('"', '""')}"`);

/**
 * A Kysely dialect whose statements run on a connection of a worker thread (decision 0033): the job worker's
 * handle on an SQLite file, so that SQLite's own work for an alert's recipients, fan-out and "sent" marks runs
 * beside the event loop that renders and sends the messages, on the machine's other core. The adapter, compiler and
 * introspector are Kysely's SQLite ones: to the code above, this is SQLite.
 */
export class SqliteThreadDialect implements Dialect {
  readonly #path: string;
  constructor(path: string) {
    this.#path = path;
  }
  createDriver(): Driver {
    return new ThreadDriver(this.#path);
  }
  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }
  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }
  // biome-ignore lint/suspicious/noExplicitAny: Kysely's own signature
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}
