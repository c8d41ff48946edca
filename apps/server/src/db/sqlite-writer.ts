import { Worker } from 'node:worker_threads';
import type { CompiledQuery } from 'kysely';

/** One transaction for the writer thread: the queries run in order, then COMMIT. */
export interface WriterRequest {
  id: number;
  queries: { sql: string; parameters: readonly unknown[] }[];
}

export type WriterReply =
  | { id: number; ok: true; results: unknown[][] }
  | { id: number; ok: false; message: string; code: string | null };

/** A failed transaction of the writer thread: nothing of it was stored. */
export class SqliteWriterError extends Error {
  readonly code: string | null;
  constructor(message: string, code: string | null) {
    super(message);
    this.name = 'SqliteWriterError';
    this.code = code;
  }
}

export interface SqliteWriter {
  /**
   * Runs the queries in one transaction on the writer thread's own connection and resolves, once committed
   * (durable under synchronous=FULL), with each query's rows (RETURNING); rejects with SqliteWriterError after a
   * rollback.
   */
  transaction(queries: readonly CompiledQuery[]): Promise<unknown[][]>;
  /** Waits for the transactions sent so far, then stops the thread; later calls are refused. */
  close(): Promise<void>;
  /** Whether the thread died (an error or an exit not asked for): every later transaction is refused. */
  readonly broken: boolean;
}

/**
 * A second SQLite connection on a worker thread, for the writes that matter most under load (decision 0028): its
 * COMMIT, and the fsync that synchronous=FULL makes part of it, block the worker instead of the event loop, which
 * meanwhile reads, validates and answers other requests. Both connections write the same file in WAL mode;
 * SQLite lets one write at a time (the other waits out busy_timeout).
 */
export function startSqliteWriter(path: string): SqliteWriter {
  // The entry registers tsx and then loads the TypeScript worker, as bin/homeward.js starts the server.
  const worker = new Worker(new URL('./sqlite-writer.worker.boot.mjs', import.meta.url), { workerData: { path } });
  // Not keeping the process alive by itself: the server's sockets and timers do that.
  worker.unref();
  const waiting = new Map<number, { resolve(results: unknown[][]): void; reject(error: unknown): void }>();
  let nextId = 1;
  let closed = false;
  let failure: Error | null = null;

  const failAll = (error: Error) => {
    failure = error;
    for (const entry of waiting.values()) entry.reject(error);
    waiting.clear();
  };
  worker.on('message', (reply: WriterReply) => {
    const entry = waiting.get(reply.id);
    if (!entry) return;
    waiting.delete(reply.id);
    if (reply.ok) entry.resolve(reply.results);
    else entry.reject(new SqliteWriterError(reply.message, reply.code));
  });
  worker.on('error', (error) => failAll(error));
  worker.on('exit', (code) => failAll(new Error(`the SQLite writer thread stopped (exit code ${code})`)));

  return {
    get broken() {
      return failure !== null && !closed;
    },
    transaction(queries) {
      if (closed) return Promise.reject(new Error('the SQLite writer is closed'));
      if (failure) return Promise.reject(failure);
      const id = nextId++;
      return new Promise<unknown[][]>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        const request: WriterRequest = {
          id,
          queries: queries.map((query) => ({ sql: query.sql, parameters: query.parameters })),
        };
        worker.postMessage(request);
      });
    },
    async close() {
      closed = true;
      while (waiting.size > 0 && !failure) {
        await new Promise<void>((resolve) => setTimeout(resolve, 5));
      }
      await worker.terminate();
    },
  };
}
