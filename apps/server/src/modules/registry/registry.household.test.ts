import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { describeEachDialect } from '../../../test/support/db.ts';
import type { App } from '../../http/app-types.ts';
import { newCitizen, PROFILE, registrySnapshot, type TestCitizen } from './registry.fixtures.ts';

const CHILD = {
  familyName: 'WANG',
  givenName: 'Xiaohong',
  nativeName: '王小红',
  birthDate: '2015-03-02',
  relationship: 'child',
};
const MOTHER = { name: '李梅', relationship: '母亲', phone: '+86 138 0013 8000', countryCode: 'CN' };

describeEachDialect('registry: dependents, emergency contacts, subscriptions', (getDb) => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp(getDb());
  });
  afterAll(async () => {
    await app.close();
  });

  async function registered(): Promise<TestCitizen> {
    const citizen = await newCitizen(app);
    expect((await citizen.call('PUT', '/registry/me', PROFILE)).statusCode).toBe(200);
    return citizen;
  }

  it('needs a saved profile before any of them is written, and lists nothing before', async () => {
    const citizen = await newCitizen(app);
    for (const url of ['/registry/me/dependents', '/registry/me/emergency-contacts', '/registry/me/subscriptions']) {
      expect((await citizen.call('GET', url)).json()).toEqual({ items: [] });
    }
    for (const [method, url, body] of [
      ['POST', '/registry/me/dependents', CHILD],
      ['POST', '/registry/me/emergency-contacts', MOTHER],
      ['PUT', '/registry/me/subscriptions/FR', undefined],
    ] as const) {
      const response = await citizen.call(method, url, body);
      expect(response.statusCode, url).toBe(409);
      expect(response.json().code).toBe('profile_required');
    }
    expect(await registrySnapshot(app.ctx.db, citizen.id)).toBeNull();
  });

  it('adds, replaces, lists and removes a dependent, with their presences', async () => {
    const citizen = await registered();
    const created = await citizen.call('POST', '/registry/me/dependents', { ...CHILD, passportNumber: 'e 7654 3210' });
    expect(created.statusCode).toBe(201);
    const { dependent } = created.json();
    expect(dependent).toMatchObject({ ...CHILD, passportNumber: 'E76543210', sex: null, passportExpiry: null });
    const replaced = await citizen.call('PUT', `/registry/me/dependents/${dependent.id}`, {
      ...CHILD,
      sex: 'F',
      nativeName: null,
    });
    expect(replaced.json().dependent).toMatchObject({
      id: dependent.id,
      sex: 'F',
      nativeName: null,
      passportNumber: null,
    });
    expect((await citizen.call('GET', '/registry/me/dependents')).json().items).toEqual([replaced.json().dependent]);

    await citizen.call('POST', '/registry/me/presences', {
      kind: 'residence',
      countryCode: 'JP',
      regionCode: 'JP-13',
      arrivalOn: '2024-01-01',
      dependentIds: [dependent.id],
    });
    const removed = await citizen.call('DELETE', `/registry/me/dependents/${dependent.id}`);
    expect(removed.statusCode).toBe(204);
    const left = await app.ctx.db
      .selectFrom('presences')
      .select('dependentId')
      .where(
        'personId',
        '=',
        (await app.ctx.db.selectFrom('persons').select('id').where('userId', '=', citizen.id).executeTakeFirstOrThrow())
          .id,
      )
      .execute();
    expect(left).toEqual([{ dependentId: null }]);
    const presences = (await citizen.call('GET', '/registry/me/presences')).json().items;
    expect(presences[0].dependentIds).toEqual([]);
  });

  it('keeps emergency contacts with a phone or an email, at most 5', async () => {
    const citizen = await registered();
    const created = await citizen.call('POST', '/registry/me/emergency-contacts', MOTHER);
    expect(created.statusCode).toBe(201);
    expect(created.json().contact).toMatchObject({
      name: '李梅',
      phone: '+8613800138000',
      email: null,
      countryCode: 'CN',
    });
    const id = created.json().contact.id;
    const replaced = await citizen.call('PUT', `/registry/me/emergency-contacts/${id}`, {
      name: 'Li Mei',
      relationship: 'mother',
      email: 'Li.Mei@Example.org',
    });
    expect(replaced.json().contact).toMatchObject({ id, phone: null, email: 'li.mei@example.org', countryCode: null });
    for (let i = 0; i < 4; i++) await citizen.call('POST', '/registry/me/emergency-contacts', MOTHER);
    const before = await registrySnapshot(app.ctx.db, citizen.id);
    const sixth = await citizen.call('POST', '/registry/me/emergency-contacts', MOTHER);
    expect(sixth.statusCode).toBe(422);
    expect(sixth.json().code).toBe('limit_reached');
    expect(await registrySnapshot(app.ctx.db, citizen.id)).toEqual(before);
    expect((await citizen.call('DELETE', `/registry/me/emergency-contacts/${id}`)).statusCode).toBe(204);
    expect((await citizen.call('GET', '/registry/me/emergency-contacts')).json().items).toHaveLength(4);
  });

  it('subscribes idempotently, lists with country names, and unsubscribes', async () => {
    const citizen = await registered();
    const first = await citizen.call('PUT', '/registry/me/subscriptions/JP');
    expect(first.statusCode).toBe(200);
    expect(first.json().subscription).toMatchObject({
      countryCode: 'JP',
      countryName: { en: 'Japan', 'zh-CN': '日本' },
    });
    const again = await citizen.call('PUT', '/registry/me/subscriptions/JP');
    expect(again.json()).toEqual(first.json());
    await citizen.call('PUT', '/registry/me/subscriptions/FR');
    const list = (await citizen.call('GET', '/registry/me/subscriptions')).json().items;
    expect(list.map((s: { countryCode: string }) => s.countryCode)).toEqual(['FR', 'JP']);
    expect((await citizen.call('DELETE', '/registry/me/subscriptions/JP')).statusCode).toBe(204);
    expect((await citizen.call('DELETE', '/registry/me/subscriptions/JP')).statusCode).toBe(204);
    expect((await citizen.call('GET', '/registry/me/subscriptions')).json().items).toHaveLength(1);
  });

  it('stops at 50 subscriptions', async () => {
    const citizen = await registered();
    const person = await app.ctx.db
      .selectFrom('persons')
      .select('id')
      .where('userId', '=', citizen.id)
      .executeTakeFirstOrThrow();
    const codes = [
      'AD',
      'AE',
      'AF',
      'AG',
      'AL',
      'AM',
      'AO',
      'AR',
      'AT',
      'AU',
      'AZ',
      'BA',
      'BB',
      'BD',
      'BE',
      'BF',
      'BG',
    ];
    const more = ['BH', 'BI', 'BJ', 'BN', 'BO', 'BR', 'BS', 'BT', 'BW', 'BY', 'BZ', 'CA', 'CD', 'CF', 'CG', 'CH', 'CI'];
    const rest = ['CL', 'CM', 'CO', 'CR', 'CU', 'CV', 'CY', 'CZ', 'DE', 'DJ', 'DK', 'DM', 'DO', 'DZ', 'EC', 'EE'];
    await app.ctx.db
      .insertInto('countrySubscriptions')
      .values(
        [...codes, ...more, ...rest].map((countryCode) => ({
          personId: person.id,
          countryCode,
          createdAt: '2026-01-01',
        })),
      )
      .execute();
    const over = await citizen.call('PUT', '/registry/me/subscriptions/FR');
    expect(over.statusCode).toBe(422);
    expect(over.json().code).toBe('limit_reached');
    expect((await citizen.call('PUT', '/registry/me/subscriptions/DE')).statusCode).toBe(200); // already one
  });

  it('refuses bad input with a named problem and changes nothing', async () => {
    const citizen = await registered();
    const { dependent } = (await citizen.call('POST', '/registry/me/dependents', CHILD)).json();
    const { contact } = (await citizen.call('POST', '/registry/me/emergency-contacts', MOTHER)).json();
    const before = await registrySnapshot(app.ctx.db, citizen.id);
    const cases: [string, string, Record<string, unknown> | undefined, number, string][] = [
      ['POST', '/registry/me/dependents', { ...CHILD, relationship: 'cousin' }, 400, 'validation_failed'],
      ['POST', '/registry/me/dependents', { ...CHILD, birthDate: '2015-02-29' }, 422, 'dates_invalid'],
      ['POST', '/registry/me/dependents', { ...CHILD, birthDate: '2999-01-01' }, 422, 'dates_invalid'],
      ['POST', '/registry/me/dependents', { ...CHILD, passportNumber: 'E1' }, 400, 'validation_failed'],
      ['PUT', `/registry/me/dependents/${dependent.id}`, { ...CHILD, givenName: '小红' }, 400, 'validation_failed'],
      [
        'POST',
        '/registry/me/emergency-contacts',
        { name: 'X', relationship: 'friend' },
        422,
        'contact_channel_required',
      ],
      ['POST', '/registry/me/emergency-contacts', { ...MOTHER, phone: '12308' }, 422, 'phone_invalid'],
      ['POST', '/registry/me/emergency-contacts', { ...MOTHER, email: 'not-an-email' }, 400, 'validation_failed'],
      ['POST', '/registry/me/emergency-contacts', { ...MOTHER, countryCode: 'XX' }, 422, 'country_unknown'],
      [
        'POST',
        '/registry/me/emergency-contacts',
        { ...MOTHER, relationship: 'x'.repeat(61) },
        400,
        'validation_failed',
      ],
      [
        'PUT',
        `/registry/me/emergency-contacts/${contact.id}`,
        { name: 'X', relationship: 'y' },
        422,
        'contact_channel_required',
      ],
      ['PUT', '/registry/me/subscriptions/XX', undefined, 422, 'country_unknown'],
      ['PUT', '/registry/me/subscriptions/fr', undefined, 400, 'validation_failed'],
    ];
    for (const [method, url, body, status, code] of cases) {
      const response = await citizen.call(method as 'POST', url, body);
      expect(response.statusCode, `${method} ${url} ${JSON.stringify(body)}`).toBe(status);
      expect(response.json().code).toBe(code);
    }
    expect(await registrySnapshot(app.ctx.db, citizen.id)).toEqual(before);
  });

  it('answers 404 for someone else’s dependent or contact and changes nothing', async () => {
    const owner = await registered();
    const { dependent } = (await owner.call('POST', '/registry/me/dependents', CHILD)).json();
    const { contact } = (await owner.call('POST', '/registry/me/emergency-contacts', MOTHER)).json();
    const before = await registrySnapshot(app.ctx.db, owner.id);
    const intruder = await registered();
    for (const [method, url, body] of [
      ['PUT', `/registry/me/dependents/${dependent.id}`, CHILD],
      ['DELETE', `/registry/me/dependents/${dependent.id}`, undefined],
      ['PUT', `/registry/me/emergency-contacts/${contact.id}`, MOTHER],
      ['DELETE', `/registry/me/emergency-contacts/${contact.id}`, undefined],
      [
        'POST',
        '/registry/me/presences',
        { kind: 'residence', countryCode: 'FR', arrivalOn: '2024-01-01', dependentIds: [dependent.id] },
      ],
    ] as const) {
      const response = await intruder.call(method, url, body);
      expect(response.statusCode, `${method} ${url}`).toBe(404);
      expect(response.json().code).toBe('not_found');
    }
    expect(await registrySnapshot(app.ctx.db, owner.id)).toEqual(before);
  });
});
