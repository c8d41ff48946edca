import type { SignerCertificate } from './certificate.ts';
import type { CwtClaims } from './cwt.ts';
import { HcertError } from './errors.ts';

/**
 * The time rule: notBefore(signer) ≤ iat ≤ now ≤ exp ≤ notAfter(signer). A certificate issued outside its
 * signer's validity, or outliving it, is refused as well as one that is not yet or no longer valid.
 */
export function checkValidityWindow(claims: CwtClaims, signer: SignerCertificate, at: Date): void {
  const { issuedAt, expiresAt } = claims;
  if (issuedAt === null) throw new HcertError('cwt', 'validity: no issued-at (iat) claim');
  if (expiresAt === null) throw new HcertError('cwt', 'validity: no expiry (exp) claim');
  const iat = issuedAt * 1000;
  const exp = expiresAt * 1000;
  const now = at.getTime();
  if (Number.isNaN(now)) throw new HcertError('input', 'validity: the validation time is not a date');
  if (iat < signer.notBefore.getTime())
    throw new HcertError('certificate', 'validity: issued before the signer certificate was valid');
  if (now < iat) throw new HcertError('not-yet-valid', `validity: issued at ${iso(iat)}, after ${iso(now)}`);
  if (exp < now) throw new HcertError('expired', `validity: expired at ${iso(exp)}`);
  if (exp > signer.notAfter.getTime()) throw new HcertError('certificate', 'validity: outlives its signer certificate');
}

function iso(ms: number): string {
  return Number.isFinite(ms) && Math.abs(ms) < 8.64e15 ? new Date(ms).toISOString() : String(ms);
}
