import { findCity } from '@homeward/gazetteer';
import { isoNow, newId } from '../../clock.ts';
import type { Db } from '../../db/schema.ts';
import { insertBusinessStaff, insertPersonChannels, insertPersons } from '../registry/registry.repo.ts';
import { findUserByEmail } from '../users/users.repo.ts';
import { insertBusiness, insertSite } from './businesses.repo.ts';

/** The demo citizen's organisation: fictional, with a site in Washington DC and one in Tokyo. */
const DEMO_REGISTRATION_NUMBER = '91110000MA01HW0D2X';
const WASHINGTON_DC = 4140963;
const TOKYO = 1850147;

interface DemoSite {
  name: string;
  countryCode: string;
  cityId: number;
  headcount: number;
  contact: [name: string, phone: string, email: string];
  staff: [family: string, given: string, native: string, passport: string, phone: string, role: string][];
}

const DEMO_SITES: DemoSite[] = [
  {
    name: 'Washington Office 华盛顿办事处',
    countryCode: 'US',
    cityId: WASHINGTON_DC,
    headcount: 12,
    contact: ['LIU YANG 刘洋', '+12025550142', 'security.dc@huaxia.example'],
    staff: [
      ['LIU', 'YANG', '刘洋', 'E10000001', '+12025550142', 'Office manager'],
      ['ZHAO', 'MIN', '赵敏', 'E10000002', '+12025550143', 'Engineer'],
      ['SUN', 'LEI', '孙磊', 'E10000003', '+12025550144', 'Engineer'],
    ],
  },
  {
    name: 'Tokyo Branch 东京分公司',
    countryCode: 'JP',
    cityId: TOKYO,
    headcount: 5,
    contact: ['ZHOU TAO 周涛', '+81355550100', 'security.tyo@huaxia.example'],
    staff: [
      ['ZHOU', 'TAO', '周涛', 'E10000004', '+81355550100', 'Branch manager'],
      ['WU', 'FANG', '吴芳', 'E10000005', '+81355550101', 'Accountant'],
    ],
  },
];

/** Adds the demo organisation once, for the demo citizen (when the account exists and has none yet). */
export async function seedDemoOrganisation(db: Db): Promise<void> {
  const owner = await findUserByEmail(db, 'citizen@demo.homeward.example');
  if (!owner) return;
  const existing = await db
    .selectFrom('businesses')
    .select('id')
    .where('registrationNumber', '=', DEMO_REGISTRATION_NUMBER)
    .executeTakeFirst();
  if (existing) return;
  const now = isoNow();
  const businessId = newId();
  await insertBusiness(db, {
    id: businessId,
    name: '华夏建设有限公司 Huaxia Construction Co., Ltd.',
    registrationNumber: DEMO_REGISTRATION_NUMBER,
    sector: 'construction',
    ownerUserId: owner.id,
    contactPersonId: null,
    createdAt: now,
    updatedAt: now,
  });
  for (const site of DEMO_SITES) {
    const city = findCity(site.cityId);
    const siteId = newId();
    await insertSite(db, {
      id: siteId,
      businessId,
      name: site.name,
      countryCode: site.countryCode,
      regionCode: city?.region ?? null,
      cityId: site.cityId,
      lat: city?.lat ?? null,
      lon: city?.lon ?? null,
      headcount: site.headcount,
      securityContactName: site.contact[0],
      securityContactPhone: site.contact[1],
      securityContactEmail: site.contact[2],
      createdAt: now,
      updatedAt: now,
    });
    const people = site.staff.map(([familyName, givenName, nativeName, passportNumber, phone, role]) => ({
      person: {
        id: newId(),
        userId: null,
        familyName,
        givenName,
        nativeName,
        passportNumber,
        locale: 'zh-CN',
        businessId,
        createdAt: now,
        updatedAt: now,
      },
      phone,
      role,
    }));
    await insertPersons(
      db,
      people.map((p) => p.person),
    );
    await insertPersonChannels(
      db,
      people.map((p) => ({
        id: newId(),
        personId: p.person.id,
        kind: 'sms' as const,
        address: p.phone,
        createdAt: now,
      })),
    );
    await insertBusinessStaff(
      db,
      people.map((p) => ({ siteId, personId: p.person.id, role: p.role, createdAt: now })),
    );
  }
}
