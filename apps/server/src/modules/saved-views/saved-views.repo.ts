import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/schema.ts';
import type { SavedViewsTable } from '../../db/tables/saved-views.table.ts';

export type SavedViewRow = Selectable<SavedViewsTable>;

export async function listSavedViews(db: Db, userId: string, area: SavedViewRow['area']): Promise<SavedViewRow[]> {
  return db
    .selectFrom('savedViews')
    .selectAll()
    .where('userId', '=', userId)
    .where('area', '=', area)
    .orderBy('id', 'desc')
    .execute();
}

export async function countSavedViews(db: Db, userId: string, area: SavedViewRow['area']): Promise<number> {
  const row = await db
    .selectFrom('savedViews')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('userId', '=', userId)
    .where('area', '=', area)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findSavedView(db: Db, id: string): Promise<SavedViewRow | undefined> {
  return db.selectFrom('savedViews').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findSavedViewByName(
  db: Db,
  userId: string,
  area: SavedViewRow['area'],
  name: string,
): Promise<SavedViewRow | undefined> {
  return db
    .selectFrom('savedViews')
    .selectAll()
    .where('userId', '=', userId)
    .where('area', '=', area)
    .where('name', '=', name)
    .executeTakeFirst();
}

export async function insertSavedView(db: Db, row: Insertable<SavedViewsTable>): Promise<void> {
  await db.insertInto('savedViews').values(row).execute();
}

export async function updateSavedView(db: Db, id: string, change: { name: string; filters: string }): Promise<void> {
  await db.updateTable('savedViews').set(change).where('id', '=', id).execute();
}

export async function deleteSavedView(db: Db, id: string): Promise<void> {
  await db.deleteFrom('savedViews').where('id', '=', id).execute();
}
