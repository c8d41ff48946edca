import type { Kysely } from 'kysely';
import { sqliteFileOf } from '../../db/connect.ts';
import { groupCommitFor } from '../../db/group-commit.ts';
import type { Database } from '../../db/schema.ts';
import { type SqliteWriter, startSqliteWriter } from '../../db/sqlite-writer.ts';
import {
  type IntakeRow,
  insertIntakeRows,
  intakeAnswers,
  intakeInsertQueries,
  type NewIntakeRow,
} from './help-requests.repo.ts';

/** A stored intake row, and whether this request stored it (false: a replay found its twin). */
export interface IntakeReceipt {
  row: IntakeRow;
  fresh: boolean;
}

export interface IntakeWriter {
  /** When the last row was handed in (performance.now()); the opener yields to the intake while it is recent. */
  lastWriteAt: number;
  /** Rows handed in since `bucketStartedAt`, and in the BUSY_MS before it (how fast requests are coming). */
  bucket: number;
  previousBucket: number;
  bucketStartedAt: number;
  /** Resolves once the row (or its stored twin) is committed: durable under synchronous=FULL. */
  write(row: NewIntakeRow): Promise<IntakeReceipt>;
  /** Waits for the rows handed in so far to be answered, then releases what the writer holds. */
  close(): Promise<void>;
}

interface Pending {
  row: NewIntakeRow;
  resolve(receipt: IntakeReceipt): void;
  reject(error: unknown): void;
}

/** A writer that hands each row, with the promise of its receipt, to `gather`. */
function gatheringWriter(gather: (item: Pending) => void, close: () => Promise<void>): IntakeWriter {
  return {
    lastWriteAt: 0,
    bucket: 0,
    previousBucket: 0,
    bucketStartedAt: 0,
    write(row) {
      const now = performance.now();
      if (now - this.bucketStartedAt >= BUSY_MS) {
        this.previousBucket = now - this.bucketStartedAt < 2 * BUSY_MS ? this.bucket : 0;
        this.bucket = 0;
        this.bucketStartedAt = now;
      }
      this.bucket++;
      this.lastWriteAt = now;
      return new Promise<IntakeReceipt>((resolve, reject) => gather({ row, resolve, reject }));
    },
    close,
  };
}

/**
 * Gathers the intake rows of concurrent requests into ONE unit of the group commit (decision 0012): the first
 * row queued hands the committer a unit; when the unit runs (inside the batch's transaction) it takes every row
 * queued by then and stores them with one multi-row INSERT. Rows queued after that start the next unit. The
 * rows' promises resolve after the batch committed, so an answered request is on disk.
 */
function createGroupCommitIntakeWriter(db: Kysely<Database>): IntakeWriter {
  let pending: Pending[] = [];
  let scheduled = false;

  function schedule(): void {
    scheduled = true;
    let taken: Pending[] = [];
    groupCommitFor(db)
      .run(async (trx) => {
        taken = pending;
        pending = [];
        scheduled = false;
        return insertIntakeRows(
          trx,
          taken.map((p) => p.row),
        );
      })
      .then(
        (receipts) => {
          for (const [index, item] of taken.entries()) {
            const receipt = receipts[index];
            if (receipt) item.resolve(receipt);
            else item.reject(new Error('intake row was not stored'));
          }
        },
        (error: unknown) => {
          // A committer refusing the unit outright (closed) never ran it: its rows are still pending.
          const failed = taken.length > 0 ? taken : pending.splice(0);
          if (taken.length === 0) scheduled = false;
          for (const item of failed) item.reject(error);
        },
      );
  }

  return gatheringWriter(
    (item) => {
      pending.push(item);
      if (!scheduled) schedule();
    },
    // The group committer drains its queue when the app closes (closeGroupCommit).
    async () => {},
  );
}

/**
 * The same gathering on an SQLite file, committed by a writer thread (decision 0028): while one batch's INSERT
 * and COMMIT (with its fsync) run there, the event loop goes on reading and checking the next requests, whose
 * rows gather for the next batch. One batch is in flight at a time, so batches grow with the load by themselves.
 * Replays (rows whose key was stored before) are read back on the server's own connection after the commit.
 */
function createThreadIntakeWriter(db: Kysely<Database>, start: () => SqliteWriter): IntakeWriter {
  let pending: Pending[] = [];
  let writer = start();
  let inFlight: Promise<void> | null = null;

  async function commit(taken: Pending[]): Promise<void> {
    const rows = taken.map((p) => p.row);
    try {
      const results = await writer.transaction(intakeInsertQueries(db, rows));
      const inserted = new Set<string>();
      for (const stored of results) for (const { id } of stored as { id: string }[]) inserted.add(id);
      const answers = await intakeAnswers(db, rows, inserted);
      for (const [index, item] of taken.entries()) {
        const answer = answers[index];
        if (answer) item.resolve(answer);
        else item.reject(new Error('intake row was not stored'));
      }
    } catch (error) {
      // Nothing of the batch was acknowledged: its requests answer 5xx and the app retries with the same key.
      for (const item of taken) item.reject(error);
      // A thread that died is replaced, so that one fault does not refuse every later request.
      if (writer.broken) writer = start();
    }
  }

  function send(): void {
    inFlight = (async () => {
      // One turn of the event loop first: requests read in the same turn join this batch.
      await new Promise<void>((resolve) => setImmediate(resolve));
      while (pending.length > 0) {
        const taken = pending;
        pending = [];
        await commit(taken);
      }
      inFlight = null;
    })();
  }

  return gatheringWriter(
    (item) => {
      pending.push(item);
      if (!inFlight) send();
    },
    async () => {
      while (inFlight) await inFlight;
      await writer.close();
    },
  );
}

function createIntakeWriter(db: Kysely<Database>): IntakeWriter {
  // An in-memory database has no file for a second connection; PostgreSQL commits concurrently anyway.
  const file = sqliteFileOf(db);
  return file ? createThreadIntakeWriter(db, () => startSqliteWriter(file)) : createGroupCommitIntakeWriter(db);
}

const writers = new WeakMap<Kysely<Database>, IntakeWriter>();

/** Answers what was handed in and releases the writer (the app's onClose); a later write makes a new one. */
export async function closeIntakeWriter(db: Kysely<Database>): Promise<void> {
  const writer = writers.get(db);
  writers.delete(db);
  await writer?.close();
}

/** The intake writer of a database handle (one per process and database, like its group committer). */
export function intakeWriterFor(db: Kysely<Database>): IntakeWriter {
  let writer = writers.get(db);
  if (!writer) {
    writer = createIntakeWriter(db);
    writers.set(db, writer);
  }
  return writer;
}

/** How long after the last received request the intake counts as busy. */
const BUSY_MS = 250;
/**
 * Requests in the last 250–500 ms that make a burst (40 a second and more): a lone request, or a few, are opened at
 * once; in a burst the opener yields and defers routine requests (decision 0028).
 */
export const BURST_MIN_REQUESTS = 20;

/** Whether requests are pouring into this process now (a burst is on). */
export function intakeIsBusy(db: Kysely<Database>, now: number = performance.now()): boolean {
  const writer = writers.get(db);
  if (!writer || now - writer.lastWriteAt >= BUSY_MS) return false;
  const recent = writer.bucket + (now - writer.bucketStartedAt < BUSY_MS ? writer.previousBucket : 0);
  return recent >= BURST_MIN_REQUESTS;
}
