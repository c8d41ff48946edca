import { isoNow, newId } from '../../clock.ts';
import type { Db } from '../../db/schema.ts';
import {
  insertCountrySubscriptions,
  insertDependents,
  insertPersonChannels,
  insertPersons,
  insertPresences,
  type NewPresence,
} from '../registry/registry.repo.ts';

/**
 * Synthetic registrants for the demo, so the staff console's map and table show something on `npm start`:
 * 300 persons (pinyin and hanzi names) living in or travelling to cities of ten countries, some with a child,
 * some on a trip away from home today. Deterministic for a given day (a seeded generator; trips are placed
 * around the day the seed runs). Idempotent: a database that has the first demo passport is left alone.
 */

// GeoNames ids and coordinates from @homeward/gazetteer; regions as ISO 3166-2 (filled in where GeoNames has none).
const CITIES = [
  { id: 4140963, country: 'US', region: 'US-DC', lat: 38.8951, lon: -77.0364, weight: 8 },
  { id: 4744709, country: 'US', region: 'US-VA', lat: 38.8816, lon: -77.091, weight: 4 },
  { id: 4744091, country: 'US', region: 'US-VA', lat: 38.8048, lon: -77.0469, weight: 3 },
  { id: 4781708, country: 'US', region: 'US-VA', lat: 37.5538, lon: -77.4603, weight: 2 },
  { id: 4347778, country: 'US', region: 'US-MD', lat: 39.2904, lon: -76.6122, weight: 3 },
  { id: 4699066, country: 'US', region: 'US-TX', lat: 29.7633, lon: -95.3633, weight: 5 },
  { id: 5128581, country: 'US', region: 'US-NY', lat: 40.7143, lon: -74.006, weight: 12 },
  { id: 4930956, country: 'US', region: 'US-MA', lat: 42.3584, lon: -71.0598, weight: 4 },
  { id: 4887398, country: 'US', region: 'US-IL', lat: 41.85, lon: -87.65, weight: 4 },
  { id: 5368361, country: 'US', region: 'US-CA', lat: 34.0522, lon: -118.2437, weight: 9 },
  { id: 5391959, country: 'US', region: 'US-CA', lat: 37.7749, lon: -122.4194, weight: 7 },
  { id: 5809844, country: 'US', region: 'US-WA', lat: 47.6062, lon: -122.3321, weight: 3 },
  { id: 1850147, country: 'JP', region: 'JP-13', lat: 35.6895, lon: 139.6917, weight: 12 },
  { id: 1848354, country: 'JP', region: 'JP-14', lat: 35.4333, lon: 139.65, weight: 3 },
  { id: 1853909, country: 'JP', region: 'JP-27', lat: 34.6937, lon: 135.5022, weight: 6 },
  { id: 1863967, country: 'JP', region: 'JP-40', lat: 33.6, lon: 130.4167, weight: 2 },
  { id: 2128295, country: 'JP', region: 'JP-01', lat: 43.0667, lon: 141.35, weight: 2 },
  { id: 2643743, country: 'GB', region: 'GB-ENG', lat: 51.5085, lon: -0.1257, weight: 9 },
  { id: 2643123, country: 'GB', region: 'GB-ENG', lat: 53.4809, lon: -2.2374, weight: 3 },
  { id: 2650225, country: 'GB', region: 'GB-SCT', lat: 55.9521, lon: -3.1965, weight: 2 },
  { id: 2988507, country: 'FR', region: 'FR-IDF', lat: 48.8534, lon: 2.3488, weight: 8 },
  { id: 2996944, country: 'FR', region: 'FR-ARA', lat: 45.7485, lon: 4.8467, weight: 2 },
  { id: 2995469, country: 'FR', region: 'FR-PAC', lat: 43.297, lon: 5.3811, weight: 2 },
  { id: 2950159, country: 'DE', region: 'DE-BE', lat: 52.5244, lon: 13.4105, weight: 5 },
  { id: 2867714, country: 'DE', region: 'DE-BY', lat: 48.1374, lon: 11.5755, weight: 3 },
  { id: 2925533, country: 'DE', region: 'DE-HE', lat: 50.1155, lon: 8.6842, weight: 3 },
  { id: 2911298, country: 'DE', region: 'DE-HH', lat: 53.5507, lon: 9.993, weight: 2 },
  { id: 2332459, country: 'NG', region: 'NG-LA', lat: 6.4541, lon: 3.3947, weight: 5 },
  { id: 2352778, country: 'NG', region: 'NG-FC', lat: 9.0579, lon: 7.4951, weight: 2 },
  { id: 2147714, country: 'AU', region: 'AU-NSW', lat: -33.8678, lon: 151.2073, weight: 5 },
  { id: 2158177, country: 'AU', region: 'AU-VIC', lat: -37.814, lon: 144.9633, weight: 4 },
  { id: 6167865, country: 'CA', region: 'CA-ON', lat: 43.7001, lon: -79.4163, weight: 4 },
  { id: 6173331, country: 'CA', region: 'CA-BC', lat: 49.2497, lon: -123.1193, weight: 3 },
  { id: 184745, country: 'KE', region: 'KE-30', lat: -1.2833, lon: 36.8167, weight: 2 },
] as const;

const FAMILY = [
  ['王', 'WANG'],
  ['李', 'LI'],
  ['张', 'ZHANG'],
  ['刘', 'LIU'],
  ['陈', 'CHEN'],
  ['杨', 'YANG'],
  ['黄', 'HUANG'],
  ['赵', 'ZHAO'],
  ['吴', 'WU'],
  ['周', 'ZHOU'],
  ['徐', 'XU'],
  ['孙', 'SUN'],
  ['马', 'MA'],
  ['朱', 'ZHU'],
  ['胡', 'HU'],
  ['郭', 'GUO'],
  ['何', 'HE'],
  ['林', 'LIN'],
  ['罗', 'LUO'],
  ['吕', 'LYU'],
  ['欧阳', 'OUYANG'],
] as const;
const GIVEN = [
  ['伟', 'WEI'],
  ['芳', 'FANG'],
  ['娜', 'NA'],
  ['秀英', 'XIUYING'],
  ['敏', 'MIN'],
  ['静', 'JING'],
  ['丽', 'LI'],
  ['强', 'QIANG'],
  ['磊', 'LEI'],
  ['军', 'JUN'],
  ['洋', 'YANG'],
  ['艳', 'YAN'],
  ['勇', 'YONG'],
  ['杰', 'JIE'],
  ['娟', 'JUAN'],
  ['涛', 'TAO'],
  ['明', 'MING'],
  ['超', 'CHAO'],
  ['秀兰', 'XIULAN'],
  ['霞', 'XIA'],
  ['平', 'PING'],
  ['建华', 'JIANHUA'],
  ['志强', 'ZHIQIANG'],
  ['海燕', 'HAIYAN'],
  ['晓东', 'XIAODONG'],
  ['思远', 'SIYUAN'],
] as const;
const PURPOSES = ['business', 'tourism', 'study', 'family visit', 'conference'] as const;

export const DEMO_REGISTRANT_COUNT = 300;
const FIRST_PASSPORT = 'EH7000001';

// mulberry32: a tiny seeded generator, so the same day always seeds the same people.
function generator(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export async function seedDemoRegistrants(db: Db): Promise<number> {
  const known = await db
    .selectFrom('persons')
    .select('id')
    .where('passportNumber', '=', FIRST_PASSPORT)
    .executeTakeFirst();
  if (known) return 0;
  const random = generator(12308);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const totalWeight = CITIES.reduce((sum, c) => sum + c.weight, 0);
  const pickCity = () => {
    let r = random() * totalWeight;
    for (const c of CITIES) {
      r -= c.weight;
      if (r < 0) return c;
    }
    return CITIES[0];
  };
  const now = isoNow();
  const today = now.slice(0, 10);
  const persons = [];
  const dependents = [];
  const presences: NewPresence[] = [];
  const channels = [];
  const subscriptions = [];
  const place = (c: (typeof CITIES)[number]) => ({
    countryCode: c.country,
    regionCode: c.region,
    cityId: c.id,
    lat: c.lat,
    lon: c.lon,
    preciseConsent: false,
  });
  for (let i = 0; i < DEMO_REGISTRANT_COUNT; i++) {
    const [familyHan, familyLatin] = pick(FAMILY);
    const [givenHan, givenLatin] = pick(GIVEN);
    const id = newId();
    const year = 1955 + Math.floor(random() * 50);
    persons.push({
      id,
      userId: null,
      familyName: familyLatin,
      givenName: givenLatin,
      nativeName: `${familyHan}${givenHan}`,
      birthDate: `${year}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`,
      sex: random() < 0.5 ? ('F' as const) : ('M' as const),
      nationality: 'CN',
      passportNumber: `EH${7_000_001 + i}`,
      passportExpiry: addDays(today, 200 + Math.floor(random() * 3000)),
      locale: random() < 0.85 ? 'zh-CN' : 'en',
      businessId: null,
      createdAt: now,
      updatedAt: now,
    });
    channels.push({
      id: newId(),
      personId: id,
      kind: 'email' as const,
      address: `${givenLatin}.${familyLatin}.${i}@example.cn`.toLowerCase(),
      verifiedAt: now,
      createdAt: now,
    });
    if (random() < 0.7) {
      channels.push({
        id: newId(),
        personId: id,
        kind: 'sms' as const,
        address: `+86139${String(10_000_000 + i * 7919).slice(-8)}`,
        verifiedAt: null,
        createdAt: now,
      });
    }
    const home = pickCity();
    const roll = random();
    const base = { personId: id, createdAt: now, purpose: null };
    // Six in ten live abroad; the rest are on a trip now, soon, or were (a past trip counts nowhere today).
    const withChild = random() < 0.15;
    const child = withChild ? newId() : null;
    if (child) {
      const [childGivenHan, childGivenLatin] = pick(GIVEN);
      dependents.push({
        id: child,
        personId: id,
        familyName: familyLatin,
        givenName: childGivenLatin,
        nativeName: `${familyHan}${childGivenHan}`,
        birthDate: `${2012 + Math.floor(random() * 12)}-06-01`,
        sex: random() < 0.5 ? ('F' as const) : ('M' as const),
        passportNumber: null,
        passportExpiry: null,
        relationship: 'child',
        createdAt: now,
        updatedAt: now,
      });
    }
    const addFor = (p: Omit<NewPresence, 'id' | 'dependentId'>) => {
      presences.push({ ...p, id: newId(), dependentId: null });
      if (child) presences.push({ ...p, id: newId(), dependentId: child });
    };
    if (roll < 0.6) {
      addFor({
        ...base,
        ...place(home),
        kind: 'residence',
        arrivalOn: `${2015 + Math.floor(random() * 10)}-09-01`,
        departureOn: null,
      });
      // One resident in eight is travelling in another city today: the trip is where they count.
      if (random() < 0.125) {
        const away = pickCity();
        addFor({
          ...base,
          ...place(away),
          kind: 'trip',
          purpose: pick(PURPOSES),
          arrivalOn: addDays(today, -2),
          departureOn: addDays(today, 5),
        });
      }
    } else {
      const start = roll < 0.9 ? -Math.floor(random() * 10) : roll < 0.95 ? 10 : -40;
      addFor({
        ...base,
        ...place(home),
        kind: 'trip',
        purpose: pick(PURPOSES),
        arrivalOn: addDays(today, start),
        departureOn: addDays(today, start + 7 + Math.floor(random() * 21)),
      });
    }
    if (random() < 0.2)
      subscriptions.push({ personId: id, countryCode: pick(['US', 'JP', 'FR', 'TH']), createdAt: now });
  }
  await insertPersons(db, persons);
  await insertDependents(db, dependents);
  await insertPresences(db, presences);
  await insertPersonChannels(db, channels);
  await insertCountrySubscriptions(db, subscriptions);
  return persons.length;
}
