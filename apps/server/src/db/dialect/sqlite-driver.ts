import type SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type QueryResult,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely';

/** How long a statement waits, in all, for another connection's write lock before SQLITE_BUSY is reported. */
export const BUSY_WAIT_MS = 5000;

const isBusy = (error: unknown) =>
  typeof (error as { code?: unknown })?.code === 'string' && (error as { code: string }).code.startsWith('SQLITE_BUSY');

/**
 * Runs `attempt` again while SQLite answers SQLITE_BUSY, pausing on timers (1, 2, 4 … 32 ms) instead of
 * SQLite's busy handler, which sleeps on the calling thread. Only for a statement that did nothing when it was
 * refused: one outside a transaction, or the BEGIN that opens one.
 */
export async function waitOutBusy<T>(attempt: () => Promise<T>, limitMs = BUSY_WAIT_MS): Promise<T> {
  let waited = 0;
  for (let pause = 1; ; pause = Math.min(pause * 2, 32)) {
    try {
      return await attempt();
    } catch (error) {
      if (!isBusy(error) || waited >= limitMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, pause));
      waited += pause;
    }
  }
}

/** Kysely's connection to the process's own SQLite handle, waiting for the write lock without blocking the thread. */
class PatientConnection implements DatabaseConnection {
  constructor(
    private readonly inner: DatabaseConnection,
    private readonly raw: SQLite.Database,
  ) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    // Inside a transaction this connection holds the write lock already (BEGIN IMMEDIATE) and reads never wait.
    if (this.raw.inTransaction) return this.inner.executeQuery<R>(query);
    return waitOutBusy(() => this.inner.executeQuery<R>(query));
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

class PatientDriver extends SqliteDriver {
  readonly #raw: SQLite.Database;
  constructor(config: SqliteDialectConfig, raw: SQLite.Database) {
    super(config);
    this.#raw = raw;
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    return new PatientConnection(await super.acquireConnection(), this.#raw);
  }

  // IMMEDIATE: the write lock is taken when the transaction opens, so a transaction that reads and then writes never
  // fails on the upgrade (SQLITE_BUSY_SNAPSHOT, which no waiting cures) when another connection committed between.
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/**
 * Kysely's SQLite dialect on the process's own connection, for a file that a second connection also writes (the
 * job worker's thread, `sqlite-thread.ts`; the intake writer, decision 0028): transactions begin IMMEDIATE, and a
 * statement refused with SQLITE_BUSY is tried again on a timer (`busy_timeout` is 0 on this connection). SQLite's
 * own busy handler would sleep on the event loop, and then the other connection's transaction, whose next statement
 * may come from a job on this very loop, could never finish (decision 0033).
 */
export class PatientSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  readonly #raw: SQLite.Database;
  constructor(config: SqliteDialectConfig, raw: SQLite.Database) {
    super(config);
    this.#config = config;
    this.#raw = raw;
  }

  override createDriver(): SqliteDriver {
    return new PatientDriver(this.#config, this.#raw);
  }
}
