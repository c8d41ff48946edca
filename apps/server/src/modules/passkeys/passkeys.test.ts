import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, JSON_WRITE, signInAs } from '../../../test/support/app.ts';
import { describeEachDialect } from '../../../test/support/db.ts';
import type { App } from '../../http/app-types.ts';
import { createUser } from '../users/users.service.ts';

// A software authenticator: real P-256 keys, CBOR, authenticator data and client data built here by hand,
// so the server's verification (@simplewebauthn/server) is exercised for real.

type Cbor = number | string | Uint8Array | Map<number | string, Cbor>;

function cborHead(major: number, length: number): Buffer {
  if (length < 24) return Buffer.from([(major << 5) | length]);
  if (length < 0x100) return Buffer.from([(major << 5) | 24, length]);
  if (length < 0x10000) return Buffer.from([(major << 5) | 25, length >> 8, length & 0xff]);
  const b = Buffer.alloc(5);
  b[0] = (major << 5) | 26;
  b.writeUInt32BE(length, 1);
  return b;
}

function cbor(value: Cbor): Buffer {
  if (typeof value === 'number') return value >= 0 ? cborHead(0, value) : cborHead(1, -1 - value);
  if (typeof value === 'string') {
    const text = Buffer.from(value, 'utf8');
    return Buffer.concat([cborHead(3, text.length), text]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([cborHead(2, value.length), value]);
  const parts = [cborHead(5, value.size)];
  for (const [k, v] of value) parts.push(cbor(k), cbor(v));
  return Buffer.concat(parts);
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest();
const b64url = (data: Buffer) => data.toString('base64url');
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const UP = 0x01;
const UV = 0x04;
const AT = 0x40;

class SoftAuthenticator {
  readonly credentialId = randomBytes(32);
  readonly keys: { privateKey: KeyObject; publicKey: KeyObject } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  counter = 0;
  userHandle = '';

  constructor(
    readonly rpId: string,
    readonly origin: string,
  ) {}

  private coseKey(): Buffer {
    const jwk = this.keys.publicKey.export({ format: 'jwk' });
    return cbor(
      new Map<number, Cbor>([
        [1, 2], // kty: EC2
        [3, -7], // alg: ES256
        [-1, 1], // crv: P-256
        [-2, Buffer.from(jwk.x as string, 'base64url')],
        [-3, Buffer.from(jwk.y as string, 'base64url')],
      ]),
    );
  }

  /** navigator.credentials.create(), attestation "none". */
  create(options: { challenge: string; user: { id: string } }) {
    this.userHandle = options.user.id;
    const clientData = Buffer.from(
      JSON.stringify({
        type: 'webauthn.create',
        challenge: options.challenge,
        origin: this.origin,
        crossOrigin: false,
      }),
    );
    const idLength = Buffer.alloc(2);
    idLength.writeUInt16BE(this.credentialId.length);
    const authData = Buffer.concat([
      sha256(this.rpId),
      Buffer.from([UP | UV | AT]),
      u32(this.counter),
      Buffer.alloc(16), // AAGUID: none
      idLength,
      this.credentialId,
      this.coseKey(),
    ]);
    const attestation = cbor(
      new Map<string, Cbor>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', authData],
      ]),
    );
    return {
      id: b64url(this.credentialId),
      rawId: b64url(this.credentialId),
      type: 'public-key' as const,
      response: {
        clientDataJSON: b64url(clientData),
        attestationObject: b64url(attestation),
        transports: ['internal'],
      },
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
    };
  }

  /** navigator.credentials.get(); overrides make a tampered or replayed assertion. */
  get(
    options: { challenge: string },
    overrides: { origin?: string; counter?: number; signWith?: KeyObject; flags?: number } = {},
  ) {
    this.counter = overrides.counter ?? this.counter + 1;
    const clientData = Buffer.from(
      JSON.stringify({ type: 'webauthn.get', challenge: options.challenge, origin: overrides.origin ?? this.origin }),
    );
    const authData = Buffer.concat([sha256(this.rpId), Buffer.from([overrides.flags ?? UP | UV]), u32(this.counter)]);
    const signature = sign(
      'sha256',
      Buffer.concat([authData, sha256(clientData)]),
      overrides.signWith ?? this.keys.privateKey,
    );
    return {
      id: b64url(this.credentialId),
      rawId: b64url(this.credentialId),
      type: 'public-key' as const,
      response: {
        clientDataJSON: b64url(clientData),
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        userHandle: this.userHandle,
      },
      clientExtensionResults: {},
    };
  }
}

describeEachDialect('passkeys', (getDb) => {
  let app: App;
  let rpId: string;
  let origin: string;
  const STRONG = 'violet-kangaroo-harbour-93';

  beforeAll(async () => {
    app = await buildTestApp(getDb());
    const url = new URL(getDb().config.publicUrl);
    rpId = url.hostname;
    origin = url.origin;
  });
  afterAll(async () => {
    await app.close();
  });

  const post = (url: string, payload: unknown, cookie?: string) =>
    app.inject({
      method: 'POST',
      url,
      headers: { ...JSON_WRITE, 'accept-language': 'en', ...(cookie ? { cookie } : {}) },
      payload: payload as object,
    });

  async function citizen(email: string): Promise<string> {
    await createUser(getDb().db, {
      email,
      password: STRONG,
      displayName: 'Chen Jie',
      role: 'citizen',
      emailVerified: true,
    });
    return signInAs(app, email, STRONG);
  }

  async function register(cookie: string, name?: string) {
    const authenticator = new SoftAuthenticator(rpId, origin);
    const options = await post('/api/v1/passkeys/registration/options', undefined, cookie);
    expect(options.statusCode).toBe(200);
    const created = await post(
      '/api/v1/passkeys/registration/verify',
      { response: authenticator.create(options.json()), ...(name ? { name } : {}) },
      cookie,
    );
    return { authenticator, options: options.json(), created };
  }

  async function signInWith(authenticator: SoftAuthenticator, overrides: Parameters<SoftAuthenticator['get']>[1] = {}) {
    const options = await post('/api/v1/auth/passkey/options', {});
    expect(options.statusCode).toBe(200);
    return post('/api/v1/auth/passkey/verify', { response: authenticator.get(options.json(), overrides) });
  }

  it('registers a passkey and signs in with it, updating the counter', async () => {
    const email = 'passkey.user@example.org';
    const cookie = await citizen(email);
    const { authenticator, options, created } = await register(cookie, 'My phone');
    expect(options).toMatchObject({
      rp: { id: rpId, name: 'Homeward' },
      user: { name: email },
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({
      id: expect.any(String),
      name: 'My phone',
      createdAt: expect.any(String),
      lastUsedAt: null,
    });
    const list = await app.inject({ url: '/api/v1/passkeys', headers: { cookie } });
    expect(list.json()).toEqual([created.json()]);

    const signedIn = await signInWith(authenticator);
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().user).toMatchObject({ email, role: 'citizen' });
    const session = signedIn.cookies.find((c) => c.name === 'hw_session');
    expect(session).toMatchObject({ httpOnly: true, path: '/' });
    expect(signedIn.cookies.find((c) => c.name === 'hw_device')).toMatchObject({ httpOnly: true });
    const me = await app.inject({ url: '/api/v1/auth/me', headers: { cookie: `hw_session=${session?.value}` } });
    expect(me.json().user.email).toBe(email);

    const row = await getDb()
      .db.selectFrom('passkeys')
      .selectAll()
      .where('id', '=', created.json().id)
      .executeTakeFirstOrThrow();
    expect(Number(row.counter)).toBe(1);
    expect(row.lastUsedAt).not.toBeNull();
    const audit = await getDb().db.selectFrom('auditLog').select('action').where('recordId', '=', row.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['passkey.registered', 'auth.sign_in']);
  });

  it('refuses replayed, tampered and foreign assertions with 401 passkey_failed', async () => {
    const cookie = await citizen('tamper@example.org');
    const { authenticator } = await register(cookie);
    expect((await signInWith(authenticator)).statusCode).toBe(200);

    // The same challenge twice: the first answer spends it.
    const options = await post('/api/v1/auth/passkey/options', {});
    const assertion = authenticator.get(options.json());
    expect((await post('/api/v1/auth/passkey/verify', { response: assertion })).statusCode).toBe(200);
    const replay = await post('/api/v1/auth/passkey/verify', { response: assertion });
    expect(replay.statusCode).toBe(401);
    expect(replay.json()).toMatchObject({ code: 'passkey_failed', title: 'The passkey could not be checked' });

    const stranger = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const cases = [
      { signWith: stranger },
      { origin: 'https://evil.example' },
      { counter: 1 }, // lower than the stored counter: a cloned authenticator
      { flags: UP }, // no user verification
    ];
    for (const overrides of cases) {
      const response = await signInWith(authenticator, overrides);
      expect(response.statusCode, JSON.stringify(overrides)).toBe(401);
      expect(response.json().code).toBe('passkey_failed');
    }
    const unknown = await signInWith(new SoftAuthenticator(rpId, origin));
    expect(unknown.json()).toMatchObject({ code: 'passkey_failed', detail: 'this passkey is not registered here' });
  });

  it('keeps passkey sign-in to citizens', async () => {
    const { db } = getDb();
    const email = 'becomes.staff@example.org';
    const cookie = await citizen(email);
    const { authenticator } = await register(cookie);
    await db.updateTable('users').set({ role: 'hotline_agent' }).where('email', '=', email).execute();
    const response = await signInWith(authenticator);
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'passkey_failed', detail: expect.stringContaining('citizens') });

    // Their open session now belongs to a staff member, who cannot register one either.
    expect((await post('/api/v1/passkeys/registration/options', undefined, cookie)).statusCode).toBe(403);
    expect((await post('/api/v1/passkeys/registration/options', undefined)).statusCode).toBe(401);
  });

  it('binds a registration challenge to the user it was issued to, once', async () => {
    const alice = await citizen('alice.pk@example.org');
    const bob = await citizen('bob.pk@example.org');
    const options = (await post('/api/v1/passkeys/registration/options', undefined, alice)).json();
    const response = new SoftAuthenticator(rpId, origin).create(options);
    const asBob = await post('/api/v1/passkeys/registration/verify', { response }, bob);
    expect(asBob.statusCode).toBe(400);
    expect(asBob.json().code).toBe('passkey_failed');
    // Bob's attempt spent it: Alice must ask for new options.
    expect((await post('/api/v1/passkeys/registration/verify', { response }, alice)).statusCode).toBe(400);
  });

  it('removes a passkey, after which it no longer signs in', async () => {
    const cookie = await citizen('remove.pk@example.org');
    const { authenticator, created } = await register(cookie);
    const other = await citizen('other.pk@example.org');
    const id = created.json().id as string;
    const del = (c: string) =>
      app.inject({ method: 'DELETE', url: `/api/v1/passkeys/${id}`, headers: { ...JSON_WRITE, cookie: c } });
    expect((await del(other)).statusCode).toBe(404);
    expect((await del(cookie)).statusCode).toBe(204);
    expect((await del(cookie)).statusCode).toBe(404);
    expect((await signInWith(authenticator)).statusCode).toBe(401);
  });
});
