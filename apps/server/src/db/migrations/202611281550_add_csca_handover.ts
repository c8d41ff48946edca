import type { Kysely } from 'kysely';

/**
 * The hand-over statement of a country signing CA (decision 0009): on the new CSCA's row, a compact JWS signed
 * by the CSCA it replaced, naming both certificates, so a verifier that pinned the old one can move to the new
 * one without being reset. Null for the first CSCA.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen snapshots, not typed code
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('certificate_signers').addColumn('handover', 'text').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('certificate_signers').dropColumn('handover').execute();
}
