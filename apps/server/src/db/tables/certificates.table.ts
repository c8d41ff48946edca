/** Health certificates (issue #7): signing keys and the certificates issued with them. */

export type SignerKind = 'csca' | 'dsc';

/**
 * A country signing CA (CSCA) or a document signer (DSC). `slot` marks the one of each kind in use; a replaced
 * DSC keeps its row (and stays in the trust list while certificates it signed are valid).
 */
export interface CertificateSignersTable {
  id: string;
  kind: SignerKind;
  slot: SignerKind | null;
  /** Base64 of the first 8 bytes of SHA-256 over the certificate's DER. */
  kid: string;
  subject: string;
  /** Base64 DER. */
  certificate: string;
  /** PKCS#8 sealed with AES-256-GCM (see certificates.keys.seal.ts); never leaves the server. */
  privateKey: string;
  /** The CSCA that signed a DSC. */
  issuerId: string | null;
  notBefore: string;
  notAfter: string;
  createdAt: string;
  retiredAt: string | null;
  /**
   * On a CSCA that replaced another: a compact JWS signed by the replaced CSCA (x5c) whose content names both
   * certificates, the hand-over a verifier that pinned the old CSCA follows (decision 0009). Null otherwise.
   */
  handover: string | null;
}

export type HealthCertificateType = 'v' | 't' | 'r';

export interface HealthCertificatesTable {
  id: string;
  /** The unique certificate identifier (UVCI) written into the payload. */
  uci: string;
  /** Base64 of the first 16 bytes of SHA-256 over the UCI: what the revocation list publishes. */
  uciHash: string;
  type: HealthCertificateType;
  personId: string | null;
  familyName: string;
  givenName: string | null;
  /** ICAO 9303 transliteration (A–Z and <), as in the payload's fnt/gnt. */
  familyNameStd: string;
  givenNameStd: string | null;
  birthDate: string;
  /** The DCC payload, JSON. */
  payload: string;
  /** The signed HC1: text that goes into the QR code. */
  hc1: string;
  signerId: string;
  issuedBy: string | null;
  issuedAt: string;
  expiresAt: string;
  revokedAt: string | null;
  revokedBy: string | null;
  revocationReason: string | null;
}
