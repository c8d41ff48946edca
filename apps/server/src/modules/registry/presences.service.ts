import { findCity, findRegion, isKnownCountry } from '@homeward/gazetteer';
import { MAX_TRIP_DAYS, type Presence, type PresenceInput, type PresenceList } from '@homeward/shared';
import type { Kysely } from 'kysely';
import { isoNow, newId } from '../../clock.ts';
import type { Database, Db } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { ProblemError } from '../../http/problem.ts';
import { countDependentsOf, findPersonByUserId } from './persons.repo.ts';
import {
  deleteGroupCopies,
  deletePresenceGroup,
  dependentIdsByGroup,
  findOwnPresence,
  insertPresenceGroup,
  listOwnPresences,
  type PresenceFields,
  type PresenceRow,
  updatePresenceRow,
} from './presences.repo.ts';
import { type Caller, checkDate, fieldProblem, requirePerson } from './registry.fields.ts';
import { toPresenceDto } from './registry.presenter.ts';
import { daysBetween, utcDay, whereAmINow } from './registry.rules.ts';

const notFound = () => new ProblemError(404, 'not_found', 'no such presence');

/**
 * Turns a citizen's presence into the stored fields: the place is checked against the gazetteer (country,
 * admin-1 region, city inside both), the point is the precise one (with consent) or the city's, and the
 * dates make sense. @throws ProblemError 422 naming the field
 */
export function presenceFields(body: PresenceInput, caller: Caller): PresenceFields {
  const { locale } = caller;
  if (!isKnownCountry(body.countryCode)) {
    throw fieldProblem(422, 'country_unknown', '/countryCode', locale, `unknown country ${body.countryCode}`);
  }
  let regionCode = body.regionCode ?? null;
  if (regionCode !== null && findRegion(regionCode)?.country !== body.countryCode) {
    throw fieldProblem(
      422,
      'region_unknown',
      '/regionCode',
      locale,
      `${regionCode} is not a region of ${body.countryCode}`,
    );
  }
  const city = body.cityId === null || body.cityId === undefined ? null : findCity(body.cityId);
  if (city === undefined || (city && city.country !== body.countryCode)) {
    throw fieldProblem(422, 'city_unknown', '/cityId', locale, `city ${body.cityId} is not in ${body.countryCode}`);
  }
  if (city && regionCode !== null && city.region !== null && city.region !== regionCode) {
    throw fieldProblem(422, 'city_unknown', '/cityId', locale, `city ${body.cityId} is not in ${regionCode}`);
  }
  regionCode ??= city?.region ?? null;

  const precise = body.precise ?? null;
  if (precise && body.preciseConsent !== true) {
    throw fieldProblem(422, 'precise_consent_required', '/preciseConsent', locale, 'a precise point needs consent');
  }

  const arrivalOn = checkDate(body.arrivalOn, '/arrivalOn', locale) ?? body.arrivalOn;
  const departureOn = checkDate(body.departureOn, '/departureOn', locale);
  if (body.kind === 'trip' && departureOn === null) {
    throw fieldProblem(422, 'dates_invalid', '/departureOn', locale, 'a trip needs a departure date', 'required');
  }
  if (departureOn !== null && departureOn < arrivalOn) {
    throw fieldProblem(422, 'dates_invalid', '/departureOn', locale, 'departure is before arrival');
  }
  if (body.kind === 'trip' && departureOn !== null && daysBetween(arrivalOn, departureOn) > MAX_TRIP_DAYS) {
    throw fieldProblem(422, 'dates_invalid', '/departureOn', locale, 'a trip lasts at most 2 years');
  }
  return {
    kind: body.kind,
    countryCode: body.countryCode,
    regionCode,
    cityId: city?.id ?? null,
    lat: precise?.lat ?? city?.lat ?? null,
    lon: precise?.lon ?? city?.lon ?? null,
    preciseConsent: precise !== null,
    arrivalOn,
    departureOn,
    purpose: body.purpose ?? null,
  };
}

/** The caller's presences with "where am I now" worked out for `today`. */
async function presentAll(db: Db, personId: string, today: string): Promise<PresenceList> {
  const rows = await listOwnPresences(db, personId);
  const dependents = await dependentIdsByGroup(
    db,
    rows.map((r) => r.id),
  );
  const current = whereAmINow(rows, today);
  const items = rows.map((row) => toPresenceDto(row, dependents.get(row.id) ?? [], row.id === current?.id));
  return { items, current: items.find((p) => p.current) ?? null };
}

async function presentOne(db: Db, personId: string, id: string, today: string): Promise<Presence> {
  const presence = (await presentAll(db, personId, today)).items.find((p) => p.id === id);
  if (!presence) throw notFound();
  return presence;
}

/** The caller's residences and trips, newest first, and where they are today (empty before a profile). */
export async function listPresences(db: Kysely<Database>, caller: Caller, now = new Date()): Promise<PresenceList> {
  const person = await findPersonByUserId(db, caller.userId);
  return person ? presentAll(db, person.id, utcDay(now)) : { items: [], current: null };
}

async function checkDependents(db: Db, personId: string, ids: readonly string[]): Promise<void> {
  if ((await countDependentsOf(db, personId, ids)) !== ids.length) {
    throw new ProblemError(404, 'not_found', 'one of dependentIds is not your dependent');
  }
}

/** Registers a residence or trip for the caller and the dependents with them. */
export async function createPresence(
  db: Kysely<Database>,
  caller: Caller,
  body: PresenceInput,
  now = new Date(),
): Promise<Presence> {
  const fields = presenceFields(body, caller);
  return inTransaction(db, async (trx) => {
    const person = await requirePerson(trx, caller);
    const dependentIds = body.dependentIds ?? [];
    await checkDependents(trx, person.id, dependentIds);
    const id = newId();
    await insertPresenceGroup(
      trx,
      { id, personId: person.id, dependentIds, ownerRow: true, newId },
      fields,
      isoNow(now),
    );
    return presentOne(trx, person.id, id, utcDay(now));
  });
}

/** Rewrites the person's row and the dependents' copies in step. */
async function rewriteGroup(
  db: Db,
  row: PresenceRow,
  dependentIds: readonly string[],
  fields: PresenceFields,
  now: string,
): Promise<void> {
  await updatePresenceRow(db, row.id, fields, now);
  await deleteGroupCopies(db, row.personId, row.id);
  await insertPresenceGroup(
    db,
    { id: row.id, personId: row.personId, dependentIds, ownerRow: false, newId },
    fields,
    now,
  );
}

/** Replaces one of the caller's presences (a dependent left out of `dependentIds` is no longer with them). */
export async function replacePresence(
  db: Kysely<Database>,
  caller: Caller,
  id: string,
  body: PresenceInput,
  now = new Date(),
): Promise<Presence> {
  const fields = presenceFields(body, caller);
  return db.transaction().execute(async (trx) => {
    const person = await requirePerson(trx, caller);
    const row = await findOwnPresence(trx, person.id, id);
    if (!row) throw notFound();
    const dependentIds = body.dependentIds ?? [];
    await checkDependents(trx, person.id, dependentIds);
    await rewriteGroup(trx, row, dependentIds, fields, isoNow(now));
    return presentOne(trx, person.id, id, utcDay(now));
  });
}

/** Deletes one of the caller's presences with the dependents' copies. */
export async function removePresence(db: Kysely<Database>, caller: Caller, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const person = await requirePerson(trx, caller);
    if (!(await findOwnPresence(trx, person.id, id))) throw notFound();
    await deletePresenceGroup(trx, person.id, id);
  });
}

/** Consent withdrawn: the precise point is forgotten; the city's point (or none) takes its place. */
export async function withdrawPreciseLocation(
  db: Kysely<Database>,
  caller: Caller,
  id: string,
  now = new Date(),
): Promise<Presence> {
  return db.transaction().execute(async (trx) => {
    const person = await requirePerson(trx, caller);
    const row = await findOwnPresence(trx, person.id, id);
    if (!row) throw notFound();
    const city = row.cityId === null ? undefined : findCity(row.cityId);
    const fields: PresenceFields = {
      kind: row.kind,
      countryCode: row.countryCode,
      regionCode: row.regionCode,
      cityId: row.cityId,
      lat: city?.lat ?? null,
      lon: city?.lon ?? null,
      preciseConsent: false,
      arrivalOn: row.arrivalOn,
      departureOn: row.departureOn,
      purpose: row.purpose,
    };
    const dependents = (await dependentIdsByGroup(trx, [row.id])).get(row.id) ?? [];
    await rewriteGroup(trx, row, dependents, fields, isoNow(now));
    return presentOne(trx, person.id, id, utcDay(now));
  });
}
