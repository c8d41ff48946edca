import type {
  CertificateHolderMatch,
  HealthCertificate,
  HealthCertificatePage,
  IssueCertificateBody,
} from '@homeward/shared';
import { getJson, postJson } from '../../lib/api.client.ts';

export type { CertificateHolderMatch, HealthCertificate, HealthCertificatePage, IssueCertificateBody };

export const CERTIFICATE_TYPES = ['v', 't', 'r'] as const;
export type CertificateType = (typeof CERTIFICATE_TYPES)[number];

export function isCertificateType(value: string | null): value is CertificateType {
  return value === 'v' || value === 't' || value === 'r';
}

export function certificatesPath(filter: { q?: string; type?: string; page: number }): string {
  const params = new URLSearchParams();
  if (filter.q) params.set('q', filter.q);
  if (filter.type) params.set('type', filter.type);
  params.set('page', String(filter.page));
  return `/api/v1/certificates?${params}`;
}

export const certificatePath = (id: string) => `/api/v1/certificates/${encodeURIComponent(id)}`;

export function issueCertificate(body: IssueCertificateBody): Promise<HealthCertificate> {
  return postJson<HealthCertificate>('/api/v1/certificates', body);
}

export function revokeCertificate(id: string, reason: string): Promise<HealthCertificate> {
  return postJson<HealthCertificate>(`${certificatePath(id)}/revoke`, { reason });
}

export function findHolders(passportNumber: string): Promise<CertificateHolderMatch[]> {
  return getJson<CertificateHolderMatch[]>(
    `/api/v1/certificates/holders?passportNumber=${encodeURIComponent(passportNumber.trim())}`,
  );
}

export type { CertificateSigner } from '@homeward/shared';

export const SIGNERS_PATH = '/api/v1/certificates/signers';

export function rotateSigner(reason: string): Promise<{ kid: string; notBefore: string; notAfter: string }> {
  return postJson(`${SIGNERS_PATH}/rotate`, { reason });
}

/** Replaces the country signing CA (and the document signer); the old CSCA signs the hand-over statement. */
export function rotateCountrySigner(
  reason: string,
): Promise<{ csca: { kid: string; notBefore: string; notAfter: string }; dsc: { kid: string; notAfter: string } }> {
  return postJson(`${SIGNERS_PATH}/rotate-csca`, { reason });
}
