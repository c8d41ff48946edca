import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, JSON_WRITE, signInAs } from '../../../test/support/app.ts';
import { describeEachDialect } from '../../../test/support/db.ts';
import type { App } from '../../http/app-types.ts';
import { DEMO_PASSWORD } from '../demo/demo.accounts.ts';
import { formatCaseNumber } from './cases.service.ts';

const email = (name: string) => `${name}@demo.homeward.example`;

describe('formatCaseNumber', () => {
  it('pads to six digits within the year', () => {
    expect(formatCaseNumber(2026, 123)).toBe('HW-2026-000123');
  });
});

describeEachDialect('cases and mission scope', (getDb) => {
  let app: App;
  const cookies: Record<string, string> = {};
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    app = await buildTestApp(getDb());
    for (const who of ['admin', 'agent', 'officer.us', 'officer.jp', 'head.us', 'alerts', 'auditor', 'citizen']) {
      cookies[who] = await signInAs(app, email(who), DEMO_PASSWORD);
    }
    const all = (await app.inject({ url: '/api/v1/cases', headers: { cookie: cookies.admin as string } })).json();
    for (const c of all.items)
      ids[c.missionCode === 'US-WAS' ? `${c.missionCode}:${c.category}` : c.missionCode] = c.id;
  });
  afterAll(async () => {
    await app.close();
  });

  const list = async (who: string) =>
    (await app.inject({ url: '/api/v1/cases', headers: { cookie: cookies[who] as string } })).json();

  it('shows HQ and the hotline every case, mission staff only their missions’ cases', async () => {
    expect((await list('admin')).total).toBe(4);
    expect((await list('agent')).total).toBe(4);
    const us = await list('officer.us');
    expect(us.items.map((c: { missionCode: string }) => c.missionCode)).toEqual(['US-WAS', 'US-WAS']);
    const jp = await list('officer.jp');
    expect(jp.items.map((c: { missionCode: string }) => c.missionCode)).toEqual(['JP-TYO']);
    expect((await list('head.us')).total).toBe(2);
  });

  it('shows a citizen only the case they reported, without internal fields', async () => {
    const own = await list('citizen');
    expect(own.total).toBe(1);
    expect(own.items[0]).not.toHaveProperty('createdBy');
    expect(own.items[0]).not.toHaveProperty('reporterUserId');
  });

  it('refuses roles that work with no cases', async () => {
    for (const who of ['alerts', 'auditor']) {
      const response = await app.inject({ url: '/api/v1/cases', headers: { cookie: cookies[who] as string } });
      expect(response.statusCode).toBe(403);
    }
    expect((await app.inject('/api/v1/cases')).statusCode).toBe(401);
  });

  it('answers 404 for a case of another mission exactly as for a case that does not exist', async () => {
    const tokyo = ids['JP-TYO'] as string;
    const asUs = await app.inject({
      url: `/api/v1/cases/${tokyo}`,
      headers: { cookie: cookies['officer.us'] as string, 'accept-language': 'en' },
    });
    const missing = await app.inject({
      url: '/api/v1/cases/0190f0e4-0000-7000-8000-000000000000',
      headers: { cookie: cookies['officer.us'] as string, 'accept-language': 'en' },
    });
    expect(asUs.statusCode).toBe(404);
    const strip = (body: Record<string, unknown>) => ({ ...body, instance: undefined });
    expect(strip(asUs.json())).toEqual(strip(missing.json()));
    const asJp = await app.inject({
      url: `/api/v1/cases/${tokyo}`,
      headers: { cookie: cookies['officer.jp'] as string },
    });
    expect(asJp.statusCode).toBe(200);
    expect(asJp.json().case.subjectName).toBe('陈静 CHEN JING');
  });

  it('writes each staff view of a case to the audit log, with the mission', async () => {
    const { db } = getDb();
    const id = ids['US-WAS:accident'] as string;
    await app.inject({ url: `/api/v1/cases/${id}`, headers: { cookie: cookies['head.us'] as string } });
    const entry = await db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'case.view')
      .where('recordId', '=', id)
      .executeTakeFirst();
    expect(entry).toMatchObject({ actorRole: 'mission_head', missionCode: 'US-WAS', recordType: 'case' });
  });

  it('lets mission staff open cases at home only, with consecutive readable numbers', async () => {
    const body = {
      missionCode: 'US-WAS',
      category: 'fraud',
      priority: 'P3',
      summary: '<script>alert(1)</script> 电信诈骗 phone scam',
      subjectName: '赵六 ZHAO LIU',
    };
    const opened = await Promise.all(
      [1, 2, 3].map(() =>
        app.inject({
          method: 'POST',
          url: '/api/v1/cases',
          headers: { ...JSON_WRITE, cookie: cookies['officer.us'] as string },
          payload: body,
        }),
      ),
    );
    expect(opened.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    const numbers = opened.map((r) => r.json().number).sort();
    const year = new Date().getUTCFullYear();
    expect(numbers).toEqual([5, 6, 7].map((n) => formatCaseNumber(year, n)));
    expect(opened[0]?.json().summary).toBe(body.summary);
    const elsewhere = await app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { ...JSON_WRITE, cookie: cookies['officer.us'] as string },
      payload: { ...body, missionCode: 'JP-TYO' },
    });
    expect(elsewhere.statusCode).toBe(403);
    const unknownCategory = await app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { ...JSON_WRITE, cookie: cookies.agent as string, 'accept-language': 'en' },
      payload: { ...body, category: 'alien_abduction' },
    });
    expect(unknownCategory.statusCode).toBe(400);
    expect(unknownCategory.json().errors).toEqual([
      { field: '/category', message: 'category is not one of the allowed values' },
    ]);
  });

  it('keeps an open case when its reporter deletes their account, and tells them why', async () => {
    const { db } = getDb();
    const exported = await app.inject({
      url: '/api/v1/accounts/me/export',
      headers: { cookie: cookies.citizen as string },
    });
    expect(exported.statusCode).toBe(200);
    const reported = exported.json().sections.cases;
    expect(reported).toHaveLength(1);
    const deleted = await app.inject({
      method: 'POST',
      url: '/api/v1/accounts/me/delete',
      headers: { ...JSON_WRITE, cookie: cookies.citizen as string, 'accept-language': 'en' },
      payload: { password: DEMO_PASSWORD },
    });
    expect(deleted.statusCode).toBe(200);
    expect(deleted.json().kept).toEqual([
      {
        type: 'case',
        id: reported[0].number,
        reason: expect.objectContaining({ en: expect.stringMatching(/still open/) }),
      },
    ]);
    const kase = await db.selectFrom('cases').selectAll().where('number', '=', reported[0].number).executeTakeFirst();
    expect(kase).toMatchObject({ status: 'in_progress' });
  });
});
