import { findCity } from '@homeward/gazetteer';
import type { HotlineLookup, HotlineLookupQuery, LookupPerson } from '@homeward/shared';
import type { Db } from '../../db/schema.ts';
import { ProblemError } from '../../http/problem.ts';
import type { Actor } from '../../policy/actor.ts';
import { canWorkHotline } from '../../policy/hotline.policy.ts';
import { type AuditSource, appendAudit } from '../audit/audit.service.ts';
import { normalizePassportNumber, utcDay, whereAmINow } from '../registry/registry.rules.ts';
import {
  type FoundPerson,
  findCasesByNumberOrPhone,
  findPersonsByName,
  findPersonsByPassport,
  findPersonsByPhone,
  listOpenCasesOf,
  listPhonesOf,
  listPresencesOf,
} from './hotline.lookup.repo.ts';
import { toLookupCase } from './hotline.presenter.ts';
import { callerE164, looksLikeCaseNumber, looksLikePhone } from './hotline.rules.ts';

const LIMIT = 10;

/**
 * Finds who is calling or whom they call about: registry persons by phone (E.164, or national with the country
 * hint), passport number or part of a name in either script, each with where they are today and their open
 * cases; and cases by number or call-back phone. Every lookup is written to the audit log with the persons
 * it showed, since it reads personal data.
 */
export async function lookup(
  db: Db,
  actor: Actor,
  query: HotlineLookupQuery,
  source: AuditSource,
  now: Date = new Date(),
): Promise<HotlineLookup> {
  if (!canWorkHotline(actor)) throw new ProblemError(403, 'forbidden');
  const q = query.q.trim();
  const phone = looksLikePhone(q) ? callerE164(q, query.country) : null;
  const matches: { person: FoundPerson; by: LookupPerson['matchedBy'] }[] = [];
  const add = (persons: FoundPerson[], by: LookupPerson['matchedBy']) => {
    for (const person of persons)
      if (!matches.some((m) => m.person.id === person.id) && matches.length < LIMIT) matches.push({ person, by });
  };
  if (phone) add(await findPersonsByPhone(db, phone, LIMIT), 'phone');
  if (!looksLikePhone(q) && !looksLikeCaseNumber(q)) {
    const passport = normalizePassportNumber(q);
    if (passport) add(await findPersonsByPassport(db, passport, LIMIT), 'passport');
    add(await findPersonsByName(db, q, LIMIT), 'name');
  }
  const persons = matches.map((m) => m.person);
  const ids = persons.map((p) => p.id);
  const [phones, presences, openCases, cases] = await Promise.all([
    listPhonesOf(db, ids),
    listPresencesOf(db, ids),
    listOpenCasesOf(db, persons),
    findCasesByNumberOrPhone(
      db,
      { numberPrefix: looksLikeCaseNumber(q) ? q.toUpperCase() : undefined, phone: phone ?? undefined },
      LIMIT,
    ),
  ]);
  const today = utcDay(now);
  const result: HotlineLookup = {
    phone,
    persons: matches.map(({ person, by }) => {
      const here = whereAmINow(
        presences.filter((p) => p.personId === person.id),
        today,
      );
      return {
        id: person.id,
        familyName: person.familyName,
        givenName: person.givenName,
        nativeName: person.nativeName,
        birthDate: person.birthDate,
        passportNumber: person.passportNumber,
        phones: phones.filter((p) => p.personId === person.id).map((p) => p.address),
        matchedBy: by,
        presence: here
          ? {
              kind: here.kind,
              countryCode: here.countryCode,
              regionCode: here.regionCode,
              cityName: here.cityId === null ? null : (findCity(Number(here.cityId))?.name ?? null),
              arrivalOn: here.arrivalOn,
              departureOn: here.departureOn,
            }
          : null,
        openCases: openCases
          .filter(
            (c) =>
              c.subjectPersonId === person.id ||
              c.linkedPersonId === person.id ||
              (person.userId !== null && c.reporterUserId === person.userId),
          )
          .map(toLookupCase),
      };
    }),
    cases: cases.map(toLookupCase),
  };
  await appendAudit(db, source, {
    action: 'hotline.lookup',
    details: {
      by: phone ? 'phone' : looksLikeCaseNumber(q) ? 'case_number' : 'name_or_passport',
      personIds: ids,
      caseIds: result.cases.map((c) => c.id),
    },
  });
  return result;
}
