import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen snapshots, not typed code
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('certificate_signers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    // 'csca' or 'dsc' on the one signer of each kind in use, null once replaced; unique, so two processes
    // creating the first keys at once keep one set.
    .addColumn('slot', 'text', (c) => c.unique())
    .addColumn('kid', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('certificate', 'text', (c) => c.notNull())
    .addColumn('private_key', 'text', (c) => c.notNull())
    .addColumn('issuer_id', 'text', (c) => c.references('certificate_signers.id'))
    .addColumn('not_before', 'text', (c) => c.notNull())
    .addColumn('not_after', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('retired_at', 'text')
    .execute();

  await db.schema
    .createTable('health_certificates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('uci', 'text', (c) => c.notNull().unique())
    .addColumn('uci_hash', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.references('persons.id').onDelete('set null'))
    .addColumn('family_name', 'text', (c) => c.notNull())
    .addColumn('given_name', 'text')
    .addColumn('family_name_std', 'text', (c) => c.notNull())
    .addColumn('given_name_std', 'text')
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('hc1', 'text', (c) => c.notNull())
    .addColumn('signer_id', 'text', (c) => c.notNull().references('certificate_signers.id'))
    .addColumn('issued_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('revocation_reason', 'text')
    .execute();
  await db.schema.createIndex('health_certificates_issued_idx').on('health_certificates').column('issued_at').execute();
  await db.schema
    .createIndex('health_certificates_name_idx')
    .on('health_certificates')
    .columns(['family_name_std', 'given_name_std'])
    .execute();
  await db.schema.createIndex('health_certificates_person_idx').on('health_certificates').column('person_id').execute();
  await db.schema
    .createIndex('health_certificates_signer_idx')
    .on('health_certificates')
    .columns(['signer_id', 'expires_at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('health_certificates').execute();
  await db.schema.dropTable('certificate_signers').execute();
}
