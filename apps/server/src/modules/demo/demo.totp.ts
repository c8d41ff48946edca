import { isoNow } from '../../clock.ts';
import type { Db } from '../../db/schema.ts';
import { findTotpCredential, upsertTotpCredential } from '../auth/second-factor.repo.ts';
import { sealTotpSecret } from '../auth/second-factor.service.ts';
import { findUserByEmail } from '../users/users.repo.ts';
import { DEMO_ACCOUNTS, DEMO_TOTP_SECRET } from './demo.accounts.ts';

/**
 * Enrols the public demo authenticator secret for every demo staff account that has none, including
 * demo accounts made before second factors existed. Sealed under the generated server secret, which
 * opens it whether or not HOMEWARD_SECRET is set. Returns how many were enrolled.
 */
export async function enrolDemoAuthenticators(db: Db): Promise<number> {
  let enrolled = 0;
  for (const account of DEMO_ACCOUNTS) {
    if (account.role === 'citizen') continue;
    const user = await findUserByEmail(db, account.email);
    if (!user || (await findTotpCredential(db, user.id))) continue;
    const secret = await sealTotpSecret(db, { secret: null }, DEMO_TOTP_SECRET);
    await upsertTotpCredential(db, { userId: user.id, secret, lastStep: null, createdAt: isoNow() });
    enrolled++;
  }
  return enrolled;
}
