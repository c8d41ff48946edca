import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, signInAs } from '../../../test/support/app.ts';
import { describeEachDialect } from '../../../test/support/db.ts';
import type { App } from '../../http/app-types.ts';
import { DEMO_PASSWORD } from '../demo/demo.accounts.ts';
import { CITIZEN_PASSWORD, newCitizen, PROFILE, registrySnapshot } from './registry.fixtures.ts';

const TD3 = 'P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10';

describeEachDialect('registry: the citizen’s profile', (getDb) => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp(getDb());
  });
  afterAll(async () => {
    await app.close();
  });

  it('is null until saved, then created with the account e-mail as a verified channel', async () => {
    const citizen = await newCitizen(app);
    expect((await citizen.call('GET', '/registry/me')).json()).toEqual({ person: null });
    const saved = await citizen.call('PUT', '/registry/me', {
      ...PROFILE,
      passportNumber: 'e 1234 5678',
      phone: '+1 (202) 555-0143',
    });
    expect(saved.statusCode).toBe(200);
    const { person } = saved.json();
    expect(person).toMatchObject({
      familyName: 'WANG',
      nativeName: '王小明',
      passportNumber: 'E12345678',
      nationality: 'CN',
      locale: 'en',
      phone: '+12025550143',
      sex: null,
    });
    expect(person.channels).toEqual([
      { kind: 'email', address: citizen.email, verified: true },
      { kind: 'sms', address: '+12025550143', verified: false },
    ]);
    expect((await citizen.call('GET', '/registry/me')).json()).toEqual({ person });
  });

  it('replaces the whole profile on a second save and removes a phone left out', async () => {
    const citizen = await newCitizen(app);
    const first = (await citizen.call('PUT', '/registry/me', { ...PROFILE, phone: '+12025550143' })).json().person;
    const second = await citizen.call('PUT', '/registry/me', {
      familyName: 'Wang',
      givenName: 'Xiao-Ming',
      sex: 'M',
      locale: 'zh-CN',
    });
    expect(second.statusCode).toBe(200);
    expect(second.json().person).toMatchObject({
      id: first.id,
      givenName: 'Xiao-Ming',
      nativeName: null,
      birthDate: null,
      sex: 'M',
      locale: 'zh-CN',
      phone: null,
      createdAt: first.createdAt,
    });
    expect(second.json().person.channels.map((c: { kind: string }) => c.kind)).toEqual(['email']);
  });

  it('fills the passport fields from a valid MRZ and never stores the MRZ', async () => {
    const citizen = await newCitizen(app);
    const response = await citizen.call('PUT', '/registry/me', {
      familyName: 'ERIKSSON',
      givenName: 'ANNA MARIA',
      mrz: TD3,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().person).toMatchObject({
      passportNumber: 'L898902C3',
      birthDate: '1974-08-12',
      passportExpiry: '2012-04-15',
      sex: 'F',
      nationality: 'CN', // the specimen's Utopia is no country: the default stays
    });
    expect(JSON.stringify(await registrySnapshot(app.ctx.db, citizen.id))).not.toContain('L898902C36UTO');
  });

  it('refuses bad input with a named problem and changes nothing', async () => {
    const citizen = await newCitizen(app);
    await citizen.call('PUT', '/registry/me', { ...PROFILE, phone: '+12025550143' });
    const before = await registrySnapshot(app.ctx.db, citizen.id);
    const cases: [Record<string, unknown>, number, string, string?][] = [
      [{ ...PROFILE, mrz: TD3.replace('L898902C36', 'L898902C37') }, 422, 'mrz_invalid', 'documentNumberCheckDigit'],
      [{ ...PROFILE, mrz: TD3.replace('7408122F', '7408123F') }, 422, 'mrz_invalid', 'birthDateCheckDigit'],
      [{ ...PROFILE, mrz: 'P<UTOERIKSSON' }, 422, 'mrz_invalid'],
      [{ ...PROFILE, mrz: TD3 }, 422, 'mrz_mismatch', 'birthDate'],
      [{ ...PROFILE, birthDate: undefined, passportNumber: 'X1234567', mrz: TD3 }, 422, 'mrz_mismatch'],
      [{ ...PROFILE, birthDate: '1990-02-30' }, 422, 'dates_invalid'],
      [{ ...PROFILE, birthDate: '2999-01-01' }, 422, 'dates_invalid'],
      [{ ...PROFILE, passportExpiry: '2030-13-01' }, 422, 'dates_invalid'],
      [{ ...PROFILE, phone: '12308' }, 422, 'phone_invalid'],
      [{ ...PROFILE, nationality: 'XX' }, 422, 'country_unknown'],
      [{ ...PROFILE, passportNumber: 'AB1' }, 400, 'validation_failed'],
      [{ ...PROFILE, familyName: '王' }, 400, 'validation_failed'],
      [{ ...PROFILE, givenName: '' }, 400, 'validation_failed'],
      [{ ...PROFILE, familyName: 'A'.repeat(101) }, 400, 'validation_failed'],
      [{ ...PROFILE, sex: 'Q' }, 400, 'validation_failed'],
      [{ ...PROFILE, locale: 'fr' }, 400, 'validation_failed'],
      [{ ...PROFILE, userId: 'someone' }, 400, 'validation_failed'],
      [{ givenName: 'X' }, 400, 'validation_failed'],
    ];
    for (const [body, status, code, detail] of cases) {
      const response = await citizen.call('PUT', '/registry/me', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(status);
      expect(response.json().code).toBe(code);
      if (detail) expect(response.json().detail).toContain(detail);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    expect(await registrySnapshot(app.ctx.db, citizen.id)).toEqual(before);
  });

  it('is in the account’s data export and erased with the account', async () => {
    const citizen = await newCitizen(app);
    await citizen.call('PUT', '/registry/me', { ...PROFILE, phone: '+12025550143' });
    await citizen.call('POST', '/registry/me/dependents', {
      familyName: 'WANG',
      givenName: 'Kid',
      relationship: 'child',
    });
    await citizen.call('POST', '/registry/me/presences', {
      kind: 'residence',
      countryCode: 'FR',
      arrivalOn: '2024-01-01',
    });
    await citizen.call('PUT', '/registry/me/subscriptions/JP');
    const exported = (await citizen.call('GET', '/accounts/me/export')).json().sections.registry;
    expect(exported.person).toMatchObject({ familyName: 'WANG', phone: '+12025550143' });
    expect(exported.dependents).toHaveLength(1);
    expect(exported.presences).toMatchObject([{ countryCode: 'FR', current: true }]);
    expect(exported.subscriptions).toMatchObject([{ countryCode: 'JP' }]);

    const deleted = await citizen.call('POST', '/accounts/me/delete', { password: CITIZEN_PASSWORD });
    expect(deleted.statusCode).toBe(200);
    expect(await registrySnapshot(app.ctx.db, citizen.id)).toBeNull();
    const orphans = await app.ctx.db
      .selectFrom('dependents')
      .select('id')
      .where('givenName', '=', 'Kid')
      .where('familyName', '=', 'WANG')
      .execute();
    expect(orphans).toEqual([]);
  });

  it('is for citizens only', async () => {
    const officer = await signInAs(app, 'officer.us@demo.homeward.example', DEMO_PASSWORD);
    const asOfficer = await app.inject({ url: '/api/v1/registry/me', headers: { cookie: officer } });
    expect(asOfficer.statusCode).toBe(403);
    expect((await app.inject('/api/v1/registry/me')).statusCode).toBe(401);
  });
});
