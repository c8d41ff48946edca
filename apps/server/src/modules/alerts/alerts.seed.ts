import { isoNow } from '../../clock.ts';
import type { Db } from '../../db/schema.ts';
import { findTotpCredential, upsertTotpCredential } from '../auth/second-factor.repo.ts';
import { sealTotpSecret } from '../auth/second-factor.service.ts';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../demo/demo.accounts.ts';
import { hashPassword } from '../users/password.ts';
import { findUserByEmail } from '../users/users.repo.ts';
import { createUser } from '../users/users.service.ts';

/** The second alert manager of the demo: four eyes needs one to write and another to approve (decision 0021). */
export const DEMO_ALERT_REVIEWER = {
  email: 'alerts2@demo.homeward.example',
  displayName: 'Alert Reviewer 安全提醒审核员',
  role: 'alert_manager',
  missions: [],
} as const;

/**
 * Adds the demo's second alert manager when missing, enrolled with the public demo authenticator secret like
 * every demo staff account. Returns whether it was created.
 */
export async function seedDemoAlertManagers(db: Db): Promise<boolean> {
  let user = await findUserByEmail(db, DEMO_ALERT_REVIEWER.email);
  let created = false;
  if (!user) {
    await createUser(db, {
      ...DEMO_ALERT_REVIEWER,
      missions: [],
      password: DEMO_PASSWORD,
      passwordHash: await hashPassword(DEMO_PASSWORD),
      locale: 'zh-CN',
      emailVerified: true,
    });
    user = await findUserByEmail(db, DEMO_ALERT_REVIEWER.email);
    created = true;
  }
  if (user && !(await findTotpCredential(db, user.id))) {
    const secret = await sealTotpSecret(db, { secret: null }, DEMO_TOTP_SECRET);
    await upsertTotpCredential(db, { userId: user.id, secret, lastStep: null, createdAt: isoNow() });
  }
  return created;
}
