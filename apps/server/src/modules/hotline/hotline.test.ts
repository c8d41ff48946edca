import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, JSON_WRITE, signInAs } from '../../../test/support/app.ts';
import { describeEachDialect } from '../../../test/support/db.ts';
import type { Db } from '../../db/schema.ts';
import type { App } from '../../http/app-types.ts';
import { DEMO_PASSWORD } from '../demo/demo.accounts.ts';
import { seedDemoCalls } from './hotline.seed.ts';
import { logCall } from './hotline.service.ts';

const email = (name: string) => `${name}@demo.homeward.example`;

describeEachDialect('hotline call log', (getDb) => {
  let app: App;
  let db: Db;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    app = await buildTestApp(getDb());
    db = getDb().db;
    for (const who of ['admin', 'agent', 'officer.us', 'officer.jp', 'auditor', 'citizen'])
      cookies[who] = await signInAs(app, email(who), DEMO_PASSWORD);
  });
  afterAll(async () => {
    await app.close();
  });

  const post = (payload: Record<string, unknown>, who = 'agent') =>
    app.inject({
      method: 'POST',
      url: '/api/v1/hotline/calls',
      headers: { ...JSON_WRITE, cookie: cookies[who] as string, 'accept-language': 'en' },
      payload,
    });
  const counts = async () => ({
    calls: Number(
      (
        await db
          .selectFrom('hotlineCalls')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
    cases: Number(
      (
        await db
          .selectFrom('cases')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  });

  it('logs advice with the caller’s national number stored as E.164 and the call’s length', async () => {
    const startedAt = new Date(Date.now() - 95_000).toISOString();
    const response = await post({
      callerPhone: '090-1234-5678',
      phoneCountry: 'JP',
      callerName: '刘洋',
      category: 'lost_passport',
      summary: 'Lost passport in Osaka; told to report to the police first.',
      outcome: 'advice',
      language: 'zh-CN',
      locationCountry: 'JP',
      startedAt,
    });
    expect(response.statusCode, response.body).toBe(201);
    const call = response.json();
    expect(call).toMatchObject({
      callerPhone: '+819012345678',
      outcome: 'advice',
      missionCode: null,
      case: null,
      agent: { name: 'Hotline Agent 热线坐席' },
    });
    expect(call.durationSeconds).toBeGreaterThanOrEqual(95);
    const read = await app.inject({
      url: `/api/v1/hotline/calls/${call.id}`,
      headers: { cookie: cookies.agent as string },
    });
    expect(read.json().summary).toBe('Lost passport in Osaka; told to report to the police first.');
  });

  it('opens the case with the call: same mission, source hotline, a call event, listed in the queue', async () => {
    const response = await post({
      callerPhone: '+1 202 555 0199',
      callerName: 'Sun Li',
      category: 'kidnapping',
      summary: 'Brother held for ransom near Baltimore; the family received a call.',
      outcome: 'case_opened',
      missionCode: 'US-WAS',
      subjectName: '孙强 SUN QIANG',
      language: 'en',
    });
    expect(response.statusCode, response.body).toBe(201);
    const call = response.json();
    expect(call.case.missionCode).toBe('US-WAS');
    expect(call.case.number).toMatch(/^HW-\d{4}-\d{6}$/);
    const kase = await db.selectFrom('cases').selectAll().where('id', '=', call.case.id).executeTakeFirstOrThrow();
    expect(kase).toMatchObject({ source: 'hotline', priority: 'P1', contactPhone: '+12025550199' });
    const events = await db.selectFrom('caseEvents').selectAll().where('caseId', '=', kase.id).execute();
    const callEvent = events.find((e) => e.kind === 'call');
    expect(JSON.parse(callEvent?.data ?? '{}')).toEqual({ callId: call.id });
    expect(callEvent?.visibility).toBe('internal');
    const queue = await app.inject({
      url: '/api/v1/cases?missionCode=US-WAS',
      headers: { cookie: cookies['officer.us'] as string },
    });
    expect(queue.json().items.map((c: { id: string }) => c.id)).toContain(kase.id);
  });

  it('routes the case from the country when the agent picks no mission', async () => {
    const response = await post({
      category: 'missing_person',
      summary: 'Daughter out of contact in Tokyo for two days.',
      outcome: 'case_opened',
      callerName: '陈刚',
      subjectName: '陈小雨 CHEN XIAOYU',
      locationCountry: 'JP',
      language: 'zh-CN',
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().case.missionCode).toBe('JP-TYO');
    expect(response.json().missionCode).toBe('JP-TYO');
  });

  it('opens the case and logs the call in one transaction: both roll back together', async () => {
    const before = await counts();
    const agent = await db
      .selectFrom('users')
      .select('id')
      .where('email', '=', email('agent'))
      .executeTakeFirstOrThrow();
    await expect(
      db.transaction().execute(async (trx) => {
        await logCall(
          trx,
          { id: agent.id, role: 'hotline_agent', missions: [] },
          {
            category: 'accident',
            summary: 'rolled back',
            outcome: 'case_opened',
            missionCode: 'US-WAS',
            subjectName: 'ROLLBACK PROBE',
            language: 'en',
          },
          { actor: { id: agent.id, role: 'hotline_agent' }, ip: null },
          'en',
        );
        expect(
          (await trx.selectFrom('cases').select('id').where('subjectName', '=', 'ROLLBACK PROBE').execute()).length,
        ).toBe(1);
        throw new Error('abort the unit of work');
      }),
    ).rejects.toThrow('abort the unit of work');
    expect(await counts()).toEqual(before);
  });

  it('refuses bad input with a clear 4xx and stores nothing', async () => {
    const before = await counts();
    const base = { category: 'other', summary: 'probe', language: 'en' };
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...base, category: 'alien_abduction', outcome: 'advice' }, 400, '/category'],
      [{ ...base, outcome: 'advice', callerPhone: '12' }, 422, '/callerPhone'],
      [{ ...base, outcome: 'advice', callerPhone: '090-1234-5678' }, 422, '/callerPhone'],
      [{ ...base, outcome: 'transferred' }, 400, '/missionCode'],
      [{ ...base, outcome: 'transferred', missionCode: 'ZZ-ZZZ' }, 400, '/missionCode'],
      [{ ...base, outcome: 'case_opened', subjectName: 'X' }, 400, '/missionCode'],
      [{ ...base, outcome: 'case_opened', missionCode: 'US-WAS' }, 400, '/subjectName'],
      [{ ...base, outcome: 'advice', personId: '0190f0e4-0000-7000-8000-000000000000' }, 400, '/personId'],
      [{ ...base, outcome: 'advice', startedAt: '2020-01-01T00:00:00Z' }, 400, '/startedAt'],
      [{ ...base, outcome: 'advice', summary: '' }, 400, '/summary'],
    ];
    for (const [payload, status, field] of cases) {
      const response = await post(payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(status);
      expect(
        response.json().errors?.map((e: { field: string }) => e.field),
        JSON.stringify(payload),
      ).toContain(field);
    }
    expect(await counts()).toEqual(before);
  });

  it('seeds the demo week of calls once, at the demo missions, by the demo agent', async () => {
    const demo = await db.selectFrom('hotlineCalls').selectAll().where('summary', 'like', '%大阪%').execute();
    expect(demo).toHaveLength(1);
    expect(demo[0]).toMatchObject({ agentName: 'Hotline Agent 热线坐席', callerPhone: '+819012345678' });
    expect(await seedDemoCalls(db)).toBe(0);
  });

  it('keeps summaries with markup as text', async () => {
    const summary = '<script>alert(1)</script> caller upset';
    const response = await post({ category: 'other', summary, outcome: 'advice', language: 'en' });
    expect(response.json().summary).toBe(summary);
  });

  it('shows mission staff only the calls transferred to their missions; other roles none', async () => {
    const transfer = await post({
      category: 'detention',
      summary: 'Husband detained in Maryland; transferred to the embassy.',
      outcome: 'transferred',
      missionCode: 'US-WAS',
      language: 'zh-CN',
    });
    expect(transfer.statusCode, transfer.body).toBe(201);
    const list = async (who: string, query = '') =>
      app.inject({ url: `/api/v1/hotline/calls${query}`, headers: { cookie: cookies[who] as string } });
    const us = (await list('officer.us')).json();
    expect(us.total).toBeGreaterThan(0);
    for (const call of us.items) expect(call).toMatchObject({ outcome: 'transferred', missionCode: 'US-WAS' });
    const jp = (await list('officer.jp')).json();
    for (const call of jp.items) expect(call.missionCode).toBe('JP-TYO');
    const id = transfer.json().id;
    const asJp = await app.inject({
      url: `/api/v1/hotline/calls/${id}`,
      headers: { cookie: cookies['officer.jp'] as string },
    });
    expect(asJp.statusCode).toBe(404);
    const asUs = await app.inject({
      url: `/api/v1/hotline/calls/${id}`,
      headers: { cookie: cookies['officer.us'] as string },
    });
    expect(asUs.statusCode).toBe(200);
    for (const who of ['auditor', 'citizen']) expect((await list(who)).statusCode).toBe(403);
    expect(
      (await post({ category: 'other', summary: 'x', outcome: 'advice', language: 'en' }, 'officer.us')).statusCode,
    ).toBe(403);
  });

  it('filters the list by outcome, category and phone digits, newest first, paged', async () => {
    const all = (
      await app.inject({ url: '/api/v1/hotline/calls?pageSize=100', headers: { cookie: cookies.agent as string } })
    ).json();
    const starts = all.items.map((c: { startedAt: string }) => c.startedAt);
    expect(starts).toEqual([...starts].sort().reverse());
    const page = (
      await app.inject({ url: '/api/v1/hotline/calls?pageSize=2&page=2', headers: { cookie: cookies.agent as string } })
    ).json();
    expect(page.items).toEqual(all.items.slice(2, 4));
    const byPhone = (
      await app.inject({ url: '/api/v1/hotline/calls?phone=90 1234', headers: { cookie: cookies.agent as string } })
    ).json();
    expect(byPhone.items.length).toBeGreaterThan(0);
    for (const call of byPhone.items) expect(call.callerPhone).toContain('9012345678');
    const opened = (
      await app.inject({
        url: '/api/v1/hotline/calls?outcome=case_opened&category=kidnapping',
        headers: { cookie: cookies.agent as string },
      })
    ).json();
    expect(opened.items.map((c: { category: string }) => c.category)).toEqual(['kidnapping']);
  });

  it('counts calls per UTC day, category and outcome, with the average length', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 6 * 86_400_000).toISOString().slice(0, 10);
    const response = await app.inject({
      url: `/api/v1/hotline/stats?from=${from}&to=${today}`,
      headers: { cookie: cookies.agent as string },
    });
    expect(response.statusCode, response.body).toBe(200);
    const stats = response.json();
    expect(stats.timeZone).toBe('UTC');
    expect(stats.perDay).toHaveLength(7);
    const calls = await db
      .selectFrom('hotlineCalls')
      .select(['startedAt', 'category', 'outcome', 'durationSeconds'])
      .where('startedAt', '>=', `${from}T00:00:00.000Z`)
      .execute();
    expect(stats.total).toBe(calls.length);
    expect(stats.perDay.reduce((s: number, d: { count: number }) => s + d.count, 0)).toBe(calls.length);
    expect(stats.perDay.at(-1)).toEqual({
      day: today,
      count: calls.filter((c) => c.startedAt.startsWith(today)).length,
    });
    const kidnap = stats.perCategory.find((c: { category: string }) => c.category === 'kidnapping');
    expect(kidnap.count).toBe(calls.filter((c) => c.category === 'kidnapping').length);
    const transferred = stats.perOutcome.find((c: { outcome: string }) => c.outcome === 'transferred');
    expect(transferred.count).toBe(calls.filter((c) => c.outcome === 'transferred').length);
    const average = calls.reduce((s, c) => s + Number(c.durationSeconds), 0) / calls.length;
    expect(stats.averageDurationSeconds).toBeCloseTo(average, 0);
    const backwards = await app.inject({
      url: `/api/v1/hotline/stats?from=${today}&to=${from}`,
      headers: { cookie: cookies.agent as string },
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().code).toBe('dates_invalid');
  });
});
