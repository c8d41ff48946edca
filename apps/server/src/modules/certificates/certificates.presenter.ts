import type { HealthCertificate } from '@homeward/shared';
import type { CertificateRow } from './certificates.repo.ts';

/** The vaccination, test or recovery entry of a stored payload. */
function entryOf(row: CertificateRow): Record<string, string | number> {
  const payload = JSON.parse(row.payload) as Record<string, unknown>; // boundary: written by buildPayload
  const list = payload[row.type];
  return Array.isArray(list) && typeof list[0] === 'object' ? (list[0] as Record<string, string | number>) : {};
}

/** What leaves the server about a certificate; who issued and revoked it internally stays in the audit log. */
export function toCertificateDto(row: CertificateRow, now: Date = new Date()): HealthCertificate {
  return {
    id: row.id,
    uci: row.uci,
    type: row.type,
    status: row.revokedAt ? 'revoked' : Date.parse(row.expiresAt) <= now.getTime() ? 'expired' : 'valid',
    personId: row.personId,
    holder: {
      familyName: row.familyName,
      givenName: row.givenName,
      familyNameStd: row.familyNameStd,
      givenNameStd: row.givenNameStd,
      birthDate: row.birthDate,
    },
    entry: entryOf(row),
    issuedAt: row.issuedAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    revocationReason: row.revocationReason,
    hc1: row.hc1,
  };
}
