// The connection of a thread-backed SQLite handle (sqlite-thread.ts): runs each statement it is sent on a
// connection of its own and answers with the rows, so the statement's work (and SQLite's waiting for the write
// lock) happens on this thread while the event loop that sent it goes on.
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { configureConnection, withStatementCache } from './sqlite.ts';
import { BUSY_WAIT_MS } from './sqlite-driver.ts';
import type { ThreadReply, ThreadRequest } from './sqlite-thread.ts';

const port = parentPort;
if (!port) throw new Error('sqlite-thread.worker runs only as a worker thread');
const { path } = workerData as { path: string };

// Values cross threads by structured clone, which turns a Buffer into a plain Uint8Array: blobs are made Buffers
// again for better-sqlite3 (and on the way back by the caller).
const toBindable = (value: unknown) =>
  value instanceof Uint8Array && !Buffer.isBuffer(value)
    ? Buffer.from(value.buffer, value.byteOffset, value.byteLength)
    : value;

let raw: SQLite.Database;
try {
  raw = new SQLite(path);
  // The connection settings of openSqlite; waiting for the write lock blocks this thread only.
  configureConnection(raw, { busyTimeoutMs: BUSY_WAIT_MS });
} catch (error) {
  port.postMessage({ id: 0, ok: false, message: (error as Error).message, code: null } satisfies ThreadReply);
  throw error;
}
port.postMessage({ id: 0, ok: true, rows: [] } satisfies ThreadReply);
// Prepared statements kept by SQL text, as on the process's own connection.
const statements = withStatementCache(raw);

port.on('message', (request: ThreadRequest) => {
  let reply: ThreadReply;
  try {
    const statement = statements.prepare(request.sql);
    const parameters = request.parameters.map(toBindable);
    if (statement.reader) reply = { id: request.id, ok: true, rows: statement.all(parameters) };
    else {
      const { changes, lastInsertRowid } = statement.run(parameters);
      reply = {
        id: request.id,
        ok: true,
        rows: [],
        changes: Number(changes),
        lastInsertRowid: BigInt(lastInsertRowid),
      };
    }
  } catch (error) {
    const failure = error as { message?: string; code?: string };
    reply = { id: request.id, ok: false, message: failure.message ?? String(error), code: failure.code ?? null };
  }
  port.postMessage(reply);
});

port.on('close', () => raw.close());
