import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { describeEachDialect } from '../../../test/support/db.ts';
import type { App } from '../../http/app-types.ts';
import { seedDemo } from '../demo/demo.seed.ts';

describeEachDialect('missions API', (getDb) => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp(getDb());
  });
  afterAll(async () => {
    await app.close();
  });

  it('pages through all seeded missions', async () => {
    const first = (await app.inject('/api/v1/missions?pageSize=20')).json();
    expect(first.total).toBeGreaterThanOrEqual(40);
    expect(first.items).toHaveLength(20);
    const last = (await app.inject(`/api/v1/missions?pageSize=20&page=${Math.ceil(first.total / 20)}`)).json();
    expect(last.items.length).toBe(first.total - 20 * (Math.ceil(first.total / 20) - 1));
    const codes = new Set([...first.items, ...last.items].map((m: { code: string }) => m.code));
    expect(codes.size).toBe(first.items.length + last.items.length);
  });

  it('finds the missions whose consular district covers a country, by whole country or region', async () => {
    const us = (await app.inject('/api/v1/missions?country=us&pageSize=100')).json();
    expect(us.items.map((m: { code: string }) => m.code).sort()).toEqual([
      'US-CHI',
      'US-LAX',
      'US-NYC',
      'US-SFO',
      'US-WAS',
    ]);
    const nyc = us.items.find((m: { code: string }) => m.code === 'US-NYC');
    expect(nyc.jurisdiction.regions).toContain('US-NY');
    const singapore = (await app.inject('/api/v1/missions?country=SG')).json();
    expect(singapore.items).toHaveLength(1);
    expect(singapore.items[0].jurisdiction.countries).toEqual(['SG']);
    const none = (await app.inject('/api/v1/missions?country=AQ')).json();
    expect(none).toMatchObject({ items: [], total: 0 });
  });

  it('searches names and cities in both languages, case-insensitively, treating % and _ literally', async () => {
    const zh = (await app.inject(`/api/v1/missions?q=${encodeURIComponent('旧金山')}`)).json();
    expect(zh.items.map((m: { code: string }) => m.code)).toEqual(['US-SFO']);
    const en = (await app.inject('/api/v1/missions?q=san%20FRANCISCO')).json();
    expect(en.items.map((m: { code: string }) => m.code)).toEqual(['US-SFO']);
    const wildcard = (await app.inject('/api/v1/missions?q=%25')).json();
    expect(wildcard.total).toBe(0);
  });

  it('sorts by the name in the asked language', async () => {
    const en = (
      await app.inject({ url: '/api/v1/missions?pageSize=100', headers: { 'accept-language': 'en' } })
    ).json();
    const names = en.items.map((m: { name: { en: string } }) => m.name.en);
    expect(names).toEqual([...names].sort((a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('returns one mission with its district, 404 problem for an unknown code, 400 for a malformed one', async () => {
    const tokyo = await app.inject('/api/v1/missions/jp-tyo');
    expect(tokyo.statusCode).toBe(200);
    expect(tokyo.json()).toMatchObject({ code: 'JP-TYO', kind: 'embassy', countryCode: 'JP', timezone: 'Asia/Tokyo' });
    const sydney = (await app.inject('/api/v1/missions/AU-SYD')).json();
    expect(sydney.phoneDisplay).toBe('+61 2 9550 5519');
    expect(sydney.phone).toBe('+61295505519');
    const unknown = await app.inject({ url: '/api/v1/missions/XX-XXX', headers: { 'accept-language': 'en' } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'not_found', title: 'Not found' });
    expect((await app.inject('/api/v1/missions/nonsense')).statusCode).toBe(400);
  });

  it('seeding twice changes nothing', async () => {
    const before = (await app.inject('/api/v1/missions?country=JP&pageSize=100')).json();
    const report = await seedDemo(getDb().db, 'CN');
    expect(report.accountsCreated).toBe(0);
    const after = (await app.inject('/api/v1/missions?country=JP&pageSize=100')).json();
    expect(after).toEqual(before);
  });

  it('serves meta from configuration and all ISO countries with both names', async () => {
    const meta = (await app.inject('/api/v1/meta')).json();
    expect(meta.hotline).toMatchObject({ e164: '+861012308', display: '+86 10 12308' });
    expect(meta.hotline.guidance['zh-CN']).toContain('按 0 再按 9');
    expect(meta.sendingState.code).toBe('CN');
    const countries = (await app.inject('/api/v1/countries')).json();
    expect(countries.length).toBeGreaterThanOrEqual(249);
    expect(countries.find((c: { code: string }) => c.code === 'JP').name).toEqual({ en: 'Japan', 'zh-CN': '日本' });
  });
});
