import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, signInAs } from '../../../test/support/app.ts';
import { describeEachDialect } from '../../../test/support/db.ts';
import { newId } from '../../clock.ts';
import type { App } from '../../http/app-types.ts';
import { DEMO_PASSWORD } from '../demo/demo.accounts.ts';
import { appendCaseEvent } from './cases.events.repo.ts';

const email = (name: string) => `${name}@demo.homeward.example`;

describeEachDialect('GET /api/v1/cases?q= (full text within the caller’s scope)', (getDb) => {
  let app: App;
  const cookies: Record<string, string> = {};
  let citizenCase = '';
  let tokyoCase = '';
  beforeAll(async () => {
    app = await buildTestApp(getDb());
    for (const who of ['admin', 'officer.us', 'officer.jp', 'citizen']) {
      cookies[who] = await signInAs(app, email(who), DEMO_PASSWORD);
    }
    const { db } = app.ctx;
    const citizen = await db
      .selectFrom('users')
      .select('id')
      .where('email', '=', email('citizen'))
      .executeTakeFirstOrThrow();
    const own = await db
      .selectFrom('cases')
      .select('id')
      .where('reporterUserId', '=', citizen.id)
      .executeTakeFirstOrThrow();
    citizenCase = own.id;
    const tokyo = await db
      .selectFrom('cases')
      .select('id')
      .where('missionCode', '=', 'JP-TYO')
      .executeTakeFirstOrThrow();
    tokyoCase = tokyo.id;
    await db
      .updateTable('cases')
      .set({ summary: '新宿站护照被盗 Shinjuku theft' })
      .where('id', '=', tokyoCase)
      .execute();
    const note = { kind: 'note', authorUserId: null, authorKind: 'staff' as const };
    await appendCaseEvent(db, { ...note, caseId: citizenCase, visibility: 'internal', body: '内部核查：疑似伪造文件' });
    await appendCaseEvent(db, {
      ...note,
      kind: 'message',
      caseId: citizenCase,
      visibility: 'citizen',
      body: '请携带照片到领事部 consular section',
    });
  });
  afterAll(async () => {
    await app.close();
  });

  const search = async (who: string, q: string) => {
    const response = await app.inject({
      url: `/api/v1/cases?q=${encodeURIComponent(q)}`,
      headers: { cookie: cookies[who] as string },
    });
    expect(response.statusCode).toBe(200);
    return (response.json().items as { id: string }[]).map((c) => c.id);
  };

  it('finds a case by words of its summary, in Chinese and English', async () => {
    expect(await search('admin', '护照被盗')).toEqual([tokyoCase]);
    expect(await search('admin', 'shinjuku 新宿')).toEqual([tokyoCase]);
    expect(await search('officer.jp', '新宿')).toEqual([tokyoCase]);
  });

  it('never shows an officer another mission’s case, whatever the words', async () => {
    expect(await search('officer.us', '护照被盗')).toEqual([]);
    expect(await search('officer.us', 'Shinjuku')).toEqual([]);
  });

  it('lets a citizen find their case by its messages but not by internal notes', async () => {
    expect(await search('admin', '伪造文件')).toEqual([citizenCase]);
    expect(await search('citizen', '伪造文件')).toEqual([]);
    expect(await search('citizen', 'consular section')).toEqual([citizenCase]);
    expect(await search('citizen', 'Shinjuku')).toEqual([]);
  });

  it('combines with the other filters and counts only the matches', async () => {
    const response = await app.inject({
      url: `/api/v1/cases?q=${encodeURIComponent('护照')}&missionCode=JP-TYO`,
      headers: { cookie: cookies.admin as string },
    });
    expect(response.json().total).toBe(1);
  });

  it('counts a broad search up to 1,000 and still lists the newest matches first', async () => {
    const { db } = app.ctx;
    const at = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
    const rows = Array.from({ length: 1005 }, (_, i) => ({
      id: newId(),
      number: `HW-DRILL-${String(i).padStart(4, '0')}`,
      missionCode: 'US-WAS',
      category: 'other' as const,
      priority: 'P3' as const,
      status: 'new' as const,
      // Every third case is about something else: the walk over the newest cases has to skip it.
      summary: i % 3 === 0 ? `Lost luggage ${i}` : `Spillway evacuation drill ${i}`,
      description: '',
      subjectName: 'Drill Person',
      reporterUserId: null,
      createdBy: null,
      openedAt: at(i),
      updatedAt: at(i),
      version: 1,
    }));
    // 1,005 cases, 670 of them drills: too few to pass the cap. 1,005 more drills, older, make 1,675.
    const older = rows.map((row, i) => ({
      ...row,
      id: newId(),
      number: `HW-DRILL-OLD-${String(i).padStart(4, '0')}`,
      summary: `Spillway evacuation drill, earlier ${i}`,
      openedAt: at(i - 100_000),
      updatedAt: at(i - 100_000),
    }));
    for (const all of [rows, older]) {
      for (let i = 0; i < all.length; i += 200)
        await db
          .insertInto('cases')
          .values(all.slice(i, i + 200))
          .execute();
    }
    // The newest drill is found by an internal note alone: staff find it, the words are not in its summary.
    const newest = rows[rows.length - 1];
    if (!newest) throw new Error('no rows');
    await db.updateTable('cases').set({ summary: 'Reservoir exercise' }).where('id', '=', newest.id).execute();
    await appendCaseEvent(db, {
      caseId: newest.id,
      kind: 'note',
      visibility: 'internal',
      authorUserId: null,
      authorKind: 'staff',
      body: 'part of the spillway drill',
    });
    const list = async (query: string) => {
      const response = await app.inject({
        url: `/api/v1/cases?${query}`,
        headers: { cookie: cookies.admin as string },
      });
      expect(response.statusCode).toBe(200);
      return response.json() as { items: { number: string }[]; total: number; totalCapped?: boolean };
    };
    const expected = rows
      .filter((_, i) => i % 3 !== 0)
      .reverse()
      .map((row) => row.number);

    const broad = await list(`q=${encodeURIComponent('spillway drill')}&pageSize=25`);
    expect(broad.total).toBe(1000);
    expect(broad.totalCapped).toBe(true);
    expect(broad.items.map((c) => c.number)).toEqual(expected.slice(0, 25));
    const second = await list(`q=${encodeURIComponent('drill spillway')}&pageSize=25&page=2`);
    expect(second.items.map((c) => c.number)).toEqual(expected.slice(25, 50));

    // Under the cap the count is exact and the flag false; other filters narrow before the cap applies.
    const few = await list(`q=${encodeURIComponent('spillway drill')}&missionCode=JP-TYO`);
    expect(few).toMatchObject({ total: 0, totalCapped: false, items: [] });
    const exact = await list(`q=${encodeURIComponent('earlier 100')}`);
    // "earlier 100" and "earlier 1000" to "earlier 1004": six cases, all on the first page.
    expect(exact).toMatchObject({ total: 6, totalCapped: false });
    expect(exact.items.map((c) => c.number).sort()).toEqual(
      older
        .filter((o) => o.summary.includes('earlier 100'))
        .map((o) => o.number)
        .sort(),
    );
  });

  it('refuses a query longer than 200 characters', async () => {
    const response = await app.inject({
      url: `/api/v1/cases?q=${'x'.repeat(201)}`,
      headers: { cookie: cookies.admin as string },
    });
    expect(response.statusCode).toBe(400);
  });
});
