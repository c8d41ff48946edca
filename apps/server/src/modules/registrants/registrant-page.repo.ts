import type { Db } from '../../db/schema.ts';

/** Everything the person page shows, read in a handful of indexed queries by person id. */
export async function findPerson(db: Db, personId: string) {
  return db.selectFrom('persons').selectAll().where('id', '=', personId).executeTakeFirst();
}

export async function listPresencesOf(db: Db, personId: string) {
  return db
    .selectFrom('presences')
    .select([
      'id',
      'dependentId',
      'kind',
      'countryCode',
      'regionCode',
      'cityId',
      'preciseConsent',
      'arrivalOn',
      'departureOn',
      'purpose',
    ])
    .where('personId', '=', personId)
    .orderBy('arrivalOn', 'desc')
    .orderBy('id')
    .execute();
}

export async function listChannelsOf(db: Db, personId: string) {
  return db
    .selectFrom('personChannels')
    .select(['kind', 'address', 'verifiedAt'])
    .where('personId', '=', personId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

export async function listDependentsOf(db: Db, personId: string) {
  return db
    .selectFrom('dependents')
    .select(['id', 'familyName', 'givenName', 'nativeName', 'birthDate', 'relationship', 'passportNumber'])
    .where('personId', '=', personId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

export async function listEmergencyContactsOf(db: Db, personId: string) {
  return db
    .selectFrom('emergencyContacts')
    .select(['name', 'relationship', 'phone', 'email', 'countryCode'])
    .where('personId', '=', personId)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
}

export async function listSubscriptionsOf(db: Db, personId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('countrySubscriptions')
    .select('countryCode')
    .where('personId', '=', personId)
    .orderBy('countryCode')
    .execute();
  return rows.map((r) => r.countryCode);
}

/** The business sites the person works at, and the business they were imported by. */
export async function listBusinessesOf(db: Db, personId: string) {
  return db
    .selectFrom('businessStaff as s')
    .innerJoin('businessSites as site', 'site.id', 's.siteId')
    .innerJoin('businesses as b', 'b.id', 'site.businessId')
    .select(['b.id as businessId', 'b.name as businessName', 'site.name as siteName', 'site.countryCode', 's.role'])
    .where('s.personId', '=', personId)
    .orderBy('b.name')
    .orderBy('site.name')
    .execute();
}

export async function findBusinessName(db: Db, businessId: string): Promise<string | undefined> {
  const row = await db.selectFrom('businesses').select('name').where('id', '=', businessId).executeTakeFirst();
  return row?.name;
}
