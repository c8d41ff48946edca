import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, JSON_WRITE, signInAs } from '../../../test/support/app.ts';
import { describeEachDialect } from '../../../test/support/db.ts';
import { newId } from '../../clock.ts';
import type { Db } from '../../db/schema.ts';
import type { App } from '../../http/app-types.ts';
import { DEMO_PASSWORD } from '../demo/demo.accounts.ts';
import { insertAdvisory } from './advisories.repo.ts';

const email = (name: string) => `${name}@demo.homeward.example`;
const text = (zh: string, en: string) => ({ 'zh-CN': zh, en });

describeEachDialect('travel advisories', (getDb) => {
  let app: App;
  let db: Db;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    app = await buildTestApp(getDb());
    db = getDb().db;
    for (const who of ['admin', 'alerts', 'officer.us', 'citizen'])
      cookies[who] = await signInAs(app, email(who), DEMO_PASSWORD);
  });
  afterAll(async () => {
    await app.close();
  });

  const publish = (payload: Record<string, unknown>, who = 'alerts') =>
    app.inject({
      method: 'POST',
      url: '/api/v1/advisories',
      headers: { ...JSON_WRITE, cookie: cookies[who] as string, 'accept-language': 'en' },
      payload: {
        summary: text('请注意安全。', 'Stay alert.'),
        details: text('## 治安\n\n夜间少出门。', '## Crime\n\nStay in at night.'),
        ...payload,
      },
    });

  it('publishes a level, supersedes the one in force for the same place and keeps the history', async () => {
    const first = await publish({ country: 'KE', level: 2 });
    expect(first.statusCode, first.body).toBe(201);
    const second = await publish({ country: 'KE', level: 3 }, 'admin');
    expect(second.statusCode, second.body).toBe(201);
    const regional = await publish({ country: 'KE', region: 'KE-30', level: 4 });
    expect(regional.statusCode, regional.body).toBe(201);

    const page = await app.inject({ method: 'GET', url: '/api/v1/advisories/KE?pageSize=2' });
    expect(page.statusCode).toBe(200);
    const body = page.json();
    expect(body.countryName.en).toBe('Kenya');
    expect(body.current).toMatchObject({ id: second.json().id, level: 3, supersededAt: null });
    expect(body.current.details.en).toContain('Stay in at night');
    expect(body.regions).toEqual([
      expect.objectContaining({ region: 'KE-30', level: 4, regionName: expect.any(String) }),
    ]);
    expect(body.history.total).toBe(3);
    expect(body.history.items.map((a: { level: number }) => a.level)).toEqual([4, 3]);
    const older = (await app.inject({ method: 'GET', url: '/api/v1/advisories/KE?pageSize=2&page=2' })).json();
    expect(older.history.items).toEqual([
      expect.objectContaining({ id: first.json().id, level: 2, supersededAt: expect.any(String) }),
    ]);

    const list = (await app.inject({ method: 'GET', url: '/api/v1/advisories' })).json();
    const kenya = list.items.filter((a: { country: string }) => a.country === 'KE');
    expect(kenya.map((a: { region: string; level: number }) => [a.region, a.level])).toEqual([
      ['', 3],
      ['KE-30', 4],
    ]);
    expect(kenya[0]).not.toHaveProperty('details');
  });

  it('writes each publication to the audit log with the old and new level', async () => {
    await publish({ country: 'PE', level: 1 });
    const response = await publish({ country: 'PE', level: 4 });
    const row = await db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'advisory.publish')
      .where('recordId', '=', response.json().id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(String(row.details))).toMatchObject({ country: 'PE', region: '', fromLevel: 1, toLevel: 4 });
  });

  it('serves the list with an ETag and answers 304 until something is published', async () => {
    const first = await app.inject({ method: 'GET', url: '/api/v1/advisories' });
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^".+"$/);
    const again = await app.inject({ method: 'GET', url: '/api/v1/advisories', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    await publish({ country: 'CL', level: 2 });
    const changed = await app.inject({ method: 'GET', url: '/api/v1/advisories', headers: { 'if-none-match': etag } });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    // The country page too: browsers ask every time (no-cache), so a new level shows at once.
    const chile = await app.inject({ method: 'GET', url: '/api/v1/advisories/CL' });
    expect(chile.headers['cache-control']).toBe('public, no-cache');
    const same = await app.inject({
      method: 'GET',
      url: '/api/v1/advisories/CL',
      headers: { 'if-none-match': chile.headers.etag as string },
    });
    expect(same.statusCode).toBe(304);
  });

  it('leaves an expired advisory out of what is in force but keeps it in the history', async () => {
    const response = await publish({
      country: 'BO',
      level: 3,
      effectiveFrom: new Date(Date.now() - 10 * 86_400_000).toISOString(),
      effectiveUntil: new Date(Date.now() + 60_000).toISOString(),
    });
    expect(response.statusCode, response.body).toBe(201);
    await db
      .updateTable('travelAdvisories')
      .set({ effectiveUntil: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', response.json().id)
      .execute();
    const page = (await app.inject({ method: 'GET', url: '/api/v1/advisories/BO' })).json();
    expect(page.current).toBeNull();
    expect(page.history.total).toBe(1);
  });

  it('refuses what does not make sense, and changes nothing', async () => {
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ country: 'XX', level: 2 }, 422, 'country_unknown', '/body/country'],
      [{ country: 'KE', region: 'TZ-01', level: 2 }, 422, 'region_unknown', '/body/region'],
      [{ country: 'KE', level: 5 }, 400, 'validation_failed', ''],
      [
        { country: 'KE', level: 2, summary: text('  ', 'Stay alert.') },
        422,
        'validation_failed',
        '/body/summary/zh-CN',
      ],
      [{ country: 'KE', level: 2, details: { en: 'only English' } }, 400, 'validation_failed', ''],
      [
        { country: 'KE', level: 2, effectiveUntil: new Date(Date.now() - 86_400_000).toISOString() },
        422,
        'dates_invalid',
        '/body/effectiveUntil',
      ],
      [
        { country: 'KE', level: 2, effectiveFrom: new Date(Date.now() + 400 * 86_400_000).toISOString() },
        422,
        'dates_invalid',
        '/body/effectiveFrom',
      ],
    ];
    const before = (await app.inject({ method: 'GET', url: '/api/v1/advisories/KE' })).json().history.total;
    for (const [payload, status, code, field] of cases) {
      const response = await publish(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(status);
      expect(response.json().code).toBe(code);
      if (field) expect(response.json().errors).toEqual([expect.objectContaining({ field })]);
    }
    const after = (await app.inject({ method: 'GET', url: '/api/v1/advisories/KE' })).json().history.total;
    expect(after).toBe(before);
    expect((await app.inject({ method: 'GET', url: '/api/v1/advisories/XX' })).statusCode).toBe(404);
  });

  it('never keeps two versions in force for one place (the second of two racing publishers is refused)', async () => {
    const row = (id: string) => ({
      id,
      country: 'UY',
      region: '',
      level: 2,
      summaryZh: '摘要',
      summaryEn: 'summary',
      detailsZh: '详情',
      detailsEn: 'details',
      effectiveFrom: new Date().toISOString(),
      effectiveUntil: null,
      publishedBy: null,
      publishedAt: new Date().toISOString(),
      supersededAt: null,
    });
    expect(await insertAdvisory(db, row(newId()))).toBe(true);
    expect(await insertAdvisory(db, row(newId()))).toBe(false);
    expect((await app.inject({ method: 'GET', url: '/api/v1/advisories/UY' })).json().history.total).toBe(1);
  });

  it('lets only alert managers and HQ publish', async () => {
    for (const who of ['officer.us', 'citizen'])
      expect((await publish({ country: 'KE', level: 1 }, who)).statusCode).toBe(403);
    const anonymous = await app.inject({
      method: 'POST',
      url: '/api/v1/advisories',
      headers: JSON_WRITE,
      payload: { country: 'KE', level: 1, summary: text('a', 'a'), details: text('a', 'a') },
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('has demo advisories so the map is not empty', async () => {
    const list = (await app.inject({ method: 'GET', url: '/api/v1/advisories' })).json();
    expect(
      list.items.some(
        (a: { country: string; region: string; level: number }) =>
          a.country === 'MM' && a.region === 'MM-12' && a.level === 4,
      ),
    ).toBe(true);
  });
});
