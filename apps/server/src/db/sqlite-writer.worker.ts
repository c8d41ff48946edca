// The SQLite write connection of a SqliteWriter (sqlite-writer.ts), on a thread of its own: each message is one
// transaction, committed under synchronous=FULL before the answer goes back, so the fsync of the commit blocks
// this thread instead of the server's event loop.
import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { configureConnection } from './dialect/sqlite.ts';
import { BUSY_WAIT_MS } from './dialect/sqlite-driver.ts';
import type { WriterReply, WriterRequest } from './sqlite-writer.ts';

const port = parentPort;
if (!port) throw new Error('sqlite-writer.worker runs only as a worker thread');
const { path } = workerData as { path: string };

const raw = new SQLite(path);
// The connection settings of openSqlite; waiting for the write lock blocks this thread only.
configureConnection(raw, { busyTimeoutMs: BUSY_WAIT_MS });

const statements = new Map<string, SQLite.Statement>();
function prepared(sql: string): SQLite.Statement {
  let statement = statements.get(sql);
  if (!statement) {
    statement = raw.prepare(sql);
    if (statements.size >= 200) statements.clear();
    statements.set(sql, statement);
  }
  return statement;
}

port.on('message', (request: WriterRequest) => {
  let reply: WriterReply;
  try {
    // IMMEDIATE: the write lock is taken at once (waiting out busy_timeout) instead of at the first write.
    raw.exec('BEGIN IMMEDIATE');
    try {
      const results: unknown[][] = [];
      for (const query of request.queries) {
        const statement = prepared(query.sql);
        if (statement.reader) results.push(statement.all(...query.parameters));
        else {
          statement.run(...query.parameters);
          results.push([]);
        }
      }
      raw.exec('COMMIT');
      reply = { id: request.id, ok: true, results };
    } catch (error) {
      if (raw.inTransaction) raw.exec('ROLLBACK');
      throw error;
    }
  } catch (error) {
    const failure = error as { message?: string; code?: string };
    reply = { id: request.id, ok: false, message: failure.message ?? String(error), code: failure.code ?? null };
  }
  port.postMessage(reply);
});

port.on('close', () => raw.close());
