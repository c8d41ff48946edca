// The connection of a thread-backed SQLite handle (sqlite-thread.ts): runs each statement it is sent on a
// connection of its own and answers with the rows, so the statement's work (and SQLite's waiting for the write
// lock) happens on this thread while the event loop that sent it goes on.
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
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
  // As openSqlite sets them (the file is in WAL mode already); waiting for the write lock blocks this thread only.
  raw.pragma('journal_mode = WAL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 5000');
  raw.pragma('synchronous = FULL');
  raw.pragma(`mmap_size = ${2 ** 30}`);
} catch (error) {
  port.postMessage({ id: 0, ok: false, message: (error as Error).message, code: null } satisfies ThreadReply);
  throw error;
}
port.postMessage({ id: 0, ok: true, rows: [] } satisfies ThreadReply);

/** Prepared statements by SQL text, the least recently used dropped beyond 1,000 (as the main connection keeps). */
const statements = new Map<string, SQLite.Statement>();
function prepared(sql: string): SQLite.Statement {
  let statement = statements.get(sql);
  if (statement) statements.delete(sql);
  else statement = raw.prepare(sql);
  statements.set(sql, statement);
  if (statements.size > 1000) statements.delete(statements.keys().next().value as string);
  return statement;
}

port.on('message', (request: ThreadRequest) => {
  let reply: ThreadReply;
  try {
    const statement = prepared(request.sql);
    const parameters = request.parameters.map(toBindable);
    if (statement.reader) reply = { id: request.id, ok: true, rows: statement.all(parameters) };
    else {
      const { changes, lastInsertRowid } = statement.run(parameters);
      reply = { id: request.id, ok: true, rows: [], changes, lastInsertRowid: BigInt(lastInsertRowid) };
    }
  } catch (error) {
    const failure = error as { message?: string; code?: string };
    reply = { id: request.id, ok: false, message: failure.message ?? String(error), code: failure.code ?? null };
  }
  port.postMessage(reply);
});

port.on('close', () => raw.close());
