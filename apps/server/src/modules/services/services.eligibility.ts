import type { FieldError, Locale, ServiceDefinition } from '@homeward/shared';
import type { Db } from '../../db/schema.ts';
import { findPersonByUserId } from '../registry/persons.repo.ts';

const MESSAGES = {
  profile: {
    en: 'Save your personal details (nationality and date of birth) first',
    'zh-CN': '请先保存个人信息（国籍和出生日期）',
  },
  nationality: { en: 'This service is not for holders of your nationality', 'zh-CN': '此项服务不适用于您的国籍' },
  age: { en: 'This service is for people aged {range}', 'zh-CN': '此项服务适用于 {range} 的人' },
  abroad: {
    en: 'Register your residence or trip abroad first',
    'zh-CN': '请先登记您在国外的居住或行程信息',
  },
} as const;

/** Whole years between a YYYY-MM-DD birth date and `today`. */
export function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

function ageRange(d: ServiceDefinition, locale: Locale): string {
  const { minAge, maxAge } = d.eligibility;
  if (locale === 'en') {
    if (minAge !== undefined && maxAge !== undefined) return `${minAge} to ${maxAge}`;
    return minAge !== undefined ? `${minAge} or over` : `${maxAge} or under`;
  }
  if (minAge !== undefined && maxAge !== undefined) return `${minAge} 至 ${maxAge} 岁`;
  return minAge !== undefined ? `${minAge} 岁及以上` : `${maxAge} 岁及以下`;
}

/**
 * Why the user may not apply for the service, as field errors on `/eligibility/<rule>`, or [] when they may.
 * Read from their saved profile (nationality, date of birth) and their registrations abroad.
 */
export async function checkEligibility(
  db: Db,
  userId: string,
  definition: ServiceDefinition,
  today: string,
  locale: Locale,
): Promise<FieldError[]> {
  const rules = definition.eligibility;
  const person = await findPersonByUserId(db, userId);
  const needsProfile =
    rules.nationalities.length > 0 ||
    (rules.excludedNationalities?.length ?? 0) > 0 ||
    rules.minAge !== undefined ||
    rules.maxAge !== undefined ||
    rules.registeredAbroad;
  if (needsProfile && !person) return [{ field: '/eligibility/profile', message: MESSAGES.profile[locale] }];
  if (!person) return [];
  const errors: FieldError[] = [];
  const nationality = person.nationality;
  const nationalityNeeded = rules.nationalities.length > 0 || (rules.excludedNationalities?.length ?? 0) > 0;
  if (nationalityNeeded && !nationality) {
    errors.push({ field: '/eligibility/profile', message: MESSAGES.profile[locale] });
  } else if (
    nationality &&
    ((rules.nationalities.length > 0 && !rules.nationalities.includes(nationality)) ||
      rules.excludedNationalities?.includes(nationality))
  ) {
    errors.push({ field: '/eligibility/nationality', message: MESSAGES.nationality[locale] });
  }
  if (rules.minAge !== undefined || rules.maxAge !== undefined) {
    if (!person.birthDate) {
      if (!errors.some((e) => e.field === '/eligibility/profile'))
        errors.push({ field: '/eligibility/profile', message: MESSAGES.profile[locale] });
    } else {
      const age = ageOn(person.birthDate, today);
      if ((rules.minAge !== undefined && age < rules.minAge) || (rules.maxAge !== undefined && age > rules.maxAge)) {
        errors.push({
          field: '/eligibility/age',
          message: MESSAGES.age[locale].replace('{range}', ageRange(definition, locale)),
        });
      }
    }
  }
  if (rules.registeredAbroad) {
    const presence = await db
      .selectFrom('presences')
      .select('id')
      .where('personId', '=', person.id)
      .where('dependentId', 'is', null)
      .where((eb) => eb.or([eb('departureOn', 'is', null), eb('departureOn', '>=', today)]))
      .executeTakeFirst();
    if (!presence) errors.push({ field: '/eligibility/registeredAbroad', message: MESSAGES.abroad[locale] });
  }
  return errors;
}
