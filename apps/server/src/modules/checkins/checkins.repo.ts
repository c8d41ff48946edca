import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/schema.ts';
import type { AlertRecipientsTable, CheckinAnswersTable } from '../../db/tables/alerts.table.ts';

export type RecipientRow = Selectable<AlertRecipientsTable>;

export async function findRecipient(db: Db, alertId: string, personId: string): Promise<RecipientRow | undefined> {
  return db
    .selectFrom('alertRecipients')
    .selectAll()
    .where('alertId', '=', alertId)
    .where('personId', '=', personId)
    .executeTakeFirst();
}

export async function insertAnswer(db: Db, row: Insertable<CheckinAnswersTable>): Promise<void> {
  await db.insertInto('checkinAnswers').values(row).execute();
}

/** The last answer wins on the recipient row; the history stays in `checkin_answers`. */
export async function setRecipientAnswer(
  db: Db,
  alertId: string,
  personId: string,
  answer: 'safe' | 'need_help',
  at: string,
): Promise<void> {
  await db
    .updateTable('alertRecipients')
    .set({ answer, answeredAt: at })
    .where('alertId', '=', alertId)
    .where('personId', '=', personId)
    .execute();
}

/** Records the help case of a recipient once: false when another answer opened one first. */
export async function setRecipientCase(db: Db, alertId: string, personId: string, caseId: string): Promise<boolean> {
  const result = await db
    .updateTable('alertRecipients')
    .set({ caseId })
    .where('alertId', '=', alertId)
    .where('personId', '=', personId)
    .where('caseId', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface TallyCounts {
  recipients: number;
  safe: number;
  needHelp: number;
  reminded: number;
}

export async function countTally(db: Db, alertId: string): Promise<TallyCounts> {
  const rows = await db
    .selectFrom('alertRecipients')
    .select(['answer', (eb) => eb.fn.countAll<string | number>().as('n')])
    .select((eb) =>
      eb.fn.sum<string | number | null>(eb.case().when('reminders', '>', 0).then(1).else(0).end()).as('reminded'),
    )
    .where('alertId', '=', alertId)
    .groupBy('answer')
    .execute();
  const counts: TallyCounts = { recipients: 0, safe: 0, needHelp: 0, reminded: 0 };
  for (const row of rows) {
    const n = Number(row.n);
    counts.recipients += n;
    if (row.answer === 'safe') counts.safe = n;
    if (row.answer === 'need_help') counts.needHelp = n;
    if (row.answer === null) counts.reminded = Number(row.reminded ?? 0);
  }
  return counts;
}

/** The place of each recipient's last answer that gave one. */
export async function listAnswerPoints(
  db: Db,
  alertId: string,
): Promise<{ lat: number; lon: number; answer: 'safe' | 'need_help' }[]> {
  const rows = await db
    .selectFrom('checkinAnswers as a')
    .innerJoin('alertRecipients as r', (join) =>
      join.onRef('r.alertId', '=', 'a.alertId').onRef('r.personId', '=', 'a.personId'),
    )
    .select(['a.lat', 'a.lon', 'r.answer', 'a.personId', 'a.answeredAt'])
    .where('a.alertId', '=', alertId)
    .where('a.lat', 'is not', null)
    .where('a.lon', 'is not', null)
    .orderBy('a.answeredAt', 'desc')
    .execute();
  const seen = new Set<string>();
  const points: { lat: number; lon: number; answer: 'safe' | 'need_help' }[] = [];
  for (const row of rows) {
    if (seen.has(row.personId) || row.lat === null || row.lon === null || row.answer === null) continue;
    seen.add(row.personId);
    points.push({ lat: row.lat, lon: row.lon, answer: row.answer });
  }
  return points;
}

/** Recipients who have not answered, with who answers for them (the person, or a dependent's guardian). */
export async function listUnanswered(db: Db, alertId: string): Promise<RecipientRow[]> {
  return db
    .selectFrom('alertRecipients')
    .selectAll()
    .where('alertId', '=', alertId)
    .where('answer', 'is', null)
    .orderBy('personId')
    .execute();
}

export async function markReminded(db: Db, alertId: string, personIds: readonly string[], at: string): Promise<void> {
  for (let i = 0; i < personIds.length; i += 500) {
    await db
      .updateTable('alertRecipients')
      .set((eb) => ({ reminders: eb('reminders', '+', 1), remindedAt: at }))
      .where('alertId', '=', alertId)
      .where('personId', 'in', personIds.slice(i, i + 500))
      .execute();
  }
}

export interface UnaccountedRow {
  personId: string;
  dependentOf: string | null;
  familyName: string;
  givenName: string;
  nativeName: string | null;
  reason: string;
  reminders: number;
  remindedAt: string | null;
}

/** Names of the unaccounted: persons from `persons`, dependents from `dependents`. */
export async function listUnaccounted(db: Db, alertId: string): Promise<UnaccountedRow[]> {
  const persons = await db
    .selectFrom('alertRecipients as r')
    .innerJoin('persons as p', 'p.id', 'r.personId')
    .select([
      'r.personId',
      'r.dependentOf',
      'p.familyName',
      'p.givenName',
      'p.nativeName',
      'r.reason',
      'r.reminders',
      'r.remindedAt',
    ])
    .where('r.alertId', '=', alertId)
    .where('r.answer', 'is', null)
    .execute();
  const dependents = await db
    .selectFrom('alertRecipients as r')
    .innerJoin('dependents as d', 'd.id', 'r.personId')
    .select([
      'r.personId',
      'r.dependentOf',
      'd.familyName',
      'd.givenName',
      'd.nativeName',
      'r.reason',
      'r.reminders',
      'r.remindedAt',
    ])
    .where('r.alertId', '=', alertId)
    .where('r.answer', 'is', null)
    .execute();
  return [...persons, ...dependents].sort((a, b) =>
    `${a.familyName} ${a.givenName}`.localeCompare(`${b.familyName} ${b.givenName}`),
  );
}

export async function listChannels(
  db: Db,
  personIds: readonly string[],
): Promise<{ personId: string; kind: string; address: string }[]> {
  if (personIds.length === 0) return [];
  const out: { personId: string; kind: string; address: string }[] = [];
  for (let i = 0; i < personIds.length; i += 500) {
    out.push(
      ...(await db
        .selectFrom('personChannels')
        .select(['personId', 'kind', 'address'])
        .where('personId', 'in', personIds.slice(i, i + 500))
        .orderBy('createdAt')
        .execute()),
    );
  }
  return out;
}

/** Alerts a person (or a dependent they answer for) received, newest first. */
export async function listReceivedAlertIds(db: Db, personId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('alertRecipients as r')
    .innerJoin('alerts as a', 'a.id', 'r.alertId')
    .select('a.id')
    .where((eb) => eb.or([eb('r.personId', '=', personId), eb('r.dependentOf', '=', personId)]))
    .where('a.status', 'in', ['published', 'cancelled'])
    .groupBy('a.id')
    .groupBy('a.publishedAt')
    .orderBy('a.publishedAt', 'desc')
    .limit(50)
    .execute();
  return rows.map((r) => r.id);
}
