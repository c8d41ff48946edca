import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/schema.ts';
import type { TravelAdvisoriesTable } from '../../db/tables/advisories.table.ts';

export type AdvisoryRow = Selectable<TravelAdvisoriesTable>;

/** Versions in force: not superseded and not past their end date (`now` as ISO text; same order on both engines). */
export async function listInForce(db: Db, now: string, country?: string): Promise<AdvisoryRow[]> {
  let query = db
    .selectFrom('travelAdvisories')
    .selectAll()
    .where('supersededAt', 'is', null)
    .where((eb) => eb.or([eb('effectiveUntil', 'is', null), eb('effectiveUntil', '>', now)]));
  if (country) query = query.where('country', '=', country);
  return query.orderBy('country').orderBy('region').execute();
}

/** The version not yet superseded for a country and region ('' = whole country), even if it has expired. */
export async function findUnsuperseded(db: Db, country: string, region: string): Promise<AdvisoryRow | undefined> {
  return db
    .selectFrom('travelAdvisories')
    .selectAll()
    .where('country', '=', country)
    .where('region', '=', region)
    .where('supersededAt', 'is', null)
    .executeTakeFirst();
}

export async function supersede(db: Db, id: string, at: string): Promise<number> {
  const result = await db
    .updateTable('travelAdvisories')
    .set({ supersededAt: at })
    .where('id', '=', id)
    .where('supersededAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Inserts a version; false when another version is already in force for the place (the partial unique index). */
export async function insertAdvisory(db: Db, row: Insertable<TravelAdvisoriesTable>): Promise<boolean> {
  try {
    await db.insertInto('travelAdvisories').values(row).execute();
    return true;
  } catch (error) {
    // PostgreSQL unique_violation, SQLite SQLITE_CONSTRAINT_UNIQUE: the only unique keys are the id and that index.
    const code = (error as { code?: unknown }).code;
    if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE') return false;
    throw error;
  }
}

export async function findAdvisory(db: Db, id: string): Promise<AdvisoryRow | undefined> {
  return db.selectFrom('travelAdvisories').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every version for a country (its regions too), newest first, one page. */
export async function listHistory(
  db: Db,
  country: string,
  page: number,
  pageSize: number,
): Promise<{ rows: AdvisoryRow[]; total: number }> {
  const rows = await db
    .selectFrom('travelAdvisories')
    .selectAll()
    .where('country', '=', country)
    .orderBy('publishedAt', 'desc')
    .orderBy('id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const count = await db
    .selectFrom('travelAdvisories')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('country', '=', country)
    .executeTakeFirstOrThrow();
  return { rows, total: Number(count.n) };
}

export async function countAdvisories(db: Db): Promise<number> {
  const row = await db
    .selectFrom('travelAdvisories')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
