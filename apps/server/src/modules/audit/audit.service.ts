import { isoNow, newId } from '../../clock.ts';
import { dialectOf } from '../../db/dialect/dialect.ts';
import type { Db } from '../../db/schema.ts';
import { type ChainBreak, checkLink, GENESIS_HASH, hashEntry } from './audit.chain.ts';
import {
  type AuditFilter,
  countAuditEntries,
  findLastAuditEntry,
  insertAuditEntry,
  listAuditBatch,
  searchAuditEntries,
} from './audit.repo.ts';

/** Who did it and from where; taken from the request by `auditSource` in the HTTP layer. */
export interface AuditSource {
  actor: { id: string; role: string } | null;
  ip: string | null;
}

export interface AuditEvent {
  /** Dotted verb, e.g. `auth.sign_in`, `auth.sign_in_failed`, `case.view`, `registry.export`. */
  action: string;
  record?: { type: string; id: string; missionCode?: string | null };
  reason?: string | null;
  details?: Record<string, unknown>;
}

// Any fixed number works; it names the advisory lock that serializes appends on PostgreSQL.
const CHAIN_LOCK = 0x48_57_41_4c; // "HWAL"

async function appendInTransaction(trx: Db, source: AuditSource, event: AuditEvent): Promise<void> {
  await dialectOf(trx).lockChain(trx, CHAIN_LOCK);
  const last = await findLastAuditEntry(trx);
  const entry = {
    seq: (last?.seq ?? 0) + 1,
    id: newId(),
    at: isoNow(),
    actorId: source.actor?.id ?? null,
    actorRole: source.actor?.role ?? null,
    action: event.action,
    recordType: event.record?.type ?? null,
    recordId: event.record?.id ?? null,
    missionCode: event.record?.missionCode ?? null,
    ip: source.ip,
    reason: event.reason?.slice(0, 1000) ?? null,
    details: JSON.stringify(event.details ?? {}),
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  await insertAuditEntry(trx, { ...entry, hash: hashEntry(entry) });
}

/**
 * Appends an entry to the tamper-evident audit log. Pass the transaction that makes the change being
 * audited, so the change and its entry commit together; outside a transaction one is opened.
 */
export async function appendAudit(db: Db, source: AuditSource, event: AuditEvent): Promise<void> {
  if (db.isTransaction) return appendInTransaction(db, source, event);
  await db.transaction().execute((trx) => appendInTransaction(trx, source, event));
}

export interface VerifyReport {
  entries: number;
  firstBreak: ChainBreak | null;
}

/** Walks the whole chain in order and reports the first entry whose link does not hold. */
export async function verifyAuditChain(db: Db, batchSize = 1000): Promise<VerifyReport> {
  let previous: { seq: number; hash: string } | null = null;
  let entries = 0;
  for (;;) {
    const batch = await listAuditBatch(db, previous?.seq ?? 0, batchSize);
    if (batch.length === 0) return { entries, firstBreak: null };
    for (const row of batch) {
      const problem = checkLink(row, previous);
      if (problem) return { entries, firstBreak: problem };
      previous = { seq: row.seq, hash: row.hash };
      entries++;
    }
  }
}

export async function searchAudit(db: Db, filter: AuditFilter, page: number, pageSize: number) {
  const [total, rows] = await Promise.all([
    countAuditEntries(db, filter),
    searchAuditEntries(db, filter, pageSize, (page - 1) * pageSize),
  ]);
  return { total, rows };
}
