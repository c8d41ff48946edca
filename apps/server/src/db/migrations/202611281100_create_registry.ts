import type { Kysely } from 'kysely';

// The registry of nationals abroad: who they are, how to reach them, where they are (presences), which
// countries' advisories they follow, and the businesses whose staff a mission must count in a crisis.
// `cell` is the geohash (8 characters, about 38 m × 19 m) of the point, B-tree indexed with the id so that an
// area covered by geohash prefixes becomes a few index range scans with keyset pagination on both engines.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen snapshots, not typed code
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('persons')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.unique().references('users.id').onDelete('set null'))
    .addColumn('family_name', 'text', (c) => c.notNull())
    .addColumn('given_name', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text')
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('person_channels')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('verified_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('person_channels_person_idx')
    .on('person_channels')
    .columns(['person_id', 'kind', 'address'])
    .unique()
    .execute();

  await db.schema
    .createTable('dependents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('family_name', 'text', (c) => c.notNull())
    .addColumn('given_name', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text')
    .addColumn('relationship', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dependents_person_idx').on('dependents').column('person_id').execute();

  await db.schema
    .createTable('presences')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('dependent_id', 'text', (c) => c.references('dependents.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('country_code', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text')
    .addColumn('city_id', 'integer')
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('cell', 'text')
    .addColumn('precise_consent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('arrival_on', 'text', (c) => c.notNull())
    .addColumn('departure_on', 'text')
    .addColumn('purpose', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('presences_cell_idx').on('presences').columns(['cell', 'id']).execute();
  await db.schema.createIndex('presences_country_idx').on('presences').columns(['country_code', 'id']).execute();
  await db.schema.createIndex('presences_region_idx').on('presences').columns(['region_code', 'id']).execute();
  await db.schema.createIndex('presences_person_idx').on('presences').columns(['person_id', 'arrival_on']).execute();

  await db.schema
    .createTable('country_subscriptions')
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('country_code', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('country_subscriptions_pk', ['person_id', 'country_code'])
    .execute();
  await db.schema
    .createIndex('country_subscriptions_country_idx')
    .on('country_subscriptions')
    .columns(['country_code', 'person_id'])
    .execute();

  await db.schema
    .createTable('businesses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('registration_number', 'text')
    .addColumn('contact_person_id', 'text', (c) => c.references('persons.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('business_sites')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('business_id', 'text', (c) => c.notNull().references('businesses.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('country_code', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text')
    .addColumn('city_id', 'integer')
    .addColumn('lat', 'double precision')
    .addColumn('lon', 'double precision')
    .addColumn('cell', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('business_sites_cell_idx').on('business_sites').columns(['cell', 'id']).execute();
  await db.schema
    .createIndex('business_sites_country_idx')
    .on('business_sites')
    .columns(['country_code', 'id'])
    .execute();
  await db.schema
    .createIndex('business_sites_region_idx')
    .on('business_sites')
    .columns(['region_code', 'id'])
    .execute();

  await db.schema
    .createTable('business_staff')
    .addColumn('site_id', 'text', (c) => c.notNull().references('business_sites.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('role', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('business_staff_pk', ['site_id', 'person_id'])
    .execute();
  await db.schema.createIndex('business_staff_person_idx').on('business_staff').column('person_id').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'business_staff',
    'business_sites',
    'businesses',
    'country_subscriptions',
    'presences',
    'dependents',
    'person_channels',
    'persons',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
