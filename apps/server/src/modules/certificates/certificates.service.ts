import { issueHcert, uciRevocationHash } from '@homeward/hcert';
import { nodeBackend } from '@homeward/hcert/node';
import type {
  CertificateHolderMatch,
  CertificateSigner,
  HealthCertificate,
  HealthCertificatePage,
  IssueCertificateBody,
} from '@homeward/shared';
import { isoNow, newId } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/schema.ts';
import type { HealthCertificateType } from '../../db/tables/certificates.table.ts';
import { ProblemError } from '../../http/problem.ts';
import type { Actor } from '../../policy/actor.ts';
import {
  canIssueCertificate,
  canListCertificates,
  canRevokeCertificate,
  canRotateSigner,
  canViewCertificate,
} from '../../policy/certificates.policy.ts';
import { type AuditSource, appendAudit } from '../audit/audit.service.ts';
import { activeSigner, rotateCsca, rotateDsc } from './certificates.keys.ts';
import { buildPayload, newUvci } from './certificates.payload.ts';
import { toCertificateDto } from './certificates.presenter.ts';
import {
  countCertificates,
  findCertificate,
  findHolderUserId,
  findPersonsByPassport,
  insertCertificate,
  listCertificates,
  listSignersWithCounts,
  personExists,
  revokeCertificate,
} from './certificates.repo.ts';

function invalid(errors: { field: string; message: string }[]): ProblemError {
  return new ProblemError(400, 'validation_failed', errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors);
}

/** A signing key that no longer opens (HOMEWARD_SECRET changed) is an operator's problem, not a 500. */
async function withSigner<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('unseal:')) {
      throw new ProblemError(503, 'signing_key_unavailable', error.message);
    }
    throw error;
  }
}

/**
 * A health issuer issues a vaccination, test or recovery certificate: the DCC payload, signed with the document
 * signer in use, stored with its UCI and audited, in one transaction.
 * @throws ProblemError 403 for anyone but a health issuer, 400 with field errors for a request that cannot be signed
 */
export async function issueCertificate(
  db: Db,
  config: Config,
  actor: Actor,
  body: IssueCertificateBody,
  source: AuditSource,
  /** Runs in the issuing transaction with the new certificate's id (e.g. campaigns link a dose record to it). */
  link?: (trx: Db, certificateId: string) => Promise<void>,
): Promise<HealthCertificate> {
  if (!canIssueCertificate(actor)) throw new ProblemError(403, 'forbidden');
  const now = new Date();
  const uci = newUvci(config.state.code);
  const built = buildPayload(body, { uci, issuer: config.state.ministry.en, now });
  if ('errors' in built) throw invalid(built.errors);
  return withSigner(() =>
    db.transaction().execute(async (trx) => {
      if (body.personId && !(await personExists(trx, body.personId))) {
        throw invalid([{ field: '/personId', message: 'no registered person with this id' }]);
      }
      const signer = await activeSigner(trx, config, source);
      // A signer made just now (first issuance, a rotation) may be younger than `now`, taken before the
      // transaction: the certificate is issued when it is signed, never before its signer was valid.
      const issuedAt = new Date(Math.max(now.getTime(), signer.notBefore.getTime()));
      const expiresAt = new Date(Math.min(built.expiresAt.getTime(), signer.notAfter.getTime()));
      const hc1 = await issueHcert(built.payload, {
        signingKey: signer.signingKey,
        signerCertificate: signer.certificateDer,
        issuer: config.state.code,
        issuedAt,
        expiresAt,
        backend: nodeBackend,
      });
      const row = {
        id: newId(),
        uci,
        uciHash: await uciRevocationHash(uci),
        type: body.type as HealthCertificateType,
        personId: body.personId ?? null,
        familyName: body.holder.familyName.trim(),
        givenName: body.holder.givenName?.trim() || null,
        familyNameStd: built.familyNameStd,
        givenNameStd: built.givenNameStd,
        birthDate: body.holder.birthDate,
        payload: JSON.stringify(built.payload),
        hc1,
        signerId: signer.id,
        issuedBy: actor.id,
        // The CWT carries whole seconds; the row says the same instants.
        issuedAt: new Date(Math.floor(issuedAt.getTime() / 1000) * 1000).toISOString(),
        expiresAt: new Date(Math.floor(expiresAt.getTime() / 1000) * 1000).toISOString(),
        revokedAt: null,
        revokedBy: null,
        revocationReason: null,
      };
      await insertCertificate(trx, row);
      await link?.(trx, row.id);
      await appendAudit(trx, source, {
        action: 'certificate.issue',
        record: { type: 'health_certificate', id: row.id },
        details: { uci, type: row.type, kid: signer.kid, personId: row.personId },
      });
      return toCertificateDto(row);
    }),
  );
}

/**
 * One certificate, if the actor may see it; missing and out-of-scope answer the same 404. Staff reads are audited.
 */
export async function viewCertificate(
  db: Db,
  actor: Actor,
  id: string,
  source: AuditSource,
): Promise<HealthCertificate> {
  const row = await findCertificate(db, id);
  const holderUserId = row ? await findHolderUserId(db, row.personId) : null;
  if (!row || !canViewCertificate(actor, { holderUserId })) throw new ProblemError(404, 'not_found');
  if (actor.role !== 'citizen') {
    await appendAudit(db, source, { action: 'certificate.view', record: { type: 'health_certificate', id: row.id } });
  }
  return toCertificateDto(row);
}

export interface CertificateQuery {
  q?: string;
  type?: HealthCertificateType;
  page: number;
  pageSize: number;
}

/** Health issuers and HQ search certificates by name or UCI, newest first; a search is audited. */
export async function searchCertificates(
  db: Db,
  actor: Actor,
  query: CertificateQuery,
  source: AuditSource,
): Promise<HealthCertificatePage> {
  if (!canListCertificates(actor)) throw new ProblemError(403, 'forbidden');
  const filter = { q: query.q?.trim() || undefined, type: query.type };
  const [total, rows] = await Promise.all([
    countCertificates(db, filter),
    listCertificates(db, filter, query.pageSize, (query.page - 1) * query.pageSize),
  ]);
  await appendAudit(db, source, {
    action: 'certificate.search',
    details: { q: filter.q ?? null, type: filter.type ?? null, page: query.page, results: rows.length },
  });
  return { items: rows.map((row) => toCertificateDto(row)), total, page: query.page, pageSize: query.pageSize };
}

/** The certificates issued to the citizen's own registered person, newest first (their wallet). */
export async function myCertificates(db: Db, actor: Actor): Promise<HealthCertificate[]> {
  if (actor.role !== 'citizen') throw new ProblemError(403, 'forbidden');
  const rows = await listCertificates(db, { holderUserId: actor.id }, 200, 0);
  return rows.map((row) => toCertificateDto(row));
}

/**
 * Revokes a certificate with a reason: its UCI hash joins the public revocation list. Audited.
 * @throws ProblemError 404 unknown, 409 revoked already
 */
export async function revokeCertificateById(
  db: Db,
  actor: Actor,
  id: string,
  reason: string,
  source: AuditSource,
): Promise<HealthCertificate> {
  if (!canRevokeCertificate(actor)) throw new ProblemError(403, 'forbidden');
  return db.transaction().execute(async (trx) => {
    const row = await findCertificate(trx, id);
    if (!row) throw new ProblemError(404, 'not_found');
    const change = { revokedAt: isoNow(), revokedBy: actor.id, revocationReason: reason.trim() };
    if (!(await revokeCertificate(trx, id, change))) throw new ProblemError(409, 'certificate_already_revoked');
    await appendAudit(trx, source, {
      action: 'certificate.revoke',
      record: { type: 'health_certificate', id },
      reason: change.revocationReason,
      details: { uci: row.uci },
    });
    return toCertificateDto({ ...row, ...change });
  });
}

/** HQ replaces the document signer (e.g. after a suspected key leak, with the reason); audited. */
export async function rotateSigner(
  db: Db,
  config: Config,
  actor: Actor,
  reason: string,
  source: AuditSource,
): Promise<{ kid: string; notBefore: string; notAfter: string }> {
  if (!canRotateSigner(actor)) throw new ProblemError(403, 'forbidden');
  const row = await withSigner(() => db.transaction().execute((trx) => rotateDsc(trx, config, source, reason.trim())));
  return { kid: row.kid, notBefore: row.notBefore, notAfter: row.notAfter };
}

/**
 * HQ replaces the country signing CA (and with it the document signer). The old CSCA signs a hand-over statement
 * that lets verifiers that pinned it move on; it stays in the trust list until it expires. Audited with the reason.
 * @throws ProblemError 403 for anyone but HQ, 503 signing_key_unavailable when the old CSCA's key does not open
 */
export async function rotateCountrySigner(
  db: Db,
  config: Config,
  actor: Actor,
  reason: string,
  source: AuditSource,
): Promise<{ csca: { kid: string; notBefore: string; notAfter: string }; dsc: { kid: string; notAfter: string } }> {
  if (!canRotateSigner(actor)) throw new ProblemError(403, 'forbidden');
  const { csca, dsc } = await withSigner(() =>
    db.transaction().execute((trx) => rotateCsca(trx, config, source, reason.trim())),
  );
  return {
    csca: { kid: csca.kid, notBefore: csca.notBefore, notAfter: csca.notAfter },
    dsc: { kid: dsc.kid, notAfter: dsc.notAfter },
  };
}

/** The signing keys, for headquarters to see what rotation would replace. @throws ProblemError 403 for others */
export async function listSigners(db: Db, actor: Actor): Promise<CertificateSigner[]> {
  if (!canRotateSigner(actor)) throw new ProblemError(403, 'forbidden');
  const rows = await listSignersWithCounts(db);
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    kid: row.kid,
    subject: row.subject,
    notBefore: row.notBefore,
    notAfter: row.notAfter,
    inUse: row.slot !== null,
    createdAt: row.createdAt,
    retiredAt: row.retiredAt,
    certificatesSigned: row.signed,
  }));
}

/**
 * A health issuer finds the registered person a certificate is for by their passport number, so the certificate
 * reaches that person's wallet. Exact match only (no browsing the registry); every lookup is audited.
 */
export async function findCertificateHolders(
  db: Db,
  actor: Actor,
  passportNumber: string,
  source: AuditSource,
): Promise<CertificateHolderMatch[]> {
  if (!canIssueCertificate(actor)) throw new ProblemError(403, 'forbidden');
  const normalized = passportNumber.replace(/\s+/g, '').toUpperCase();
  const rows = await findPersonsByPassport(db, normalized);
  await appendAudit(db, source, {
    action: 'certificate.holder_lookup',
    ...(rows.length === 1 && rows[0] ? { record: { type: 'person', id: rows[0].id } } : {}),
    details: { matches: rows.length },
  });
  return rows.map((row) => ({
    personId: row.id,
    familyName: row.familyName,
    givenName: row.givenName,
    nativeName: row.nativeName,
    birthDate: row.birthDate,
    passportNumber: row.passportNumber ?? normalized,
  }));
}
