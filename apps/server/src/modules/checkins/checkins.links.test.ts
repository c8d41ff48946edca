import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CHECKIN_LINK_TTL_MS, linksForToken, signCheckinToken, verifyCheckinToken } from './checkins.links.ts';

const key = randomBytes(32);
const alertId = '0193a3c4-1111-7000-8000-000000000001';
const personId = '0193a3c4-2222-7000-8000-000000000002';
const now = new Date('2026-11-28T16:00:00Z');

describe('check-in links', () => {
  it('verifies a token it signed and names the alert and person', () => {
    const token = signCheckinToken(key, alertId, personId, now.getTime() + CHECKIN_LINK_TTL_MS);
    expect(verifyCheckinToken(key, token, now)).toMatchObject({ ok: true, alertId, personId });
    expect(token.length).toBeLessThanOrEqual(80);
    const links = linksForToken(token);
    expect(links.safe).toBe(`/checkin/${token}?answer=safe`);
    expect(links.needHelp).toBe(`/checkin/${token}?answer=need_help`);
  });

  it('refuses an expired token as expired', () => {
    const token = signCheckinToken(key, alertId, personId, now.getTime() + 1000);
    expect(verifyCheckinToken(key, token, new Date(now.getTime() + 2000))).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a token signed with another key, or for another person, as invalid', () => {
    const token = signCheckinToken(randomBytes(32), alertId, personId, now.getTime() + 60_000);
    expect(verifyCheckinToken(key, token, now)).toEqual({ ok: false, reason: 'invalid' });
    const mine = signCheckinToken(key, alertId, personId, now.getTime() + 60_000);
    const [v, body, sig] = mine.split('.') as [string, string, string];
    const bytes = Buffer.from(body, 'base64url');
    bytes[20] = (bytes[20] ?? 0) ^ 1; // another person
    expect(verifyCheckinToken(key, [v, bytes.toString('base64url'), sig].join('.'), now)).toEqual({
      ok: false,
      reason: 'invalid',
    });
    // A later expiry written into a past token does not pass: the signature covers it.
    const past = signCheckinToken(key, alertId, personId, now.getTime() - 1000);
    const [pv, pastBody, ps] = past.split('.') as [string, string, string];
    const later = Buffer.from(pastBody, 'base64url');
    later.writeUIntBE(Math.floor((now.getTime() + 1e9) / 1000), 32, 5);
    expect(verifyCheckinToken(key, [pv, later.toString('base64url'), ps].join('.'), now)).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(verifyCheckinToken(key, 'garbage', now)).toEqual({ ok: false, reason: 'invalid' });
  });
});
