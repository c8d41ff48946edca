import { afterEach, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password.ts';

describe('password hashing', () => {
  const before = process.env.HOMEWARD_PASSWORD_COST;
  afterEach(() => {
    if (before === undefined) delete process.env.HOMEWARD_PASSWORD_COST;
    else process.env.HOMEWARD_PASSWORD_COST = before;
  });

  it('stores its parameters in the hash and checks a password against them', async () => {
    const hash = await hashPassword('correct horse 电池');
    expect(hash).toMatch(/^scrypt\$\d+\$8\$\d\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword('correct horse 电池', hash)).toBe(true);
    expect(await verifyPassword('correct horse', hash)).toBe(false);
    expect(await verifyPassword('correct horse 电池', 'scrypt$broken')).toBe(false);
  });

  it('hashes at production cost (N=2^15, p=3) unless the low test cost is set', async () => {
    process.env.HOMEWARD_PASSWORD_COST = 'standard';
    const standard = await hashPassword('pw');
    expect(standard.split('$').slice(1, 4)).toEqual(['32768', '8', '3']);
    process.env.HOMEWARD_PASSWORD_COST = 'low';
    const low = await hashPassword('pw');
    expect(low.split('$').slice(1, 4)).toEqual(['1024', '8', '1']);
    // A hash keeps verifying whatever the current setting: the parameters travel with it.
    expect(await verifyPassword('pw', standard)).toBe(true);
  });
});
