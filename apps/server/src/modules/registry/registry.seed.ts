import { findCity } from '@homeward/gazetteer';
import { isoNow, newId } from '../../clock.ts';
import type { Db } from '../../db/schema.ts';
import { findUserByEmail } from '../users/users.repo.ts';
import { findPersonByUserId, insertChannel, insertPerson } from './persons.repo.ts';
import { insertPresenceGroup, type PresenceFields } from './presences.repo.ts';
import { daysBefore, utcDay } from './registry.rules.ts';

const WASHINGTON = 4140963;
const TOKYO = 1850147;

/**
 * The demo citizen (张三丰) is registered: living in Washington DC (US-DC) and, this week, on a trip to Tokyo
 * (JP-13), so "where am I now" says Tokyo. Idempotent: an existing registration is left as it is.
 */
export async function seedDemoCitizenRegistration(db: Db, now: Date = new Date()): Promise<void> {
  const user = await findUserByEmail(db, 'citizen@demo.homeward.example');
  if (!user?.email || (await findPersonByUserId(db, user.id))) return;
  const at = isoNow(now);
  const today = utcDay(now);
  const personId = newId();
  await insertPerson(db, {
    id: personId,
    userId: user.id,
    familyName: 'ZHANG',
    givenName: 'SANFENG',
    nativeName: '张三丰',
    birthDate: '1985-04-09',
    sex: 'M',
    nationality: 'CN',
    passportNumber: 'E98765432',
    passportExpiry: '2031-06-30',
    locale: 'zh-CN',
    businessId: null,
    createdAt: at,
    updatedAt: at,
  });
  await insertChannel(db, {
    id: newId(),
    personId,
    kind: 'email',
    address: user.email,
    verifiedAt: user.emailVerifiedAt ?? at,
    createdAt: at,
  });
  const place = (cityId: number) => {
    const city = findCity(cityId);
    return { cityId, regionCode: city?.region ?? null, lat: city?.lat ?? null, lon: city?.lon ?? null };
  };
  const home: PresenceFields = {
    kind: 'residence',
    countryCode: 'US',
    ...place(WASHINGTON),
    preciseConsent: false,
    arrivalOn: '2023-09-01',
    departureOn: null,
    purpose: 'work',
  };
  const trip: PresenceFields = {
    kind: 'trip',
    countryCode: 'JP',
    ...place(TOKYO),
    preciseConsent: false,
    arrivalOn: daysBefore(today, 2),
    departureOn: daysBefore(today, -7),
    purpose: 'business',
  };
  for (const fields of [home, trip]) {
    await insertPresenceGroup(db, { id: newId(), personId, dependentIds: [], ownerRow: true, newId }, fields, at);
  }
}
