import type { InjectOptions } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, JSON_WRITE } from '../../test/support/app.ts';
import { siteInput } from '../../test/support/businesses.ts';
import { describeEachDialect } from '../../test/support/db.ts';
import { isoAt, newId } from '../clock.ts';
import { loadConfig } from '../config.ts';
import type { JobRow } from '../jobs/jobs.repo.ts';
import { maintenanceHandlers } from '../jobs/maintenance.jobs.ts';
import { newCitizen, PROFILE, registrySnapshot, type TestCitizen } from '../modules/registry/registry.fixtures.ts';
import type { App } from './app-types.ts';
import { completeIdempotencyKey, insertIdempotencyKey } from './idempotency.repo.ts';
import { CLAIM_LEASE_MS, IDEMPOTENCY_TTL_MS, parseIdempotencyKey, requestFingerprint } from './idempotency.ts';

describe('parseIdempotencyKey', () => {
  it('reads the draft’s sf-string and a bare value of 1 to 255 visible characters', () => {
    expect(parseIdempotencyKey('"8e03978e-40d5-43e8-bc93-6894a57f9324"')).toBe('8e03978e-40d5-43e8-bc93-6894a57f9324');
    expect(parseIdempotencyKey('8e03978e-40d5-43e8-bc93-6894a57f9324')).toBe('8e03978e-40d5-43e8-bc93-6894a57f9324');
    expect(parseIdempotencyKey('"a\\"b"')).toBe('a"b');
    expect(parseIdempotencyKey('x')).toBe('x');
    expect(parseIdempotencyKey('k'.repeat(255))).toBe('k'.repeat(255));
  });

  it('refuses empty, too long, spaced, non-ASCII and repeated headers', () => {
    for (const value of ['', '""', '   ', 'k'.repeat(256), `"${'k'.repeat(256)}"`, 'a b', '"a b"', 'clé', '"open']) {
      expect(parseIdempotencyKey(value), value).toBeNull();
    }
    expect(parseIdempotencyKey(['a', 'b'])).toBeNull();
    expect(parseIdempotencyKey(undefined)).toBeNull();
  });

  it('fingerprints the same JSON alike whatever the key order, and a different path or body differently', () => {
    const a = requestFingerprint('POST', '/x', { b: 1, a: [1, { d: 2, c: 3 }] });
    expect(requestFingerprint('POST', '/x', { a: [1, { c: 3, d: 2 }], b: 1 })).toBe(a);
    expect(requestFingerprint('POST', '/y', { b: 1, a: [1, { d: 2, c: 3 }] })).not.toBe(a);
    expect(requestFingerprint('POST', '/x', { b: 2, a: [1, { d: 2, c: 3 }] })).not.toBe(a);
  });
});

const WASHINGTON = 4140963;
const RESIDENCE = { kind: 'residence', countryCode: 'US', cityId: WASHINGTON, arrivalOn: '2020-01-01' };
const CHILD = { familyName: 'WANG', givenName: 'Xiaohong', birthDate: '2015-03-02', relationship: 'child' };
const MOTHER = { name: '李梅', relationship: '母亲', phone: '+86 138 0013 8000', countryCode: 'CN' };
const ORGANISATION = {
  name: 'Idempotent Enterprise',
  registrationNumber: '91110000MA01TEST0X',
  sector: 'construction',
};

describeEachDialect('Idempotency-Key on the citizen create routes', (getDb) => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp(getDb());
  });
  afterAll(async () => {
    await app.close();
  });

  function send(citizen: TestCitizen, url: string, payload: unknown, key?: string) {
    return app.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      headers: {
        ...JSON_WRITE,
        cookie: citizen.cookie,
        'accept-language': 'en',
        ...(key === undefined ? {} : { 'idempotency-key': key }),
      },
      payload: payload as InjectOptions['payload'],
    });
  }

  async function registered(): Promise<TestCitizen> {
    const citizen = await newCitizen(app, 'idem');
    expect((await citizen.call('PUT', '/registry/me', PROFILE)).statusCode).toBe(200);
    return citizen;
  }

  const count = async (table: 'presences' | 'dependents' | 'emergencyContacts', citizen: TestCitizen) => {
    const person = await app.ctx.db
      .selectFrom('persons')
      .select('id')
      .where('userId', '=', citizen.id)
      .executeTakeFirstOrThrow();
    const rows = await app.ctx.db.selectFrom(table).select('id').where('personId', '=', person.id).execute();
    return rows.length;
  };

  it('replays the stored answer for a retry of a presence, dependent and contact, and creates one row each', async () => {
    const citizen = await registered();
    for (const [url, body, table] of [
      ['/registry/me/presences', RESIDENCE, 'presences'],
      ['/registry/me/dependents', CHILD, 'dependents'],
      ['/registry/me/emergency-contacts', MOTHER, 'emergencyContacts'],
    ] as const) {
      const key = `"${crypto.randomUUID()}"`;
      const first = await send(citizen, url, body, key);
      expect(first.statusCode, url).toBe(201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      const retry = await send(citizen, url, body, key);
      expect(retry.statusCode, url).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.json()).toEqual(first.json());
      expect(await count(table, citizen), url).toBe(1);
    }
  });

  it('replays an organisation and a site, and keeps one of each', async () => {
    const citizen = await newCitizen(app, 'idem-org');
    const key = crypto.randomUUID();
    const first = await send(citizen, '/organisations', ORGANISATION, key);
    expect(first.statusCode).toBe(201);
    const again = await send(citizen, '/organisations', { ...ORGANISATION }, key);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const listed = await citizen.call('GET', '/organisations');
    expect(listed.json().items).toHaveLength(1);

    const id = first.json().id as string;
    const siteKey = crypto.randomUUID();
    const site = await send(citizen, `/organisations/${id}/sites`, siteInput(), siteKey);
    expect(site.statusCode).toBe(201);
    const siteAgain = await send(citizen, `/organisations/${id}/sites`, siteInput(), siteKey);
    expect(siteAgain.headers['idempotent-replayed']).toBe('true');
    expect(siteAgain.json()).toEqual(site.json());
    expect((await citizen.call('GET', `/organisations/${id}/sites`)).json().items).toHaveLength(1);
  });

  it('refuses the same key with a different body (422) and creates nothing more', async () => {
    const citizen = await registered();
    const key = crypto.randomUUID();
    expect((await send(citizen, '/registry/me/dependents', CHILD, key)).statusCode).toBe(201);
    const before = await registrySnapshot(app.ctx.db, citizen.id);
    const reused = await send(citizen, '/registry/me/dependents', { ...CHILD, givenName: 'Xiaoli' }, key);
    expect(reused.statusCode).toBe(422);
    expect(reused.json()).toMatchObject({ code: 'idempotency_key_reused', title: expect.any(String) });
    // The same key on another route is another request too.
    expect((await send(citizen, '/registry/me/emergency-contacts', MOTHER, key)).statusCode).toBe(422);
    expect(await registrySnapshot(app.ctx.db, citizen.id)).toEqual(before);
  });

  it('refuses an invalid key with 400 and changes nothing', async () => {
    const citizen = await registered();
    const before = await registrySnapshot(app.ctx.db, citizen.id);
    for (const key of ['', 'k'.repeat(256), 'two words', 'clé']) {
      const response = await send(citizen, '/registry/me/presences', RESIDENCE, key);
      expect(response.statusCode, key).toBe(400);
      expect(response.json().code).toBe('idempotency_key_invalid');
    }
    expect(await registrySnapshot(app.ctx.db, citizen.id)).toEqual(before);
  });

  it('behaves as before without a key: each POST creates a row', async () => {
    const citizen = await registered();
    for (let i = 0; i < 2; i++) {
      const response = await send(citizen, '/registry/me/presences', RESIDENCE);
      expect(response.statusCode).toBe(201);
      expect(response.headers['idempotent-replayed']).toBeUndefined();
    }
    expect(await count('presences', citizen)).toBe(2);
  });

  it('never creates two rows for two requests in flight at once with one key', async () => {
    const citizen = await registered();
    const key = crypto.randomUUID();
    const responses = await Promise.all(
      Array.from({ length: 4 }, () => send(citizen, '/registry/me/presences', RESIDENCE, key)),
    );
    const created = responses.filter((r) => r.statusCode === 201 && !r.headers['idempotent-replayed']);
    expect(created).toHaveLength(1);
    for (const response of responses) {
      if (response.statusCode === 409) expect(response.json().code).toBe('idempotency_key_in_flight');
      else expect(response.statusCode).toBe(201);
    }
    expect(await count('presences', citizen)).toBe(1);
  });

  it('answers 409 while the key is held, and lets a retry take over a claim abandoned past its lease', async () => {
    const citizen = await registered();
    const { db } = app.ctx;
    const held = crypto.randomUUID();
    const url = '/api/v1/registry/me/presences';
    const claim = (key: string, claimedAt: string) =>
      insertIdempotencyKey(db, {
        scope: citizen.id,
        key,
        method: 'POST',
        route: url,
        fingerprint: requestFingerprint('POST', url, RESIDENCE),
        claim: newId(),
        claimedAt,
        status: null,
        response: null,
        createdAt: claimedAt,
      });
    await claim(held, isoAt(0));
    const busy = await send(citizen, '/registry/me/presences', RESIDENCE, held);
    expect(busy.statusCode).toBe(409);
    expect(busy.json().code).toBe('idempotency_key_in_flight');
    expect(await count('presences', citizen)).toBe(0);

    // A holder that crashed committed nothing (the answer is stored with the change), so a retry may proceed.
    const abandoned = crypto.randomUUID();
    await claim(abandoned, isoAt(-CLAIM_LEASE_MS - 1000));
    expect((await send(citizen, '/registry/me/presences', RESIDENCE, abandoned)).statusCode).toBe(201);
    expect((await send(citizen, '/registry/me/presences', RESIDENCE, abandoned)).headers['idempotent-replayed']).toBe(
      'true',
    );
    expect(await count('presences', citizen)).toBe(1);
  });

  it('stores nothing for a refused request: the retry is evaluated afresh', async () => {
    const citizen = await newCitizen(app, 'idem-fresh');
    const key = crypto.randomUUID();
    const early = await send(citizen, '/registry/me/dependents', CHILD, key);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('profile_required');
    expect((await citizen.call('PUT', '/registry/me', PROFILE)).statusCode).toBe(200);
    const retry = await send(citizen, '/registry/me/dependents', CHILD, key);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
  });

  it('keeps keys apart per account', async () => {
    const [one, two] = [await registered(), await registered()];
    const key = crypto.randomUUID();
    const a = await send(one, '/registry/me/dependents', CHILD, key);
    const b = await send(two, '/registry/me/dependents', CHILD, key);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    expect(b.json().dependent.id).not.toBe(a.json().dependent.id);
  });

  it('cannot store an answer under a claim it lost', async () => {
    const { db } = app.ctx;
    const record = { scope: newId(), key: 'lost', claim: newId() };
    const at = isoAt(0);
    const row = { ...record, method: 'POST', route: '/x', fingerprint: 'f', claimedAt: at, createdAt: at };
    await insertIdempotencyKey(db, { ...row, status: null, response: null });
    expect(await completeIdempotencyKey(db, { ...record, claim: newId() }, 201, '{}')).toBe(false);
    expect(await completeIdempotencyKey(db, record, 201, '{}')).toBe(true);
    expect(await completeIdempotencyKey(db, record, 201, '{}')).toBe(false);
  });

  it('forgets keys after 24 hours: the maintenance job purges them, and an unpurged one is treated as new', async () => {
    const citizen = await registered();
    const { db } = app.ctx;
    const key = crypto.randomUUID();
    expect((await send(citizen, '/registry/me/emergency-contacts', MOTHER, key)).statusCode).toBe(201);
    const old = isoAt(-IDEMPOTENCY_TTL_MS - 60_000);
    await db.updateTable('idempotencyKeys').set({ createdAt: old }).where('key', '=', key).execute();
    const later = await send(citizen, '/registry/me/emergency-contacts', MOTHER, key);
    expect(later.statusCode).toBe(201);
    expect(later.headers['idempotent-replayed']).toBeUndefined();
    expect(await count('emergencyContacts', citizen)).toBe(2);

    await db.updateTable('idempotencyKeys').set({ createdAt: old }).where('key', '=', key).execute();
    const fresh = crypto.randomUUID();
    expect(
      (await send(citizen, '/registry/me/emergency-contacts', { ...MOTHER, name: '王芳' }, fresh)).statusCode,
    ).toBe(201);
    const handler = maintenanceHandlers(loadConfig({}))['maintenance.purge_idempotency_keys'];
    if (!handler) throw new Error('no purge handler');
    // The handler reads neither the job row nor the payload.
    await handler({ db, log: pino({ level: 'silent' }), job: {} as JobRow }, {});
    const left = await db.selectFrom('idempotencyKeys').select('key').where('scope', '=', citizen.id).execute();
    expect(left.map((r) => r.key)).toEqual([fresh]);
  });
});
