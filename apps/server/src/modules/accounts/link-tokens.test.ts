import { beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/db.ts';
import { createUser } from '../users/users.service.ts';
import { consumeLinkToken, issueLinkToken } from './link-tokens.ts';

describeEachDialect('link tokens', (getDb) => {
  let userId: string;
  beforeAll(async () => {
    const { db } = getDb();
    ({ id: userId } = await createUser(db, {
      email: 'links@example.org',
      password: 'violet-kangaroo-harbour-93',
      displayName: 'Link Tester',
      role: 'citizen',
    }));
  });

  it('works once, for its purpose only, and stores only a hash', async () => {
    const { db } = getDb();
    const token = await issueLinkToken(db, userId, 'reset');
    expect(token).toMatch(/^[\w-]{43}$/);
    const stored = await db.selectFrom('accountTokens').select('tokenHash').where('userId', '=', userId).execute();
    expect(stored.map((r) => r.tokenHash)).not.toContain(token);
    await expect(consumeLinkToken(db, token, 'verify')).rejects.toMatchObject({ status: 400, code: 'link_invalid' });
    expect(await consumeLinkToken(db, token, 'reset')).toEqual({ userId });
    await expect(consumeLinkToken(db, token, 'reset')).rejects.toMatchObject({ status: 400, code: 'link_invalid' });
  });

  it('expires, and only the newest link of a purpose works', async () => {
    const { db } = getDb();
    const expired = await issueLinkToken(db, userId, 'staff_setup', -1);
    await expect(consumeLinkToken(db, expired, 'staff_setup')).rejects.toMatchObject({ code: 'link_invalid' });
    const older = await issueLinkToken(db, userId, 'verify');
    const newer = await issueLinkToken(db, userId, 'verify');
    await expect(consumeLinkToken(db, older, 'verify')).rejects.toMatchObject({ code: 'link_invalid' });
    expect(await consumeLinkToken(db, newer, 'verify')).toEqual({ userId });
    await expect(consumeLinkToken(db, 'made-up-token', 'verify')).rejects.toMatchObject({ code: 'link_invalid' });
  });
});
