import { type SqlBool, sql } from 'kysely';
import { dialectOf } from '../../db/dialect/dialect.ts';
import type { Db } from '../../db/schema.ts';

// The hotline's lookups: one indexed query per key (phone, passport, name, case number), each capped.

const OPEN_STATUSES_EXCLUDED = ['resolved', 'closed'] as const;

export interface FoundPerson {
  id: string;
  userId: string | null;
  familyName: string;
  givenName: string;
  nativeName: string | null;
  birthDate: string | null;
  passportNumber: string | null;
}

const PERSON_COLUMNS = [
  'p.id',
  'p.userId',
  'p.familyName',
  'p.givenName',
  'p.nativeName',
  'p.birthDate',
  'p.passportNumber',
] as const;

/** Persons who gave this E.164 number as an SMS or voice channel. */
export async function findPersonsByPhone(db: Db, e164: string, limit: number): Promise<FoundPerson[]> {
  return db
    .selectFrom('persons as p')
    .select(PERSON_COLUMNS)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('personChannels as ch')
          .select('ch.id')
          .whereRef('ch.personId', '=', 'p.id')
          .where('ch.kind', 'in', ['sms', 'voice'])
          .where('ch.address', '=', e164),
      ),
    )
    .orderBy('p.familyName')
    .orderBy('p.id')
    .limit(limit)
    .execute();
}

export async function findPersonsByPassport(db: Db, passport: string, limit: number): Promise<FoundPerson[]> {
  return db
    .selectFrom('persons as p')
    .select(PERSON_COLUMNS)
    .where('p.passportNumber', '=', passport)
    .orderBy('p.id')
    .limit(limit)
    .execute();
}

/** Escapes LIKE wildcards so a search for "50%" finds that text. */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Part of a name, in Latin (either order, any case) or in the native script. */
export async function findPersonsByName(db: Db, q: string, limit: number): Promise<FoundPerson[]> {
  const like = sql.raw(dialectOf(db).likeInsensitive);
  const pattern = likeContains(q.trim().replace(/\s+/g, ' '));
  const compact = likeContains(q.replace(/\s+/g, ''));
  return db
    .selectFrom('persons as p')
    .select(PERSON_COLUMNS)
    .where(
      sql<SqlBool>`(p.family_name || ' ' || p.given_name ${like} ${pattern} escape '\\'
        or p.given_name || ' ' || p.family_name ${like} ${pattern} escape '\\'
        or p.native_name ${like} ${compact} escape '\\')`,
    )
    .orderBy('p.familyName')
    .orderBy('p.givenName')
    .orderBy('p.id')
    .limit(limit)
    .execute();
}

export async function listPhonesOf(db: Db, personIds: readonly string[]) {
  if (personIds.length === 0) return [];
  return db
    .selectFrom('personChannels')
    .select(['personId', 'address'])
    .where('personId', 'in', personIds)
    .where('kind', 'in', ['sms', 'voice'])
    .orderBy('createdAt')
    .execute();
}

/** The persons' own presences (not their dependents'), for "where are they now". */
export async function listPresencesOf(db: Db, personIds: readonly string[]) {
  if (personIds.length === 0) return [];
  return db
    .selectFrom('presences')
    .select(['id', 'personId', 'kind', 'countryCode', 'regionCode', 'cityId', 'arrivalOn', 'departureOn'])
    .where('personId', 'in', personIds)
    .where('dependentId', 'is', null)
    .execute();
}

const CASE_COLUMNS = [
  'c.id',
  'c.number',
  'c.missionCode',
  'c.category',
  'c.priority',
  'c.status',
  'c.summary',
  'c.subjectName',
  'c.openedAt',
  'c.subjectPersonId',
  'c.reporterUserId',
] as const;

/** Open cases about these persons: as the subject, linked as a person involved, or reported by their account. */
export async function listOpenCasesOf(db: Db, persons: readonly { id: string; userId: string | null }[]) {
  if (persons.length === 0) return [];
  const ids = persons.map((p) => p.id);
  const userIds = persons.flatMap((p) => (p.userId ? [p.userId] : []));
  return db
    .selectFrom('cases as c')
    .select(CASE_COLUMNS)
    .select((eb) =>
      eb
        .selectFrom('casePersons as cp')
        .select('cp.personId')
        .whereRef('cp.caseId', '=', 'c.id')
        .where('cp.personId', 'in', ids)
        .limit(1)
        .as('linkedPersonId'),
    )
    .where('c.status', 'not in', OPEN_STATUSES_EXCLUDED)
    .where((eb) =>
      eb.or([
        eb('c.subjectPersonId', 'in', ids),
        ...(userIds.length > 0 ? [eb('c.reporterUserId', 'in', userIds)] : []),
        eb.exists(
          eb
            .selectFrom('casePersons as cp')
            .select('cp.id')
            .whereRef('cp.caseId', '=', 'c.id')
            .where('cp.personId', 'in', ids),
        ),
      ]),
    )
    .orderBy('c.openedAt', 'desc')
    .limit(50)
    .execute();
}

/** Cases whose number starts with the text (HW-2026-0001…), or whose contact phone is this number. */
export async function findCasesByNumberOrPhone(db: Db, key: { numberPrefix?: string; phone?: string }, limit: number) {
  if (!key.numberPrefix && !key.phone) return [];
  return db
    .selectFrom('cases as c')
    .select(CASE_COLUMNS)
    .where((eb) =>
      eb.or([
        ...(key.numberPrefix ? [eb('c.number', 'like', `${key.numberPrefix.replace(/[\\%_]/g, '')}%`)] : []),
        ...(key.phone ? [eb('c.contactPhone', '=', key.phone)] : []),
      ]),
    )
    .orderBy('c.openedAt', 'desc')
    .limit(limit)
    .execute();
}
