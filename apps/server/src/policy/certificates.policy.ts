import type { Actor } from './actor.ts';

/** The fields of a health certificate that decide who may see it. */
export interface CertificateScope {
  /** The account of the registered person it was issued for, if any. */
  holderUserId: string | null;
}

/** Only health issuers sign certificates: issuing is a medical attestation, not an administrative act. */
export function canIssueCertificate(actor: Actor | null): boolean {
  return actor?.role === 'health_issuer';
}

/**
 * Health issuers and headquarters see every certificate (they answer verifiers' questions and revoke);
 * a citizen sees the certificates issued to their own registered person; no one else sees any.
 */
export function canViewCertificate(actor: Actor | null, certificate: CertificateScope): boolean {
  if (!actor) return false;
  if (actor.role === 'health_issuer' || actor.role === 'hq_admin') return true;
  return actor.role === 'citizen' && certificate.holderUserId === actor.id;
}

/** Health issuers and headquarters list and search certificates. */
export function canListCertificates(actor: Actor | null): boolean {
  return actor?.role === 'health_issuer' || actor?.role === 'hq_admin';
}

/** A certificate issued in error, or for someone who should not hold it, is revoked by a health issuer or HQ. */
export function canRevokeCertificate(actor: Actor | null): boolean {
  return actor?.role === 'health_issuer' || actor?.role === 'hq_admin';
}

/** Replacing the document signer is a key-management act for headquarters. */
export function canRotateSigner(actor: Actor | null): boolean {
  return actor?.role === 'hq_admin';
}
