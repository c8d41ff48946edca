import type { Insertable, Selectable } from 'kysely';
import { dialectOf } from '../../db/dialect/dialect.ts';
import type { Db } from '../../db/schema.ts';
import type { AuditLogTable } from '../../db/tables/audit.table.ts';

export type AuditRow = Selectable<AuditLogTable>;

export async function findLastAuditEntry(db: Db): Promise<Pick<AuditRow, 'seq' | 'hash'> | undefined> {
  const row = await db
    .selectFrom('auditLog')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { seq: Number(row.seq), hash: row.hash } : undefined;
}

export async function insertAuditEntry(db: Db, entry: Insertable<AuditLogTable>): Promise<void> {
  await db.insertInto('auditLog').values(entry).execute();
}

/** Entries after `afterSeq` in order, for walking the chain in batches. */
export async function listAuditBatch(db: Db, afterSeq: number, limit: number): Promise<AuditRow[]> {
  const rows = await db
    .selectFrom('auditLog')
    .selectAll()
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

export interface AuditFilter {
  actorId?: string;
  action?: string;
  recordType?: string;
  recordId?: string;
  missionCode?: string;
  from?: string;
  to?: string;
  q?: string;
}

function filtered(db: Db, f: AuditFilter) {
  let query = db.selectFrom('auditLog');
  if (f.actorId) query = query.where('actorId', '=', f.actorId);
  if (f.action) query = query.where('action', '=', f.action);
  if (f.recordType) query = query.where('recordType', '=', f.recordType);
  if (f.recordId) query = query.where('recordId', '=', f.recordId);
  if (f.missionCode) query = query.where('missionCode', '=', f.missionCode);
  if (f.from) query = query.where('at', '>=', f.from);
  if (f.to) query = query.where('at', '<', f.to);
  if (f.q) {
    const pattern = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const like = dialectOf(db).likeInsensitive;
    query = query.where((eb) =>
      eb.or([eb('reason', like, pattern), eb('details', like, pattern), eb('recordId', like, pattern)]),
    );
  }
  return query;
}

export async function countAuditEntries(db: Db, filter: AuditFilter): Promise<number> {
  const row = await filtered(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function searchAuditEntries(db: Db, filter: AuditFilter, limit: number, offset: number) {
  const rows = await filtered(db, filter).selectAll().orderBy('seq', 'desc').limit(limit).offset(offset).execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}
