import { isKnownCountry } from '@homeward/gazetteer';
import { type FieldMessageKind, fieldMessage, type Locale, type ProblemCode } from '@homeward/shared';
import type { Db } from '../../db/schema.ts';
import { ProblemError } from '../../http/problem.ts';
import { findPersonByUserId, type PersonRow } from './persons.repo.ts';
import { isRealDate, normalizePassportNumber, toE164 } from './registry.rules.ts';

// Checks shared by the registry services: each refusal names its field (decision 0006).

/** Who is asking: the signed-in citizen, and the language their field errors are in. */
export interface Caller {
  userId: string;
  email: string;
  locale: Locale;
}

/** A refusal that names one field, e.g. `fieldProblem(422, 'dates_invalid', '/birthDate', …)`. */
export function fieldProblem(
  status: number,
  code: ProblemCode,
  field: string,
  locale: Locale,
  detail: string,
  kind: FieldMessageKind = 'invalid',
): ProblemError {
  const name = field.split('/').filter(Boolean).at(-1) ?? field;
  return new ProblemError(status, code, detail, [{ field, message: fieldMessage(kind, name, locale) }]);
}

/** The caller's person record, or 409 profile_required: every sub-resource hangs on a saved profile. */
export async function requirePerson(db: Db, caller: Caller): Promise<PersonRow> {
  const person = await findPersonByUserId(db, caller.userId);
  if (!person) throw new ProblemError(409, 'profile_required', 'save the profile (PUT /registry/me) first');
  return person;
}

/** Null for absent or blank text, else the trimmed text. */
export function textOrNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

export function checkDate(value: string | null | undefined, field: string, locale: Locale): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (!isRealDate(value)) throw fieldProblem(422, 'dates_invalid', field, locale, `${value} is not a calendar date`);
  return value;
}

export function checkBirthDate(value: string | null | undefined, today: string, locale: Locale): string | null {
  const date = checkDate(value, '/birthDate', locale);
  if (date !== null && date >= today) {
    throw fieldProblem(422, 'dates_invalid', '/birthDate', locale, 'a birth date must be in the past');
  }
  return date;
}

export function checkPassportNumber(value: string | null | undefined, locale: Locale): string | null {
  if (textOrNull(value) === null) return null;
  const normalized = normalizePassportNumber(value ?? '');
  if (!normalized) {
    throw fieldProblem(400, 'validation_failed', '/passportNumber', locale, '5 to 20 letters and digits', 'format');
  }
  return normalized;
}

export function checkPhone(value: string | null | undefined, field: string, locale: Locale): string | null {
  if (textOrNull(value) === null) return null;
  const e164 = toE164(value ?? '');
  if (!e164) throw fieldProblem(422, 'phone_invalid', field, locale, 'not a possible international phone number');
  return e164;
}

export function checkCountry(value: string | null | undefined, field: string, locale: Locale): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (!isKnownCountry(value)) throw fieldProblem(422, 'country_unknown', field, locale, `unknown country ${value}`);
  return value;
}
