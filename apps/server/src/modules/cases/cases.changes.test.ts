import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, JSON_WRITE, signInAs } from '../../../test/support/app.ts';
import { describeEachDialect } from '../../../test/support/db.ts';
import type { App } from '../../http/app-types.ts';
import { DEMO_PASSWORD } from '../demo/demo.accounts.ts';
import { routeCase } from './cases.routing.ts';
import { sweepCaseSla } from './cases.sla.jobs.ts';

const email = (name: string) => `${name}@demo.homeward.example`;
const SCRIPT = '<script>alert("x")</script> 护照 & <b>passport</b>';

describeEachDialect('case management', (getDb) => {
  let app: App;
  const cookies: Record<string, string> = {};
  const userIds: Record<string, string> = {};
  beforeAll(async () => {
    app = await buildTestApp(getDb());
    for (const who of ['admin', 'agent', 'officer.us', 'officer.jp', 'head.us', 'citizen']) {
      cookies[who] = await signInAs(app, email(who), DEMO_PASSWORD);
      const row = await getDb()
        .db.selectFrom('users')
        .select('id')
        .where('email', '=', email(who))
        .executeTakeFirstOrThrow();
      userIds[who] = row.id;
    }
  });
  afterAll(async () => {
    await app.close();
  });

  const call = (who: string, method: string, url: string, payload?: unknown) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: { ...JSON_WRITE, cookie: cookies[who] as string, 'accept-language': 'en' },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });

  const open = async (overrides: Record<string, unknown> = {}, who = 'officer.us') => {
    const response = await call(who, 'POST', '/api/v1/cases', {
      missionCode: 'US-WAS',
      category: 'accident',
      priority: 'P2',
      summary: 'Road accident near Richmond',
      subjectName: 'TEST PERSON',
      ...overrides,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  };

  /** The case as stored, read around the API (what "nothing changed" is checked against). */
  const stored = (id: string) =>
    getDb().db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const events = (id: string) =>
    getDb().db.selectFrom('caseEvents').selectAll().where('caseId', '=', id).orderBy('id').execute();

  it('opens a case with where, what and who, keeps script text as text, and starts the SLA clock', async () => {
    const kase = await open({
      description: SCRIPT,
      location: { country: 'US', region: 'US-VA', label: 'Richmond', lat: 37.54, lon: -77.43 },
      contactPhone: '+1 202 555 0100',
      reporterRelation: 'sister',
      persons: [{ role: 'next_of_kin', name: '母亲 MOTHER', phone: '+86 10 1234 5678', relation: 'mother' }],
    });
    expect(kase).toMatchObject({
      status: 'new',
      source: 'staff',
      description: SCRIPT,
      location: { country: 'US', region: 'US-VA', city: null, label: 'Richmond', lat: 37.54, lon: -77.43 },
      reporterRelation: 'sister',
      assignedTo: null,
      escalationLevel: 0,
      sla: { clock: 'continuous', paused: false, firstResponse: { metAt: null, state: 'green' } },
    });
    const due = Date.parse(kase.sla.firstResponse.dueAt) - Date.parse(kase.openedAt);
    expect(due).toBe(60 * 60_000);
    const detail = (await call('officer.us', 'GET', `/api/v1/cases/${kase.id}`)).json();
    expect(detail.persons).toMatchObject([{ role: 'next_of_kin', name: '母亲 MOTHER', relation: 'mother' }]);
    expect(detail.allowedTransitions).toEqual(['triaged', 'assigned', 'closed']);
    expect((await events(kase.id)).map((e) => e.kind)).toEqual(['created']);
  });

  it('refuses a registry person that does not exist', async () => {
    const response = await call('officer.us', 'POST', '/api/v1/cases', {
      missionCode: 'US-WAS',
      category: 'other',
      priority: 'P4',
      summary: 'x',
      subjectName: 'X',
      persons: [{ role: 'subject', name: 'X', personId: '0190f0e4-0000-7000-8000-000000000000' }],
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([expect.objectContaining({ field: '/persons/0/personId' })]);
  });

  it('walks the workflow: accept, wait on the person, the person answers, resolve, close, reopen with a reason', async () => {
    const kase = await open({}, 'admin');
    let version = kase.version;
    const move = async (to: string, extra: Record<string, unknown> = {}, who = 'officer.us') => {
      const response = await call(who, 'POST', `/api/v1/cases/${kase.id}/transitions`, { to, version, ...extra });
      if (response.statusCode === 200) version = response.json().version;
      return response;
    };
    const accepted = await move('assigned');
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({
      status: 'assigned',
      assignedTo: { id: userIds['officer.us'] },
      sla: { firstResponse: { state: 'met' } },
    });
    expect((await move('waiting')).json().sla).toMatchObject({ paused: true, nextUpdate: { state: 'paused' } });

    // The reporter is not the citizen here; attach the demo citizen as reporter to test their answer.
    await getDb().db.updateTable('cases').set({ reporterUserId: userIds.citizen }).where('id', '=', kase.id).execute();
    const answer = await call('citizen', 'POST', `/api/v1/cases/${kase.id}/messages`, { body: 'I am at the hospital' });
    expect(answer.statusCode).toBe(201);
    const afterAnswer = await stored(kase.id);
    expect(afterAnswer.status).toBe('in_progress');
    expect(afterAnswer.slaPausedSince).toBeNull();
    version = Number(afterAnswer.version);

    expect((await move('resolved')).statusCode).toBe(200);
    const closed = await move('closed');
    expect(closed.json().closedAt).not.toBeNull();
    expect((await move('in_progress', {}, 'head.us')).statusCode).toBe(400);
    expect((await move('in_progress', { reason: 'family called again' }, 'officer.us')).statusCode).toBe(409);
    const reopened = await move('in_progress', { reason: 'family called again' }, 'head.us');
    expect(reopened.json()).toMatchObject({ status: 'in_progress', closedAt: null });
    const statuses = (await events(kase.id)).filter((e) => e.kind === 'status').map((e) => JSON.parse(e.data ?? '{}'));
    expect(statuses.map((s) => s.to)).toEqual([
      'assigned',
      'waiting',
      'in_progress',
      'resolved',
      'closed',
      'in_progress',
    ]);
    expect(statuses.at(-1)).toMatchObject({ from: 'closed', reason: 'family called again' });
  });

  it('answers a stale version with 409 and the newer case, and changes nothing', async () => {
    const kase = await open();
    const first = await call('officer.us', 'PATCH', `/api/v1/cases/${kase.id}`, { version: 1, priority: 'P1' });
    expect(first.statusCode).toBe(200);
    const before = await stored(kase.id);
    const eventsBefore = (await events(kase.id)).length;
    const stale = await call('head.us', 'PATCH', `/api/v1/cases/${kase.id}`, { version: 1, summary: 'other' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      code: 'case_version_conflict',
      current: { id: kase.id, version: 2, priority: 'P1', summary: kase.summary },
    });
    expect(await stored(kase.id)).toEqual(before);
    expect(await events(kase.id)).toHaveLength(eventsBefore);
  });

  it('lets exactly one of two simultaneous changes from the same version win', async () => {
    const kase = await open();
    const answers = await Promise.all([
      call('officer.us', 'PATCH', `/api/v1/cases/${kase.id}`, { version: 1, priority: 'P1' }),
      call('head.us', 'PATCH', `/api/v1/cases/${kase.id}`, { version: 1, priority: 'P4' }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const winner = answers.find((a) => a.statusCode === 200)?.json();
    expect(await stored(kase.id)).toMatchObject({ version: 2, priority: winner.priority });
    expect((await events(kase.id)).filter((e) => e.kind === 'priority')).toHaveLength(1);
  });

  it('hides a case from an officer of another mission (404) and refuses the hotline changes (403), changing nothing', async () => {
    const kase = await open();
    const before = await stored(kase.id);
    expect(
      (await call('officer.jp', 'PATCH', `/api/v1/cases/${kase.id}`, { version: 1, priority: 'P1' })).statusCode,
    ).toBe(404);
    expect(
      (await call('officer.jp', 'POST', `/api/v1/cases/${kase.id}/transitions`, { version: 1, to: 'triaged' }))
        .statusCode,
    ).toBe(404);
    expect((await call('officer.jp', 'POST', `/api/v1/cases/${kase.id}/messages`, { body: 'hi' })).statusCode).toBe(
      404,
    );
    expect((await call('agent', 'PATCH', `/api/v1/cases/${kase.id}`, { version: 1, priority: 'P1' })).statusCode).toBe(
      403,
    );
    expect(
      (await call('agent', 'POST', `/api/v1/cases/${kase.id}/transitions`, { version: 1, to: 'assigned' })).statusCode,
    ).toBe(409);
    expect(await stored(kase.id)).toEqual(before);
    expect(await events(kase.id)).toHaveLength(1);
  });

  it('assigns only to staff of the case’s mission, and accepting a new case moves it to assigned', async () => {
    const kase = await open();
    const assignees = (await call('head.us', 'GET', `/api/v1/cases/${kase.id}/assignees`)).json().items;
    expect(assignees.map((a: { id: string }) => a.id).sort()).toEqual(
      [userIds['officer.us'], userIds['head.us']].sort(),
    );
    expect((await call('officer.jp', 'GET', `/api/v1/cases/${kase.id}/assignees`)).statusCode).toBe(404);
    const wrong = await call('head.us', 'PATCH', `/api/v1/cases/${kase.id}`, {
      version: 1,
      assignedTo: userIds['officer.jp'],
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().code).toBe('assignee_not_mission_staff');
    const right = await call('head.us', 'PATCH', `/api/v1/cases/${kase.id}`, {
      version: 1,
      assignedTo: userIds['officer.us'],
    });
    expect(right.json()).toMatchObject({ status: 'assigned', assignedTo: { id: userIds['officer.us'] } });
    const kinds = (await events(kase.id)).map((e) => e.kind);
    expect(kinds).toEqual(['created', 'assigned', 'status']);
    const mine = (await call('officer.us', 'GET', '/api/v1/cases?assignedTo=me&status=assigned')).json();
    expect(mine.items.map((c: { id: string }) => c.id)).toContain(kase.id);
  });

  it('shows the reporting citizen only what is meant for them', async () => {
    const kase = await open();
    await getDb().db.updateTable('cases').set({ reporterUserId: userIds.citizen }).where('id', '=', kase.id).execute();
    await call('officer.us', 'POST', `/api/v1/cases/${kase.id}/notes`, {
      body: 'internal only',
      visibility: 'internal',
    });
    const reply = await call('officer.us', 'POST', `/api/v1/cases/${kase.id}/messages`, { body: SCRIPT });
    expect(reply.json()).toMatchObject({ kind: 'message', body: SCRIPT, author: { kind: 'staff' } });
    const seen = (await call('citizen', 'GET', `/api/v1/cases/${kase.id}/events`)).json().items;
    expect(seen.map((e: { kind: string }) => e.kind)).toEqual(['created', 'message']);
    expect(seen[1]).toMatchObject({ body: SCRIPT, author: { kind: 'staff', name: null } });
    const after = (await call('citizen', 'GET', `/api/v1/cases/${kase.id}/events?after=${seen[0].id}`)).json().items;
    expect(after.map((e: { id: string }) => e.id)).toEqual([seen[1].id]);
    const staffView = (await call('officer.us', 'GET', `/api/v1/cases/${kase.id}/events`)).json().items;
    expect(staffView.map((e: { kind: string }) => e.kind)).toEqual(['created', 'note', 'message']);
    const audited = await getDb()
      .db.selectFrom('auditLog')
      .select('action')
      .where('recordId', '=', kase.id)
      .where('action', '=', 'case.view')
      .execute();
    expect(audited).toHaveLength(1);
    const detail = (await call('citizen', 'GET', `/api/v1/cases/${kase.id}`)).json();
    expect(detail).toMatchObject({ persons: [], tasks: [], allowedTransitions: [], case: { assignedTo: null } });
    // The staff reply queued one "you have a reply" mail to the reporter, in the same transaction.
    const jobs = await getDb()
      .db.selectFrom('jobs')
      .selectAll()
      .where('kind', '=', 'mail.send')
      .where('dedupeKey', '=', `mail:case_reply:${seen[1].id}`)
      .execute();
    expect(jobs).toHaveLength(1);
    expect(JSON.parse(String(jobs[0]?.payload))).toMatchObject({ template: 'case_reply', caseId: kase.id });
  });

  it('escalates to headquarters by hand, once', async () => {
    const kase = await open();
    const up = await call('officer.us', 'POST', `/api/v1/cases/${kase.id}/escalate`, { version: 1, reason: 'press' });
    expect(up.json().escalationLevel).toBe(2);
    const again = await call('officer.us', 'POST', `/api/v1/cases/${kase.id}/escalate`, { version: 2, reason: 'x' });
    expect(again.statusCode).toBe(409);
    const escalated = (await events(kase.id)).filter((e) => e.kind === 'escalated');
    expect(escalated.map((e) => JSON.parse(e.data ?? '{}'))).toEqual([{ level: 2, reason: 'press' }]);
  });

  it('merges a duplicate into a case of the same mission, and across missions only as HQ', async () => {
    const into = await open();
    const duplicate = await open();
    const merged = await call('officer.us', 'POST', `/api/v1/cases/${duplicate.id}/merge`, {
      version: 1,
      intoNumber: into.number,
    });
    expect(merged.json()).toMatchObject({ status: 'closed', mergedIntoId: into.id });
    expect((await events(duplicate.id)).map((e) => e.kind)).toEqual(['created', 'status', 'merged']);
    expect((await events(into.id)).map((e) => e.kind)).toEqual(['created', 'merged_from']);
    const twice = await call('officer.us', 'POST', `/api/v1/cases/${duplicate.id}/merge`, {
      version: merged.json().version,
      intoNumber: into.number,
    });
    expect(twice.statusCode).toBe(422);
    const self = await call('officer.us', 'POST', `/api/v1/cases/${into.id}/merge`, { version: 1, intoId: into.id });
    expect(self.json()).toMatchObject({ code: 'merge_not_allowed', errors: [{ field: '/intoId' }] });

    const tokyo = await open({ missionCode: 'JP-TYO' }, 'admin');
    const other = await open();
    const refused = await call('officer.us', 'POST', `/api/v1/cases/${other.id}/merge`, {
      version: 1,
      intoId: tokyo.id,
    });
    expect(refused.statusCode).toBe(422);
    expect((await stored(other.id)).status).toBe('new');
    const byHq = await call('admin', 'POST', `/api/v1/cases/${other.id}/merge`, { version: 1, intoId: tokyo.id });
    expect(byHq.json()).toMatchObject({ status: 'closed', mergedIntoId: tokyo.id });
  });

  it('keeps tasks and people on the timeline', async () => {
    const kase = await open();
    const task = await call('officer.us', 'POST', `/api/v1/cases/${kase.id}/tasks`, {
      title: 'Call the hospital',
      dueAt: '2026-12-01T10:00:00Z',
      assignedTo: userIds['officer.us'],
    });
    expect(task.json()).toMatchObject({ title: 'Call the hospital', doneAt: null, dueAt: '2026-12-01T10:00:00.000Z' });
    const done = await call('officer.us', 'PATCH', `/api/v1/cases/${kase.id}/tasks/${task.json().id}`, { done: true });
    expect(done.json().doneAt).not.toBeNull();
    const badPerson = await call('officer.us', 'POST', `/api/v1/cases/${kase.id}/persons`, {
      role: 'subject',
      name: 'X',
      personId: '0190f0e4-0000-7000-8000-000000000000',
    });
    expect(badPerson.statusCode).toBe(422);
    const person = await call('officer.us', 'POST', `/api/v1/cases/${kase.id}/persons`, {
      role: 'next_of_kin',
      name: 'FATHER',
    });
    expect(person.statusCode).toBe(201);
    expect(
      (await call('officer.us', 'DELETE', `/api/v1/cases/${kase.id}/persons/${person.json().id}`)).statusCode,
    ).toBe(204);
    const data = (await events(kase.id)).slice(1).map((e) => [e.kind, JSON.parse(e.data ?? '{}').action]);
    expect(data).toEqual([
      ['task', 'added'],
      ['task', 'done'],
      ['person', 'added'],
      ['person', 'removed'],
    ]);
  });

  it('routes a place to the mission whose district holds it, and refuses a place no mission covers', async () => {
    const { db } = getDb();
    expect(await routeCase(db, { country: 'US', region: 'US-VA' })).toBe('US-WAS');
    expect(await routeCase(db, { country: 'US', region: 'US-NY' })).toBe('US-NYC');
    expect(await routeCase(db, { country: 'US', region: null })).toBe('US-WAS');
    await expect(routeCase(db, { country: 'XX' })).rejects.toMatchObject({ status: 422, code: 'no_mission_for_place' });
  });

  it('records an SLA turning amber and red once, and escalates to the mission head, then HQ', async () => {
    const kase = await open({ priority: 'P1' });
    const opened = Date.parse(kase.openedAt);
    const sweep = (minutes: number) => sweepCaseSla(getDb().db, new Date(opened + minutes * 60_000));
    await sweep(5);
    expect((await stored(kase.id)).slaState).toBe('green');
    await sweep(12);
    await sweep(13);
    let row = await stored(kase.id);
    expect(row).toMatchObject({ slaState: 'amber', escalationLevel: 1 });
    await sweep(16);
    await sweep(31);
    await sweep(32);
    row = await stored(kase.id);
    expect(row).toMatchObject({ slaState: 'red', escalationLevel: 2 });
    const timeline = (await events(kase.id)).filter((e) => e.kind === 'sla' || e.kind === 'escalated');
    expect(timeline.map((e) => [e.kind, JSON.parse(e.data ?? '{}')])).toEqual([
      ['sla', { target: 'first_response', state: 'amber' }],
      ['escalated', { level: 1, reason: 'first_response_amber' }],
      ['sla', { target: 'first_response', state: 'red' }],
      ['escalated', { level: 2, reason: 'still_red_after_another_target_period' }],
    ]);
    const red = (await call('admin', 'GET', '/api/v1/cases?sla=red&sort=sla')).json();
    expect(red.items.map((c: { id: string }) => c.id)).toContain(kase.id);
  });
});

describeEachDialect('incidents', (getDb) => {
  let app: App;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    app = await buildTestApp(getDb());
    for (const who of ['admin', 'agent', 'officer.us', 'officer.jp', 'citizen']) {
      cookies[who] = await signInAs(app, email(who), DEMO_PASSWORD);
    }
  });
  afterAll(async () => {
    await app.close();
  });
  const call = (who: string, method: string, url: string, payload?: unknown) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: { ...JSON_WRITE, cookie: cookies[who] as string },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });

  it('groups cases under an incident with a board, seen by the missions it touches', async () => {
    const created = await call('officer.us', 'POST', '/api/v1/incidents', {
      title: 'Hurricane on the Gulf coast',
      kind: 'storm',
      countries: ['US'],
    });
    expect(created.statusCode, created.body).toBe(201);
    const incident = created.json();
    const outside = await call('officer.us', 'POST', '/api/v1/incidents', {
      title: 'x',
      kind: 'flood',
      countries: ['JP'],
    });
    expect(outside.statusCode).toBe(403);

    const cases = (await call('admin', 'GET', '/api/v1/cases?missionCode=US-WAS')).json().items;
    for (const kase of cases) {
      const attached = await call('officer.us', 'PATCH', `/api/v1/cases/${kase.id}`, {
        version: kase.version,
        incidentId: incident.id,
      });
      expect(attached.statusCode, attached.body).toBe(200);
    }
    const board = (await call('officer.us', 'GET', `/api/v1/incidents/${incident.id}/board`)).json();
    expect(board.incident.caseCount).toBe(cases.length);
    const total = board.columns.reduce((n: number, c: { total: number }) => n + c.total, 0);
    expect(total).toBe(cases.length);
    expect(board.byMission).toEqual([{ missionCode: 'US-WAS', total: cases.length }]);
    expect(board.columns.map((c: { status: string }) => c.status)).toEqual([
      'new',
      'triaged',
      'assigned',
      'in_progress',
      'waiting',
      'resolved',
      'closed',
    ]);
    const filtered = (await call('admin', 'GET', `/api/v1/cases?incidentId=${incident.id}`)).json();
    expect(filtered.total).toBe(cases.length);

    expect((await call('officer.jp', 'GET', `/api/v1/incidents/${incident.id}`)).statusCode).toBe(404);
    expect((await call('agent', 'GET', `/api/v1/incidents/${incident.id}`)).statusCode).toBe(200);
    expect((await call('citizen', 'GET', '/api/v1/incidents')).statusCode).toBe(403);
    const jpList = (await call('officer.jp', 'GET', '/api/v1/incidents')).json();
    expect(jpList.items.map((i: { id: string }) => i.id)).not.toContain(incident.id);
    const closed = await call('admin', 'PATCH', `/api/v1/incidents/${incident.id}`, { status: 'closed' });
    expect(closed.json().status).toBe('closed');
    expect((await call('admin', 'DELETE', `/api/v1/incidents/${incident.id}`)).statusCode).toBe(409);
    const mistake = (
      await call('admin', 'POST', '/api/v1/incidents', { title: 'typo', kind: 'other', countries: ['FR'] })
    ).json();
    expect((await call('officer.us', 'DELETE', `/api/v1/incidents/${mistake.id}`)).statusCode).toBe(403);
    expect((await call('admin', 'DELETE', `/api/v1/incidents/${mistake.id}`)).statusCode).toBe(204);
    expect((await call('admin', 'GET', `/api/v1/incidents/${mistake.id}`)).statusCode).toBe(404);
  });
});
