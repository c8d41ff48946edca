import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, signInAs } from '../../../test/support/app.ts';
import { describeEachDialect } from '../../../test/support/db.ts';
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

  it('refuses a query longer than 200 characters', async () => {
    const response = await app.inject({
      url: `/api/v1/cases?q=${'x'.repeat(201)}`,
      headers: { cookie: cookies.admin as string },
    });
    expect(response.statusCode).toBe(400);
  });
});
