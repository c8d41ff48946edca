import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sealPrivateKey, unsealPrivateKey } from './certificates.keys.seal.ts';

const key = randomBytes(32);
const secret = new TextEncoder().encode('-----BEGIN PRIVATE KEY----- pretend');

describe('sealPrivateKey', () => {
  it('round-trips under the same key and context, and never stores the plaintext', () => {
    const sealed = sealPrivateKey(key, secret, 'signer-1');
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain(Buffer.from(secret).toString('base64url'));
    expect(unsealPrivateKey(key, sealed, 'signer-1')).toEqual(secret);
  });

  it('uses a fresh IV each time', () => {
    expect(sealPrivateKey(key, secret, 'a')).not.toBe(sealPrivateKey(key, secret, 'a'));
  });

  it('refuses another key, another context, or a changed byte', () => {
    const sealed = sealPrivateKey(key, secret, 'signer-1');
    expect(() => unsealPrivateKey(randomBytes(32), sealed, 'signer-1')).toThrow(/does not open/);
    expect(() => unsealPrivateKey(key, sealed, 'signer-2')).toThrow(/does not open/);
    const parts = sealed.split('.');
    const body = Buffer.from(parts[2] as string, 'base64url');
    body[0] = (body[0] as number) ^ 1;
    parts[2] = body.toString('base64url');
    expect(() => unsealPrivateKey(key, parts.join('.'), 'signer-1')).toThrow(/does not open/);
    expect(() => unsealPrivateKey(key, 'v0.a.b.c', 'signer-1')).toThrow(/known version/);
    expect(() => unsealPrivateKey(key, 'garbage', 'signer-1')).toThrow(/known version/);
  });

  it('needs a 256-bit key', () => {
    expect(() => sealPrivateKey(randomBytes(16), secret, 'x')).toThrow(/256 bits/);
  });
});
