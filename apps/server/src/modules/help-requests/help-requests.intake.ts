import type { Kysely } from 'kysely';
import { groupCommitFor } from '../../db/group-commit.ts';
import type { Database } from '../../db/schema.ts';
import { type IntakeRow, insertIntakeRows, type NewIntakeRow } from './help-requests.repo.ts';

/** A stored intake row, and whether this request stored it (false: a replay found its twin). */
export interface IntakeReceipt {
  row: IntakeRow;
  fresh: boolean;
}

export interface IntakeWriter {
  /** When the last row was handed in (performance.now()); the opener yields to the intake while it is recent. */
  lastWriteAt: number;
  /** Resolves once the row (or its stored twin) is committed: durable under synchronous=FULL. */
  write(row: NewIntakeRow): Promise<IntakeReceipt>;
}

interface Pending {
  row: NewIntakeRow;
  resolve(receipt: IntakeReceipt): void;
  reject(error: unknown): void;
}

/**
 * Gathers the intake rows of concurrent requests into ONE unit of the group commit (decision 0012): the first
 * row queued hands the committer a unit; when the unit runs (inside the batch's transaction) it takes every row
 * queued by then and stores them with one multi-row INSERT. Rows queued after that start the next unit. The
 * rows' promises resolve after the batch committed, so an answered request is on disk.
 */
function createIntakeWriter(db: Kysely<Database>): IntakeWriter {
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

  return {
    lastWriteAt: 0,
    write(row) {
      this.lastWriteAt = performance.now();
      return new Promise<IntakeReceipt>((resolve, reject) => {
        pending.push({ row, resolve, reject });
        if (!scheduled) schedule();
      });
    },
  };
}

const writers = new WeakMap<Kysely<Database>, IntakeWriter>();

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

/** Whether this process received a help request in the last moment (a burst is on). */
export function intakeIsBusy(db: Kysely<Database>, now: number = performance.now()): boolean {
  const writer = writers.get(db);
  return writer !== undefined && now - writer.lastWriteAt < BUSY_MS;
}
