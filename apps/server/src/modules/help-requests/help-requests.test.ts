import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, JSON_WRITE, signInAs } from '../../../test/support/app.ts';
import { WASHINGTON_DC } from '../../../test/support/businesses.ts';
import { describeEachDialect } from '../../../test/support/db.ts';
import { isoNow } from '../../clock.ts';
import type { App } from '../../http/app-types.ts';
import { DEMO_PASSWORD } from '../demo/demo.accounts.ts';
import { newCitizen, type TestCitizen } from '../registry/registry.fixtures.ts';
import { BURST_MIN_REQUESTS, intakeIsBusy } from './help-requests.intake.ts';
import { BURST_ROUTINE_DELAY_MS, openReceivedHelpRequests, startHelpRequestOpener } from './help-requests.opener.ts';

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const request = (overrides: Record<string, unknown> = {}) => ({
  category: 'crime_victim',
  urgency: 'urgent',
  forSelf: false,
  reporterRelation: 'parent',
  subjectName: '李小明 LI XIAOMING',
  subjectPhone: '+1 202 555 0199',
  contactPhone: '+86 138 0013 8000',
  description: '<script>alert(1)</script> 儿子在华盛顿被抢劫，手机和护照都丢了。\nSecond line with details.',
  location: { country: 'US', region: 'US-DC', cityId: WASHINGTON_DC, label: 'Union Station', source: 'search' },
  ...overrides,
});

describeEachDialect('help requests', (getDb) => {
  let app: App;
  let citizen: TestCitizen;
  let demoCitizen: string;
  const post = (cookie: string | undefined, payload: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/help-requests',
      headers: { ...JSON_WRITE, 'accept-language': 'en', ...(cookie ? { cookie } : {}), ...headers },
      payload: payload as Record<string, unknown>,
    });
  const countIntake = async () =>
    Number(
      (
        await getDb()
          .db.selectFrom('helpRequestIntake')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const countCases = async () =>
    Number(
      (
        await getDb()
          .db.selectFrom('cases')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  const status = (cookie: string, id: string) =>
    app.inject({ method: 'GET', url: `/api/v1/help-requests/${id}`, headers: { cookie, 'accept-language': 'en' } });
  /** Posts a request (acknowledged 202), lets the background step open it, and answers its status. */
  const submit = async (cookie: string, payload: unknown, headers: Record<string, string> = {}) => {
    const received = await post(cookie, payload, headers);
    expect(received.statusCode).toBe(202);
    await openReceivedHelpRequests(getDb().db);
    return status(cookie, received.json().request.id);
  };

  beforeAll(async () => {
    app = await buildTestApp(getDb());
    citizen = await newCitizen(app, 'help');
    demoCitizen = await signInAs(app, 'citizen@demo.homeward.example', DEMO_PASSWORD);
  });
  afterAll(async () => {
    await app.close();
  });

  it('acknowledges a received request at once (202, Location), then opens its case in the background', async () => {
    const response = await post(citizen.cookie, request());
    expect(response.statusCode).toBe(202);
    const { request: received, case: none } = response.json();
    expect(none).toBeNull();
    expect(received).toMatchObject({ state: 'received', problem: null });
    expect(response.headers.location).toBe(`/api/v1/help-requests/${received.id}`);
    // The security headers every answer carries (helmet, set once per request).
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    const waiting = await status(citizen.cookie, received.id);
    expect(waiting.json()).toMatchObject({ request: { id: received.id, state: 'received' }, case: null });

    expect(await openReceivedHelpRequests(getDb().db)).toMatchObject({ opened: 1, failed: 0, errors: 0 });
    const opened = await status(citizen.cookie, received.id);
    expect(opened.statusCode).toBe(200);
    expect(opened.json().request.state).toBe('opened');
    // Opened once: a second round finds nothing to do.
    expect(await openReceivedHelpRequests(getDb().db)).toMatchObject({ opened: 0, failed: 0 });
    expect(opened.json().case.openedAt).toBe(received.receivedAt);
  });

  it('opens a case of the mission for the place, with the people involved, a created event and an audit entry', async () => {
    const response = await submit(citizen.cookie, request());
    expect(response.statusCode).toBe(200);
    const kase = response.json().case;
    expect(kase).toMatchObject({ status: 'new', priority: 'P2', category: 'crime_victim', missionCode: 'US-WAS' });
    expect(kase.number).toMatch(/^HW-\d{4}-\d{6}$/);

    const { db } = getDb();
    const row = await db.selectFrom('cases').selectAll().where('id', '=', kase.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      source: 'citizen',
      reporterUserId: citizen.id,
      reporterRelation: 'parent',
      contactPhone: '+8613800138000',
      locationCountry: 'US',
      locationRegion: 'US-DC',
      locationCity: String(WASHINGTON_DC),
      locationLabel: 'Union Station',
      locationLat: null,
      subjectPersonId: null,
      summary: '<script>alert(1)</script> 儿子在华盛顿被抢劫，手机和护照都丢了。',
    });
    expect(row.description).toBe(request().description);
    expect(row.slaFirstDueAt).not.toBeNull();
    const persons = await db
      .selectFrom('casePersons')
      .selectAll()
      .where('caseId', '=', kase.id)
      .orderBy('role')
      .execute();
    expect(persons.map((p) => [p.role, p.name, p.phone, p.relation])).toEqual([
      ['reporter', 'REGISTRY TEST', '+8613800138000', 'parent'],
      ['subject', '李小明 LI XIAOMING', '+12025550199', null],
    ]);
    const events = await db.selectFrom('caseEvents').selectAll().where('caseId', '=', kase.id).execute();
    expect(events).toMatchObject([{ kind: 'created', visibility: 'citizen', authorKind: 'citizen' }]);
    const audit = await db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'case.help_request')
      .where('recordId', '=', kase.id)
      .executeTakeFirst();
    expect(audit).toMatchObject({ actorId: citizen.id, missionCode: 'US-WAS' });
  });

  it('uses where a registered citizen is today when they ask for themselves without a place', async () => {
    const response = await submit(
      demoCitizen,
      request({
        forSelf: true,
        reporterRelation: undefined,
        subjectName: '张三丰 ZHANG SANFENG',
        subjectPhone: undefined,
        category: 'lost_passport',
        urgency: 'routine',
        location: undefined,
      }),
    );
    expect(response.statusCode).toBe(200);
    expect(response.json().case).toMatchObject({ missionCode: 'JP-TYO', priority: 'P4' });
    const { db } = getDb();
    const row = await db
      .selectFrom('cases')
      .selectAll()
      .where('id', '=', response.json().case.id)
      .executeTakeFirstOrThrow();
    expect(row.reporterRelation).toBe('self');
    expect(row.locationCountry).toBe('JP');
    expect(row.subjectPersonId).not.toBeNull();
    const event = await db
      .selectFrom('caseEvents')
      .select('data')
      .where('caseId', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(event.data ?? '{}')).toMatchObject({ locationSource: 'registry', urgency: 'routine' });
  });

  it('refuses bad input with a localized problem naming the field, and stores nothing', async () => {
    const before = await countCases();
    const intakeBefore = await countIntake();
    const cases: [Record<string, unknown>, number, string, string][] = [
      [request({ category: 'alien_abduction' }), 400, 'validation_failed', '/category'],
      [request({ location: undefined }), 422, 'location_required', '/location'],
      [request({ contactPhone: '12' }), 422, 'phone_invalid', '/contactPhone'],
      [request({ subjectPhone: 'call me' }), 422, 'phone_invalid', '/subjectPhone'],
      [request({ reporterRelation: undefined }), 400, 'validation_failed', '/reporterRelation'],
      [request({ location: { country: 'XX', source: 'search' } }), 422, 'country_unknown', '/location/country'],
      [
        request({ location: { country: 'JP', cityId: WASHINGTON_DC, source: 'search' } }),
        422,
        'city_unknown',
        '/location/cityId',
      ],
      [
        request({ location: { country: 'US', lat: 38.9, lon: -77.0, source: 'geolocation' } }),
        422,
        'precise_consent_required',
        '/location/preciseConsent',
      ],
      [request({ description: '' }), 400, 'validation_failed', '/description'],
      [request({ description: 'x'.repeat(4001) }), 400, 'validation_failed', '/description'],
    ];
    for (const [payload, status, code, field] of cases) {
      const response = await post(citizen.cookie, payload);
      expect({ status: response.statusCode, code: response.json().code }).toEqual({ status, code });
      expect(response.json().errors?.map((e: { field: string }) => e.field)).toContain(field);
    }
    const zh = await app.inject({
      method: 'POST',
      url: '/api/v1/help-requests',
      headers: { ...JSON_WRITE, cookie: citizen.cookie, 'accept-language': 'zh-CN' },
      payload: request({ category: 'alien_abduction' }),
    });
    expect(zh.json().title).toBe('部分信息无效');
    expect(zh.json().errors).toEqual([{ field: '/category', message: 'category不是允许的值' }]);
    expect(await countCases()).toBe(before);
    expect(await countIntake()).toBe(intakeBefore);
  });

  it('marks a request failed, with the problem in the language it was sent in, when no mission covers the place', async () => {
    const before = await countCases();
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/help-requests',
      headers: { ...JSON_WRITE, cookie: citizen.cookie, 'accept-language': 'zh-CN' },
      payload: request({ location: { country: 'AQ', source: 'search' } }),
    });
    expect(response.statusCode).toBe(202);
    expect(await openReceivedHelpRequests(getDb().db)).toMatchObject({ opened: 0, failed: 1 });
    const failed = (await status(citizen.cookie, response.json().request.id)).json();
    expect(failed.case).toBeNull();
    expect(failed.request).toMatchObject({
      state: 'failed',
      problem: { status: 422, code: 'no_mission_for_place', title: '没有驻外使领馆负责该地点，请重新选择国家或地区' },
    });
    expect(await countCases()).toBe(before);
  });

  it('shows a request to its owner only', async () => {
    const response = await post(citizen.cookie, request());
    const id = response.json().request.id;
    expect((await status(demoCitizen, id)).statusCode).toBe(404);
    expect((await status(citizen.cookie, 'no-such-request')).statusCode).toBe(404);
    const officer = await signInAs(app, 'officer.us@demo.homeward.example', DEMO_PASSWORD);
    expect((await status(officer, id)).statusCode).toBe(403);
    await openReceivedHelpRequests(getDb().db);
  });

  it('is for signed-in citizens only', async () => {
    expect((await post(undefined, request())).statusCode).toBe(401);
    const officer = await signInAs(app, 'officer.us@demo.homeward.example', DEMO_PASSWORD);
    expect((await post(officer, request())).statusCode).toBe(403);
  });

  it('answers a retried request with the same request and case, even when the retries race, and refuses a reused key', async () => {
    const before = await countCases();
    const key = { 'idempotency-key': `help-${Date.now()}` };
    const first = await post(citizen.cookie, request(), key);
    const racing = await Promise.all([1, 2, 3].map(() => post(citizen.cookie, request(), key)));
    expect(first.statusCode).toBe(202);
    for (const again of racing) {
      expect(again.statusCode).toBe(202);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.json()).toEqual(first.json());
    }
    await openReceivedHelpRequests(getDb().db);
    const opened = await post(citizen.cookie, request(), key);
    expect(opened.statusCode).toBe(201);
    expect(opened.headers['idempotent-replayed']).toBe('true');
    expect(opened.json().request).toMatchObject({ id: first.json().request.id, state: 'opened' });
    expect(opened.json().case.number).toMatch(/^HW-/);
    expect(await countCases()).toBe(before + 1);
    const reused = await post(citizen.cookie, request({ urgency: 'routine' }), key);
    expect(reused.statusCode).toBe(422);
    expect(reused.json().code).toBe('idempotency_key_reused');

    const twinKey = { 'idempotency-key': `twin-${Date.now()}` };
    const twins = await Promise.all([1, 2, 3].map(() => post(citizen.cookie, request(), twinKey)));
    expect(new Set(twins.map((t) => t.json().request.id)).size).toBe(1);
    expect(twins.filter((t) => t.headers['idempotent-replayed'] === 'true')).toHaveLength(2);
    await openReceivedHelpRequests(getDb().db);
    expect(await countCases()).toBe(before + 2);
    // The intake row is the key's record: the generic Idempotency-Key table is not used by this route.
    const { db } = getDb();
    expect(await db.selectFrom('idempotencyKeys').select('key').where('key', 'like', 'twin-%').execute()).toEqual([]);
  });

  it('opens requests left received (a restart) in the background opener, which a nudge wakes at once', async () => {
    const { db } = getDb();
    const ids = await Promise.all(
      [1, 2].map(async (i) => (await post(citizen.cookie, request({ subjectName: `LEFT ${i}` }))).json().request.id),
    );
    // A long poll: only the first round (at start) and the nudge can open them.
    const opener = startHelpRequestOpener({ db, log: pino({ level: 'silent' }), pollMs: 60_000 });
    try {
      await until(async () => (await status(citizen.cookie, ids[0])).json().request.state === 'opened');
      await until(async () => (await status(citizen.cookie, ids[1])).json().request.state === 'opened');
      const third = (await post(citizen.cookie, request({ subjectName: 'NUDGED' }))).json().request.id;
      opener.nudge();
      await until(async () => (await status(citizen.cookie, third)).json().request.state === 'opened');
    } finally {
      await opener.stop();
    }
  });

  it('keeps the priority each request will open with, and opens P1 requests before older routine ones', async () => {
    const { db } = getDb();
    // Whatever earlier tests left waiting is opened first, so that only this test's requests wait.
    await openReceivedHelpRequests(db);
    const routine = (await post(citizen.cookie, request({ subjectName: 'ROUTINE', urgency: 'routine' }))).json();
    const urgent = (await post(citizen.cookie, request({ subjectName: 'TAKEN', category: 'kidnapping' }))).json();
    const priorities = await db
      .selectFrom('helpRequestIntake')
      .select(['id', 'priority'])
      .where('id', 'in', [routine.request.id, urgent.request.id])
      .execute();
    expect(Object.fromEntries(priorities.map((r) => [r.id, r.priority]))).toEqual({
      [routine.request.id]: 'P3',
      [urgent.request.id]: 'P1',
    });
    // One at a time: the kidnapping, received after the routine request, is opened first.
    expect(await openReceivedHelpRequests(db, undefined, 1)).toMatchObject({ opened: 1 });
    expect((await status(citizen.cookie, urgent.request.id)).json().request.state).toBe('opened');
    expect((await status(citizen.cookie, routine.request.id)).json().request.state).toBe('received');
    expect(await openReceivedHelpRequests(db, undefined, 1)).toMatchObject({ opened: 1 });
    expect((await status(citizen.cookie, routine.request.id)).json().request.state).toBe('opened');
  });

  it('during a burst opens P1 requests and routine ones older than the delay, and leaves younger routine ones', async () => {
    const { db } = getDb();
    await openReceivedHelpRequests(db);
    const ids = async (...payloads: Record<string, unknown>[]) =>
      Promise.all(payloads.map(async (p) => String((await post(citizen.cookie, request(p))).json().request.id)));
    const [old = '', young = '', urgent = ''] = await ids(
      { subjectName: 'OLD ROUTINE' },
      { subjectName: 'YOUNG ROUTINE' },
      { subjectName: 'LIFE', urgency: 'life_threatening' },
    );
    const now = Date.now();
    await db
      .updateTable('helpRequestIntake')
      .set({ receivedAt: isoNow(new Date(now - BURST_ROUTINE_DELAY_MS - 5_000)) })
      .where('id', '=', old)
      .execute();
    const cutoff = isoNow(new Date(now - BURST_ROUTINE_DELAY_MS));
    expect(await openReceivedHelpRequests(db, undefined, 8, { routineReceivedBefore: cutoff })).toMatchObject({
      opened: 2,
      errors: 0,
    });
    const states = async () =>
      Object.fromEntries(
        (
          await db
            .selectFrom('helpRequestIntake')
            .select(['id', 'state'])
            .where('id', 'in', [old, young, urgent])
            .execute()
        ).map((r) => [r.id, r.state]),
      );
    expect(await states()).toEqual({
      [old]: 'opened',
      [young]: 'received',
      [urgent]: 'opened',
    });
    // Once the burst is over, the rest.
    expect(await openReceivedHelpRequests(db)).toMatchObject({ opened: 1 });
    expect((await states())[young]).toBe('opened');
  });

  it('tells a burst from a few requests, opens its P1 request in the background, and the routine ones after it', async () => {
    const { db } = getDb();
    await openReceivedHelpRequests(db);
    // A few requests are no burst: each is opened at once. (Half a second first: earlier tests' requests count.)
    await new Promise((resolve) => setTimeout(resolve, 600));
    await post(citizen.cookie, request({ subjectName: 'ALONE' }));
    expect(intakeIsBusy(db)).toBe(false);
    const opener = startHelpRequestOpener({ db, log: pino({ level: 'silent' }), pollMs: 60_000 });
    try {
      const crowd = await Promise.all(
        Array.from({ length: BURST_MIN_REQUESTS }, async (_, i) => {
          const answer = await post(citizen.cookie, request({ subjectName: `IN THE CROWD ${i}` }));
          return String(answer.json().request.id);
        }),
      );
      const urgent = (await post(citizen.cookie, request({ subjectName: 'HELD', category: 'detention' }))).json()
        .request.id;
      expect(intakeIsBusy(db)).toBe(true);
      opener.nudge();
      await until(async () => (await status(citizen.cookie, urgent)).json().request.state === 'opened');
      for (const id of crowd) {
        await until(async () => (await status(citizen.cookie, id)).json().request.state === 'opened');
      }
    } finally {
      await opener.stop();
    }
  });

  it('opens each received request exactly once when openers race', async () => {
    const before = await countCases();
    const ids = await Promise.all(
      [1, 2, 3, 4].map(
        async (i) => (await post(citizen.cookie, request({ subjectName: `RACE ${i}` }))).json().request.id,
      ),
    );
    const { db } = getDb();
    const rounds = await Promise.all([1, 2, 3].map(() => openReceivedHelpRequests(db)));
    expect(rounds.reduce((n, r) => n + r.opened, 0)).toBe(4);
    expect(rounds.every((r) => r.errors === 0)).toBe(true);
    expect(await countCases()).toBe(before + 4);
    const rows = await db.selectFrom('helpRequestIntake').select(['state', 'caseId']).where('id', 'in', ids).execute();
    expect(rows.every((r) => r.state === 'opened' && r.caseId !== null)).toBe(true);
    expect(new Set(rows.map((r) => r.caseId)).size).toBe(4);
  });

  it('gives concurrent requests their own cases with consecutive numbers; a refused one does not disturb them', async () => {
    const payloads = Array.from({ length: 12 }, (_, i) =>
      i === 5 ? request({ contactPhone: 'nope' }) : request({ subjectName: `PERSON ${i}` }),
    );
    const responses = await Promise.all(
      payloads.map((p, i) => post(citizen.cookie, p, { 'idempotency-key': `batch-${i}-${Date.now()}` })),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(payloads.map((_, i) => (i === 5 ? 422 : 202)));
    await openReceivedHelpRequests(getDb().db);
    const numbers: number[] = [];
    for (const r of responses.filter((r) => r.statusCode === 202)) {
      const opened = (await status(citizen.cookie, r.json().request.id)).json();
      numbers.push(Number(opened.case.number.slice(-6)));
    }
    numbers.sort((a, b) => a - b);
    expect((numbers.at(-1) ?? 0) - (numbers[0] ?? 0)).toBe(10);
    expect(numbers).toHaveLength(11);
    const { db } = getDb();
    const stored = await db
      .selectFrom('helpRequestIntake')
      .select('idempotencyKey')
      .where('idempotencyKey', 'like', 'batch-5-%')
      .execute();
    expect(stored).toEqual([]);
  });
});
