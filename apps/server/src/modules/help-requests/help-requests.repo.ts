import type { Insertable, Selectable } from 'kysely';
import { dialectOf } from '../../db/dialect/dialect.ts';
import type { Db } from '../../db/schema.ts';
import type { CasePersonsTable } from '../../db/tables/cases.table.ts';
import type { HelpRequestIntakeTable } from '../../db/tables/help-requests.table.ts';
import { compiledOnce, slot, type Template, templateOf, withParameters } from './help-requests.compiled.ts';

/** Adds the people involved in a new case (subject, reporter). */
export async function insertCasePersons(db: Db, rows: Insertable<CasePersonsTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('casePersons').values(rows).execute();
}

/** The name an account holder goes by, for the reporter of a request on someone else's behalf. */
export async function findUserName(db: Db, userId: string): Promise<string | undefined> {
  const row = await db.selectFrom('users').select('displayName').where('id', '=', userId).executeTakeFirst();
  return row?.displayName;
}

/** The time zone of a mission (its SLA clock runs in its business hours); undefined for an unknown code. */
export async function findMissionTimeZone(db: Db, code: string): Promise<string | undefined> {
  const row = await db.selectFrom('missions').select('timezone').where('code', '=', code).executeTakeFirst();
  return row?.timezone;
}

export type IntakeRow = Selectable<HelpRequestIntakeTable>;
export type NewIntakeRow = Omit<IntakeRow, 'state' | 'caseId' | 'problem' | 'attempts'>;

/** Rows per INSERT statement: 14 values a row stays far below SQLite's 32,766 bound variables. */
const INSERT_CHUNK = 500;

/** The columns of a received row, in the order the INSERT lists them. */
const INTAKE_COLUMNS = [
  'id',
  'userId',
  'idempotencyKey',
  'fingerprint',
  'body',
  'locale',
  'sourceIp',
  'receivedAt',
  'updatedAt',
  'priority',
] as const satisfies readonly (keyof NewIntakeRow)[];

/** Per parameter of an intake INSERT template: which row and column fills it (null: a fixed value). */
const intakePlans = new WeakMap<Template<{ id: string }>, ([number, (typeof INTAKE_COLUMNS)[number]] | null)[]>();

/** The multi-row INSERT of received rows, built once per engine and row count (decision 0018). */
function intakeInsert(db: Db, rows: readonly NewIntakeRow[]) {
  const template = templateOf(db, `help-request-intake-insert:${rows.length}`, () =>
    db
      .insertInto('helpRequestIntake')
      .values(
        rows.map((_, index) => ({
          ...(Object.fromEntries(INTAKE_COLUMNS.map((c) => [c, slot(`${index}:${c}`)])) as NewIntakeRow),
          state: 'received' as const,
          attempts: 0,
        })),
      )
      .onConflict((oc) => oc.columns(['userId', 'idempotencyKey']).doNothing())
      .returning('id'),
  );
  let plan = intakePlans.get(template);
  if (!plan) {
    plan = template.slots.map((name) => {
      if (name === null) return null;
      const [index, column] = name.split(':');
      return [Number(index), column as (typeof INTAKE_COLUMNS)[number]];
    });
    intakePlans.set(template, plan);
  }
  const filled = plan;
  return withParameters(template, (_, i) => {
    const [index, column] = filled[i] as [number, (typeof INTAKE_COLUMNS)[number]];
    return (rows[index] as NewIntakeRow)[column];
  });
}

/**
 * Stores received help requests with one multi-row INSERT (per 500), skipping those whose
 * (user, Idempotency-Key) is already stored; returns, per row given, the stored row and whether it is new.
 * A skipped row's stored twin is read back in the same transaction (replays are rare).
 */
export async function insertIntakeRows(
  db: Db,
  rows: readonly NewIntakeRow[],
): Promise<{ row: IntakeRow; fresh: boolean }[]> {
  const inserted = new Set<string>();
  for (const query of intakeInsertQueries(db, rows)) {
    const { rows: ids } = await db.executeQuery(query);
    for (const { id } of ids) inserted.add(id);
  }
  return intakeAnswers(db, rows, inserted);
}

/** The multi-row INSERTs that store the rows (at most INSERT_CHUNK each), answering the ids they stored. */
export function intakeInsertQueries(db: Db, rows: readonly NewIntakeRow[]) {
  const queries: ReturnType<typeof intakeInsert>[] = [];
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    queries.push(intakeInsert(db, rows.slice(start, start + INSERT_CHUNK)));
  }
  return queries;
}

/**
 * Each row's answer once the INSERTs ran: stored now (its id among `inserted`), or the twin stored earlier
 * under the same owner and Idempotency-Key, read back.
 */
export async function intakeAnswers(
  db: Db,
  rows: readonly NewIntakeRow[],
  inserted: ReadonlySet<string>,
): Promise<{ row: IntakeRow; fresh: boolean }[]> {
  const answers: { row: IntakeRow; fresh: boolean }[] = [];
  for (const row of rows) {
    if (inserted.has(row.id)) {
      answers.push({ row: { ...row, state: 'received', caseId: null, problem: null, attempts: 0 }, fresh: true });
      continue;
    }
    const stored = await db
      .selectFrom('helpRequestIntake')
      .selectAll()
      .where('userId', '=', row.userId)
      .where('idempotencyKey', '=', row.idempotencyKey ?? '')
      .executeTakeFirstOrThrow();
    answers.push({ row: stored, fresh: false });
  }
  return answers;
}

/** One received request of its owner; undefined for another user's or an unknown id. */
export async function findOwnIntake(db: Db, id: string, userId: string): Promise<IntakeRow | undefined> {
  const query = compiledOnce(
    db,
    'help-request-intake-own',
    () =>
      db.selectFrom('helpRequestIntake').selectAll().where('id', '=', slot('id')).where('userId', '=', slot('userId')),
    { id, userId },
  );
  return (await db.executeQuery(query)).rows[0];
}

/**
 * The waiting requests to open next, at most `limit` (decision 0028): P1 requests (life or liberty at stake) first,
 * then the rest, each oldest first. With `routineReceivedBefore` (during a burst) the rest only as far as they were
 * received before that time: the younger ones wait for the burst to end or to reach that age.
 */
export async function listReceivedIntake(
  db: Db,
  limit: number,
  options: { routineReceivedBefore?: string } = {},
): Promise<string[]> {
  const urgent = await db
    .selectFrom('helpRequestIntake')
    .select('id')
    .where('state', '=', 'received')
    .where('priority', '=', 'P1')
    .orderBy('receivedAt')
    .orderBy('id')
    .limit(limit)
    .execute();
  const ids = urgent.map((r) => r.id);
  if (ids.length >= limit) return ids;
  let routine = db
    .selectFrom('helpRequestIntake')
    .select('id')
    .where('state', '=', 'received')
    .where('priority', '<>', 'P1');
  if (options.routineReceivedBefore !== undefined) {
    routine = routine.where('receivedAt', '<', options.routineReceivedBefore);
  }
  const rest = await routine
    .orderBy('receivedAt')
    .orderBy('id')
    .limit(limit - ids.length)
    .execute();
  return [...ids, ...rest.map((r) => r.id)];
}

/**
 * Takes one received request for opening, inside the caller's transaction: the row, still `received`, locked
 * on PostgreSQL (another opener holding it is skipped, not waited for); undefined when opened meanwhile.
 */
export async function takeReceivedIntake(db: Db, id: string): Promise<IntakeRow | undefined> {
  return dialectOf(db)
    .lockSkipLocked(db.selectFrom('helpRequestIntake').selectAll().where('id', '=', id).where('state', '=', 'received'))
    .executeTakeFirst();
}

/** Records the outcome of opening: the case, or the problem that stopped it. Only a `received` row changes. */
export async function settleIntake(
  db: Db,
  id: string,
  outcome: { state: 'opened'; caseId: string } | { state: 'failed'; problem: string },
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('helpRequestIntake')
    .set((eb) => ({
      state: outcome.state,
      caseId: outcome.state === 'opened' ? outcome.caseId : null,
      problem: outcome.state === 'failed' ? outcome.problem : null,
      attempts: eb('attempts', '+', 1),
      updatedAt: now,
    }))
    .where('id', '=', id)
    .where('state', '=', 'received')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Counts a failed try (an unexpected error, rolled back); returns the tries so far. */
export async function countIntakeAttempt(db: Db, id: string, now: string): Promise<number> {
  const row = await db
    .updateTable('helpRequestIntake')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), updatedAt: now }))
    .where('id', '=', id)
    .returning('attempts')
    .executeTakeFirst();
  return row?.attempts ?? 0;
}

/** The case summary a citizen sees for an opened request. */
export async function findIntakeCase(db: Db, caseId: string) {
  return db
    .selectFrom('cases')
    .select(['id', 'number', 'status', 'priority', 'category', 'missionCode', 'openedAt'])
    .where('id', '=', caseId)
    .executeTakeFirst();
}
