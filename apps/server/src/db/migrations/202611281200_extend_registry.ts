import type { Kysely } from 'kysely';

// The registry's profile, emergency contacts, organisation accounts and staff imports (issue 4).
// Person names: `familyName`/`givenName` are in Latin letters as in the passport's MRZ; `nativeName` is the
// whole name in the native script (张伟). A passport number is stored upper-case without spaces and indexed,
// because the hotline finds people by it.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen snapshots, not typed code
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['persons', 'dependents']) {
    await db.schema.alterTable(table).addColumn('native_name', 'text').execute();
    await db.schema.alterTable(table).addColumn('sex', 'text').execute();
    await db.schema.alterTable(table).addColumn('passport_number', 'text').execute();
    await db.schema.alterTable(table).addColumn('passport_expiry', 'text').execute();
  }
  await db.schema.alterTable('persons').addColumn('nationality', 'text').execute();
  await db.schema.createIndex('persons_passport_idx').on('persons').column('passport_number').execute();
  await db.schema.createIndex('dependents_passport_idx').on('dependents').column('passport_number').execute();

  await db.schema
    .createTable('emergency_contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('relationship', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('email', 'text')
    .addColumn('country_code', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('emergency_contacts_person_idx').on('emergency_contacts').column('person_id').execute();

  // An organisation account: the citizen account that registered the business manages it.
  await db.schema.alterTable('businesses').addColumn('sector', 'text').execute();
  await db.schema
    .alterTable('businesses')
    .addColumn('owner_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('businesses_owner_idx').on('businesses').column('owner_user_id').execute();

  await db.schema.alterTable('business_sites').addColumn('headcount', 'integer').execute();
  await db.schema.alterTable('business_sites').addColumn('security_contact_name', 'text').execute();
  await db.schema.alterTable('business_sites').addColumn('security_contact_phone', 'text').execute();
  await db.schema.alterTable('business_sites').addColumn('security_contact_email', 'text').execute();
  await db.schema.createIndex('business_sites_business_idx').on('business_sites').column('business_id').execute();

  // Which business a staff person record was imported for: removing the business removes its staff records.
  await db.schema
    .alterTable('persons')
    .addColumn('business_id', 'text', (c) => c.references('businesses.id').onDelete('cascade'))
    .execute();
  await db.schema.createIndex('persons_business_idx').on('persons').column('business_id').execute();

  // One CSV upload of a staff list: kept with its per-row errors so the error report can be downloaded.
  await db.schema
    .createTable('staff_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('business_id', 'text', (c) => c.notNull().references('businesses.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('file_name', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('imported_count', 'integer', (c) => c.notNull())
    .addColumn('errors', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('staff_imports_business_idx')
    .on('staff_imports')
    .columns(['business_id', 'created_at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('staff_imports').execute();
  await db.schema.dropTable('emergency_contacts').execute();
  await db.schema.dropIndex('persons_business_idx').execute();
  await db.schema.dropIndex('business_sites_business_idx').execute();
  await db.schema.dropIndex('businesses_owner_idx').execute();
  await db.schema.dropIndex('dependents_passport_idx').execute();
  await db.schema.dropIndex('persons_passport_idx').execute();
  for (const column of ['security_contact_email', 'security_contact_phone', 'security_contact_name', 'headcount'])
    await db.schema.alterTable('business_sites').dropColumn(column).execute();
  for (const column of ['owner_user_id', 'sector'])
    await db.schema.alterTable('businesses').dropColumn(column).execute();
  for (const column of ['business_id', 'nationality'])
    await db.schema.alterTable('persons').dropColumn(column).execute();
  for (const table of ['dependents', 'persons'])
    for (const column of ['passport_expiry', 'passport_number', 'sex', 'native_name'])
      await db.schema.alterTable(table).dropColumn(column).execute();
}
