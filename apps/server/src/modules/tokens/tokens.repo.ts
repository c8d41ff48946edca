import type { Selectable } from 'kysely';
import type { Db } from '../../db/schema.ts';
import type { ApiTokensTable } from '../../db/tables/staff-access.table.ts';

/** A token row with its scopes parsed; the JSON column stays inside this file. */
export type ApiTokenRow = Omit<Selectable<ApiTokensTable>, 'scopes'> & { scopes: string[] };

function parse(row: Selectable<ApiTokensTable>): ApiTokenRow {
  const scopes: unknown = JSON.parse(row.scopes);
  return { ...row, scopes: Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === 'string') : [] };
}

export async function insertApiToken(db: Db, row: ApiTokenRow): Promise<void> {
  await db
    .insertInto('apiTokens')
    .values({ ...row, scopes: JSON.stringify(row.scopes) })
    .execute();
}

export async function listApiTokenRows(db: Db): Promise<ApiTokenRow[]> {
  const rows = await db.selectFrom('apiTokens').selectAll().orderBy('createdAt', 'desc').execute();
  return rows.map(parse);
}

export async function findApiToken(db: Db, id: string): Promise<ApiTokenRow | undefined> {
  const row = await db.selectFrom('apiTokens').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? parse(row) : undefined;
}

export async function findApiTokenByHash(db: Db, tokenHash: string): Promise<ApiTokenRow | undefined> {
  const row = await db.selectFrom('apiTokens').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();
  return row ? parse(row) : undefined;
}

export async function revokeApiTokenRow(db: Db, id: string, at: string): Promise<void> {
  await db
    .updateTable('apiTokens')
    .set({ revokedAt: at })
    .where('id', '=', id)
    .where('revokedAt', 'is', null)
    .execute();
}

export async function touchApiToken(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('apiTokens').set({ lastUsedAt: at }).where('id', '=', id).execute();
}
