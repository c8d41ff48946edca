import type {
  Dependent,
  DependentInput,
  EmergencyContact,
  EmergencyContactInput,
  Subscription,
} from '@homeward/shared';
import { REGISTRY_LIMITS } from '@homeward/shared';
import type { Kysely } from 'kysely';
import { isoNow, newId } from '../../clock.ts';
import type { Database, Db } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { ProblemError } from '../../http/problem.ts';
import {
  countRows,
  deleteDependent,
  deleteEmergencyContact,
  deleteSubscription,
  findDependent,
  findEmergencyContact,
  findPersonByUserId,
  findSubscription,
  insertDependent,
  insertEmergencyContact,
  insertSubscription,
  listDependents,
  listEmergencyContacts,
  listSubscriptions,
  updateDependent,
  updateEmergencyContact,
} from './persons.repo.ts';
import {
  type Caller,
  checkBirthDate,
  checkCountry,
  checkDate,
  checkPassportNumber,
  checkPhone,
  fieldProblem,
  requirePerson,
  textOrNull,
} from './registry.fields.ts';
import { countryNameOf, toDependentDto, toEmergencyContactDto } from './registry.presenter.ts';
import { utcDay } from './registry.rules.ts';

// The people around a registered person: dependents (family without an account of their own), emergency
// contacts at home, and the countries whose advisories they follow (decision 0006).

const notFound = (what: string) => new ProblemError(404, 'not_found', `no such ${what}`);

async function checkLimit(
  db: Db,
  table: 'dependents' | 'emergencyContacts' | 'countrySubscriptions',
  personId: string,
  limit: number,
): Promise<void> {
  if ((await countRows(db, table, personId)) >= limit) {
    throw new ProblemError(422, 'limit_reached', `at most ${limit}`);
  }
}

function dependentFields(body: DependentInput, caller: Caller, now: Date) {
  return {
    familyName: body.familyName.trim(),
    givenName: body.givenName.trim(),
    nativeName: textOrNull(body.nativeName),
    birthDate: checkBirthDate(body.birthDate, utcDay(now), caller.locale),
    sex: body.sex ?? null,
    passportNumber: checkPassportNumber(body.passportNumber, caller.locale),
    passportExpiry: checkDate(body.passportExpiry, '/passportExpiry', caller.locale),
    relationship: body.relationship,
  };
}

export async function listMyDependents(db: Kysely<Database>, caller: Caller): Promise<Dependent[]> {
  const person = await findPersonByUserId(db, caller.userId);
  return person ? (await listDependents(db, person.id)).map(toDependentDto) : [];
}

export async function addDependent(
  db: Kysely<Database>,
  caller: Caller,
  body: DependentInput,
  now = new Date(),
): Promise<Dependent> {
  const fields = dependentFields(body, caller, now);
  return inTransaction(db, async (trx) => {
    const person = await requirePerson(trx, caller);
    await checkLimit(trx, 'dependents', person.id, REGISTRY_LIMITS.dependents);
    const at = isoNow(now);
    const row = { id: newId(), personId: person.id, ...fields, createdAt: at, updatedAt: at };
    await insertDependent(trx, row);
    return toDependentDto(row);
  });
}

export async function replaceDependent(
  db: Kysely<Database>,
  caller: Caller,
  id: string,
  body: DependentInput,
  now = new Date(),
): Promise<Dependent> {
  const fields = dependentFields(body, caller, now);
  return db.transaction().execute(async (trx) => {
    const person = await requirePerson(trx, caller);
    const existing = await findDependent(trx, person.id, id);
    if (!existing) throw notFound('dependent');
    const changes = { ...fields, updatedAt: isoNow(now) };
    await updateDependent(trx, id, changes);
    return toDependentDto({ ...existing, ...changes });
  });
}

/** Removes a dependent and, with them, their presences. */
export async function removeDependent(db: Kysely<Database>, caller: Caller, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const person = await requirePerson(trx, caller);
    if (!(await deleteDependent(trx, person.id, id))) throw notFound('dependent');
  });
}

function contactFields(body: EmergencyContactInput, caller: Caller) {
  const phone = checkPhone(body.phone, '/phone', caller.locale);
  const email = textOrNull(body.email)?.toLowerCase() ?? null;
  if (!phone && !email) {
    throw fieldProblem(422, 'contact_channel_required', '/phone', caller.locale, 'a phone or an email', 'required');
  }
  return {
    name: body.name.trim(),
    relationship: body.relationship.trim(),
    phone,
    email,
    countryCode: checkCountry(body.countryCode, '/countryCode', caller.locale),
  };
}

export async function listMyEmergencyContacts(db: Kysely<Database>, caller: Caller): Promise<EmergencyContact[]> {
  const person = await findPersonByUserId(db, caller.userId);
  return person ? (await listEmergencyContacts(db, person.id)).map(toEmergencyContactDto) : [];
}

export async function addEmergencyContact(
  db: Kysely<Database>,
  caller: Caller,
  body: EmergencyContactInput,
  now = new Date(),
): Promise<EmergencyContact> {
  const fields = contactFields(body, caller);
  return inTransaction(db, async (trx) => {
    const person = await requirePerson(trx, caller);
    await checkLimit(trx, 'emergencyContacts', person.id, REGISTRY_LIMITS.emergencyContacts);
    const at = isoNow(now);
    const row = { id: newId(), personId: person.id, ...fields, createdAt: at, updatedAt: at };
    await insertEmergencyContact(trx, row);
    return toEmergencyContactDto(row);
  });
}

export async function replaceEmergencyContact(
  db: Kysely<Database>,
  caller: Caller,
  id: string,
  body: EmergencyContactInput,
  now = new Date(),
): Promise<EmergencyContact> {
  const fields = contactFields(body, caller);
  return db.transaction().execute(async (trx) => {
    const person = await requirePerson(trx, caller);
    const existing = await findEmergencyContact(trx, person.id, id);
    if (!existing) throw notFound('emergency contact');
    const changes = { ...fields, updatedAt: isoNow(now) };
    await updateEmergencyContact(trx, id, changes);
    return toEmergencyContactDto({ ...existing, ...changes });
  });
}

export async function removeEmergencyContact(db: Kysely<Database>, caller: Caller, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const person = await requirePerson(trx, caller);
    if (!(await deleteEmergencyContact(trx, person.id, id))) throw notFound('emergency contact');
  });
}

export async function listMySubscriptions(db: Kysely<Database>, caller: Caller): Promise<Subscription[]> {
  const person = await findPersonByUserId(db, caller.userId);
  if (!person) return [];
  return (await listSubscriptions(db, person.id)).map((s) => ({ ...s, countryName: countryNameOf(s.countryCode) }));
}

/** Follows a country's advisories; subscribing again keeps the first subscription. */
export async function subscribe(
  db: Kysely<Database>,
  caller: Caller,
  countryCode: string,
  now = new Date(),
): Promise<Subscription> {
  checkCountry(countryCode, '/params/countryCode', caller.locale);
  return db.transaction().execute(async (trx) => {
    const person = await requirePerson(trx, caller);
    let row = await findSubscription(trx, person.id, countryCode);
    if (!row) {
      await checkLimit(trx, 'countrySubscriptions', person.id, REGISTRY_LIMITS.subscriptions);
      row = { countryCode, createdAt: isoNow(now) };
      await insertSubscription(trx, person.id, countryCode, row.createdAt);
    }
    return { ...row, countryName: countryNameOf(countryCode) };
  });
}

export async function unsubscribe(db: Kysely<Database>, caller: Caller, countryCode: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const person = await requirePerson(trx, caller);
    await deleteSubscription(trx, person.id, countryCode);
  });
}
