import type { Person, ProfileInput } from '@homeward/shared';
import type { Kysely } from 'kysely';
import { isoNow, newId } from '../../clock.ts';
import type { Database } from '../../db/schema.ts';
import type { Sex } from '../../db/tables/registry.table.ts';
import { ProblemError } from '../../http/problem.ts';
import { findUserById } from '../users/users.repo.ts';
import { readMrz } from './mrz.ts';
import {
  deleteChannels,
  findPersonByUserId,
  insertChannel,
  insertPerson,
  listChannels,
  updatePerson,
} from './persons.repo.ts';
import {
  type Caller,
  checkBirthDate,
  checkCountry,
  checkDate,
  checkPassportNumber,
  checkPhone,
  fieldProblem,
  textOrNull,
} from './registry.fields.ts';
import { toPersonDto } from './registry.presenter.ts';
import { utcDay } from './registry.rules.ts';

/** The caller's registration profile, or null before the first save. */
export async function viewProfile(db: Kysely<Database>, caller: Caller): Promise<Person | null> {
  const person = await findPersonByUserId(db, caller.userId);
  return person ? toPersonDto(person, await listChannels(db, person.id)) : null;
}

interface ProfileFields {
  passportNumber: string | null;
  birthDate: string | null;
  passportExpiry: string | null;
  sex: Sex | null;
  nationality: string | null;
}

/**
 * Checks a typed MRZ, then fills the passport fields the person left empty from it. A field the person
 * did fill must agree with it.
 * @throws ProblemError 422 mrz_invalid (naming the failed check) or mrz_mismatch
 */
function applyMrz(mrz: string, given: ProfileFields, today: string, caller: Caller): ProfileFields {
  const reading = readMrz(mrz, today);
  if (!reading.ok) {
    throw fieldProblem(422, 'mrz_invalid', '/mrz', caller.locale, `${reading.field}: ${reading.reason}`);
  }
  const { data } = reading;
  const compare: [keyof ProfileFields, string | null][] = [
    ['passportNumber', data.documentNumber],
    ['birthDate', data.birthDate],
    ['passportExpiry', data.expiryDate],
  ];
  for (const [field, fromMrz] of compare) {
    const typed = given[field];
    if (typed !== null && fromMrz !== null && typed !== fromMrz) {
      throw fieldProblem(422, 'mrz_mismatch', `/${field}`, caller.locale, `the MRZ says ${field} is ${fromMrz}`);
    }
  }
  return {
    passportNumber: given.passportNumber ?? (data.documentNumber || null),
    birthDate: given.birthDate ?? data.birthDate,
    passportExpiry: given.passportExpiry ?? data.expiryDate,
    sex: given.sex ?? data.sex,
    nationality: given.nationality ?? data.nationality,
  };
}

/**
 * Creates or replaces the caller's profile; the account's e-mail is always a (verified) channel and the
 * phone, when given, an sms channel. Nothing changes when any field is refused.
 */
export async function saveProfile(
  db: Kysely<Database>,
  caller: Caller,
  body: ProfileInput,
  options: { stateCode: string; now?: Date },
): Promise<Person> {
  const nowDate = options.now ?? new Date();
  const today = utcDay(nowDate);
  let fields: ProfileFields = {
    passportNumber: checkPassportNumber(body.passportNumber, caller.locale),
    birthDate: checkBirthDate(body.birthDate, today, caller.locale),
    passportExpiry: checkDate(body.passportExpiry, '/passportExpiry', caller.locale),
    sex: body.sex ?? null,
    nationality: checkCountry(body.nationality, '/nationality', caller.locale),
  };
  if (textOrNull(body.mrz)) fields = applyMrz(body.mrz ?? '', fields, today, caller);
  const phone = checkPhone(body.phone, '/phone', caller.locale);

  return db.transaction().execute(async (trx) => {
    const user = await findUserById(trx, caller.userId);
    if (!user?.email) throw new ProblemError(404, 'not_found', 'no such account');
    const now = isoNow(nowDate);
    const values = {
      familyName: body.familyName.trim(),
      givenName: body.givenName.trim(),
      nativeName: textOrNull(body.nativeName),
      ...fields,
      nationality: fields.nationality ?? options.stateCode,
      locale: body.locale ?? (user.locale === 'en' ? 'en' : 'zh-CN'),
      updatedAt: now,
    };
    const existing = await findPersonByUserId(trx, caller.userId);
    const personId = existing?.id ?? newId();
    if (existing) await updatePerson(trx, personId, values);
    else await insertPerson(trx, { id: personId, userId: caller.userId, businessId: null, createdAt: now, ...values });

    await deleteChannels(trx, personId, 'email');
    await insertChannel(trx, {
      id: newId(),
      personId,
      kind: 'email',
      address: user.email,
      verifiedAt: user.emailVerifiedAt ?? now,
      createdAt: now,
    });
    await deleteChannels(trx, personId, 'sms');
    if (phone) {
      await insertChannel(trx, {
        id: newId(),
        personId,
        kind: 'sms',
        address: phone,
        verifiedAt: null,
        createdAt: now,
      });
    }
    const saved = await findPersonByUserId(trx, caller.userId);
    if (!saved) throw new Error('person vanished inside its own transaction');
    return toPersonDto(saved, await listChannels(trx, personId));
  });
}
