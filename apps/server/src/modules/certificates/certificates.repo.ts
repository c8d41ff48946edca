import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/schema.ts';
import type {
  CertificateSignersTable,
  HealthCertificatesTable,
  HealthCertificateType,
  SignerKind,
} from '../../db/tables/certificates.table.ts';

export type SignerRow = Selectable<CertificateSignersTable>;
export type CertificateRow = Selectable<HealthCertificatesTable>;

export async function findSignerInSlot(db: Db, slot: SignerKind): Promise<SignerRow | undefined> {
  return db.selectFrom('certificateSigners').selectAll().where('slot', '=', slot).executeTakeFirst();
}

export async function insertSigner(db: Db, row: Insertable<CertificateSignersTable>): Promise<void> {
  await db.insertInto('certificateSigners').values(row).execute();
}

export async function retireSigner(db: Db, id: string, at: string): Promise<void> {
  await db.updateTable('certificateSigners').set({ slot: null, retiredAt: at }).where('id', '=', id).execute();
}

/**
 * Signers a verifier must trust at `now`: every CSCA not expired, the DSC in use, and each replaced DSC while a
 * certificate it signed is still valid. Oldest first, so the list's order is stable.
 */
export async function listTrustedSigners(db: Db, now: string): Promise<SignerRow[]> {
  return db
    .selectFrom('certificateSigners as s')
    .selectAll('s')
    .where('s.notAfter', '>', now)
    .where((eb) =>
      eb.or([
        eb('s.kind', '=', 'csca'),
        eb('s.slot', '=', 'dsc'),
        eb.exists(
          eb
            .selectFrom('healthCertificates as c')
            .select('c.id')
            .whereRef('c.signerId', '=', 's.id')
            .where('c.expiresAt', '>', now),
        ),
      ]),
    )
    .orderBy('s.createdAt')
    .orderBy('s.id')
    .execute();
}

export async function insertCertificate(db: Db, row: Insertable<HealthCertificatesTable>): Promise<void> {
  await db.insertInto('healthCertificates').values(row).execute();
}

export async function findCertificate(db: Db, id: string): Promise<CertificateRow | undefined> {
  return db.selectFrom('healthCertificates').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The account that holds a certificate: the user linked to the registered person it was issued for. */
export async function findHolderUserId(db: Db, personId: string | null): Promise<string | null> {
  if (!personId) return null;
  const row = await db.selectFrom('persons').select('userId').where('id', '=', personId).executeTakeFirst();
  return row?.userId ?? null;
}

export async function personExists(db: Db, personId: string): Promise<boolean> {
  return (await db.selectFrom('persons').select('id').where('id', '=', personId).executeTakeFirst()) !== undefined;
}

export async function revokeCertificate(
  db: Db,
  id: string,
  change: { revokedAt: string; revokedBy: string; revocationReason: string },
): Promise<boolean> {
  const result = await db
    .updateTable('healthCertificates')
    .set(change)
    .where('id', '=', id)
    .where('revokedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** UCI hashes of revoked certificates that have not expired yet (an expired one is refused anyway). */
export async function listRevokedHashes(db: Db, now: string): Promise<{ uciHash: string; revokedAt: string }[]> {
  return db
    .selectFrom('healthCertificates')
    .select(['uciHash', 'revokedAt as revokedAt'])
    .where('revokedAt', 'is not', null)
    .where('expiresAt', '>', now)
    .orderBy('uciHash')
    .execute() as Promise<{ uciHash: string; revokedAt: string }[]>; // the where makes revokedAt non-null
}

export interface CertificateFilter {
  /** Matches the start of the transliterated family or given name, or the whole UCI. */
  q?: string;
  type?: HealthCertificateType;
  personId?: string;
  holderUserId?: string;
}

function filtered(db: Db, f: CertificateFilter) {
  let query = db.selectFrom('healthCertificates');
  if (f.type) query = query.where('type', '=', f.type);
  if (f.personId) query = query.where('personId', '=', f.personId);
  if (f.holderUserId) {
    const userId = f.holderUserId;
    query = query.where('personId', 'in', (eb) => eb.selectFrom('persons').select('id').where('userId', '=', userId));
  }
  if (f.q) {
    const q = f.q;
    const latin = q
      .toUpperCase()
      .replace(/[\s-]+/g, '<')
      .replace(/[^A-Z<]/g, '');
    query = query.where((eb) =>
      eb.or([
        eb('uci', '=', q.toUpperCase()),
        eb('familyName', '=', q),
        ...(latin ? [eb('familyNameStd', 'like', `${latin}%`), eb('givenNameStd', 'like', `${latin}%`)] : []),
      ]),
    );
  }
  return query;
}

export async function countCertificates(db: Db, filter: CertificateFilter): Promise<number> {
  const row = await filtered(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listCertificates(
  db: Db,
  filter: CertificateFilter,
  limit: number,
  offset: number,
): Promise<CertificateRow[]> {
  // Ids are UUIDv7, ordered by creation: within the same second the newer certificate still comes first.
  return filtered(db, filter)
    .selectAll()
    .orderBy('issuedAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
}

/** Registered persons (not dependents) with this passport number, upper-case without spaces as stored. */
export async function findPersonsByPassport(db: Db, passportNumber: string) {
  return db
    .selectFrom('persons')
    .select(['id', 'familyName', 'givenName', 'nativeName', 'birthDate', 'passportNumber'])
    .where('passportNumber', '=', passportNumber)
    .orderBy('id')
    .limit(10)
    .execute();
}

/** The hand-over statements of the CSCAs that replaced another, oldest first. */
export async function listCscaHandovers(db: Db): Promise<string[]> {
  const rows = await db
    .selectFrom('certificateSigners')
    .select('handover')
    .where('kind', '=', 'csca')
    .where('handover', 'is not', null)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  return rows.flatMap((row) => (row.handover ? [row.handover] : []));
}

/** Every signer, newest first, with how many certificates each DSC signed. */
export async function listSignersWithCounts(db: Db): Promise<(SignerRow & { signed: number })[]> {
  const rows = await db
    .selectFrom('certificateSigners as s')
    .leftJoin('healthCertificates as c', 'c.signerId', 's.id')
    .selectAll('s')
    .select((eb) => eb.fn.count<number>('c.id').as('signed'))
    .groupBy('s.id')
    .orderBy('s.createdAt', 'desc')
    .orderBy('s.id', 'desc')
    .execute();
  return rows.map((row) => ({ ...row, signed: Number(row.signed) }));
}
