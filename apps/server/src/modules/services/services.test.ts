import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, JSON_WRITE, signInAs } from '../../../test/support/app.ts';
import { describeEachDialect } from '../../../test/support/db.ts';
import type { Db } from '../../db/schema.ts';
import type { App } from '../../http/app-types.ts';
import { DEMO_PASSWORD } from '../demo/demo.accounts.ts';
import { DEFINITIONS_DIR } from './services.definitions.ts';
import { solidPng } from './services.seed.ts';
import { syncServiceDefinitions } from './services.service.ts';

const email = (name: string) => `${name}@demo.homeward.example`;
const PERSON = { reason: 'expiring', family_name: 'ZHANG', given_names: 'SANFENG', phone: '+1 202 555 0143' };

describeEachDialect('online services and applications', (getDb) => {
  let app: App;
  let db: Db;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    app = await buildTestApp(getDb());
    db = getDb().db;
    for (const who of ['admin', 'officer.us', 'officer.jp', 'citizen'])
      cookies[who] = await signInAs(app, email(who), DEMO_PASSWORD);
  });
  afterAll(async () => {
    await app.close();
  });

  const call = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, headers = {}) =>
    app.inject({
      method,
      url,
      headers: { ...JSON_WRITE, cookie: cookies[who] as string, 'accept-language': 'en', ...headers },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const upload = (id: string, field: string, content: Uint8Array, name = 'photo.png') =>
    app.inject({
      method: 'POST',
      url: `/api/v1/applications/${id}/documents`,
      headers: {
        cookie: cookies.citizen as string,
        'accept-language': 'en',
        'x-requested-with': 'homeward',
        'content-type': 'application/octet-stream',
        'x-file-name': encodeURIComponent(name),
        'x-document-field': field,
      },
      payload: Buffer.from(content),
    });
  const startPassport = async () => {
    const created = await call('citizen', 'POST', '/api/v1/applications', { serviceId: 'passport_renewal' });
    expect(created.statusCode, created.body).toBe(201);
    return created.json();
  };

  it('lists the catalogue publicly, per mission, with fee, processing time and visit', async () => {
    const all = (await app.inject('/api/v1/services')).json();
    expect(all.items.map((s: { id: string }) => s.id)).toEqual(
      expect.arrayContaining(['passport_renewal', 'visa', 'life_certificate', 'birth_registration']),
    );
    const passport = all.items.find((s: { id: string }) => s.id === 'passport_renewal');
    expect(passport).toMatchObject({
      version: 1,
      fee: { amountMinor: 2500, currency: 'USD' },
      inPersonVisit: 'collection',
    });
    const seoul = (await app.inject('/api/v1/services?mission=KR-SEL')).json();
    expect(seoul.items.map((s: { id: string }) => s.id)).not.toContain('visa');
    expect((await app.inject('/api/v1/services/nothing_here')).statusCode).toBe(404);
  });

  it('saves drafts on the server, resumes them, refuses a stale save and unknown questions', async () => {
    const draft = await startPassport();
    expect(draft).toMatchObject({ status: 'draft', reference: null, fee: { amountMinor: 2500 }, serviceVersion: 1 });
    const saved = await call('citizen', 'PUT', `/api/v1/applications/${draft.id}/draft`, {
      answers: { family_name: 'ZHA' },
      missionCode: 'US-WAS',
      version: draft.version,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    // Another device opens the same application and finds the answers.
    const resumed = (await call('citizen', 'GET', `/api/v1/applications/${draft.id}`)).json();
    expect(resumed.answers).toEqual({ family_name: 'ZHA' });
    expect(resumed.missionCode).toBe('US-WAS');
    const stale = await call('citizen', 'PUT', `/api/v1/applications/${draft.id}/draft`, {
      answers: { family_name: 'ZHANG' },
      missionCode: 'US-WAS',
      version: draft.version,
    });
    expect(stale.statusCode).toBe(409);
    const unknown = await call('citizen', 'PUT', `/api/v1/applications/${draft.id}/draft`, {
      answers: { shoe_size: '42' },
      missionCode: null,
      version: resumed.version,
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().errors[0].field).toBe('/answers/shoe_size');
    const notOffered = await call('citizen', 'PUT', `/api/v1/applications/${draft.id}/draft`, {
      answers: {},
      missionCode: 'XX-XXX',
      version: resumed.version,
    });
    expect(notOffered.json().code).toBe('service_not_offered');
  });

  it('refuses an incomplete submission naming each field and document, and saves nothing', async () => {
    const draft = await startPassport();
    const saved = (
      await call('citizen', 'PUT', `/api/v1/applications/${draft.id}/draft`, {
        answers: { ...PERSON, birth_date: '2999-01-01' },
        missionCode: 'US-WAS',
        version: draft.version,
      })
    ).json();
    const refused = await call('citizen', 'POST', `/api/v1/applications/${draft.id}/submit`, {
      version: saved.version,
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('application_incomplete');
    expect(refused.json().errors).toEqual([
      { field: '/answers/birth_date', message: 'Date of birth must be in the past' },
      { field: '/documents/photo', message: 'Add Passport photo' },
    ]);
    const zh = await call(
      'citizen',
      'POST',
      `/api/v1/applications/${draft.id}/submit`,
      { version: saved.version },
      {
        'accept-language': 'zh-CN',
      },
    );
    expect(zh.json().errors[1].message).toBe('请上传护照照片');
    const after = (await call('citizen', 'GET', `/api/v1/applications/${draft.id}`)).json();
    expect(after).toMatchObject({ status: 'draft', reference: null, version: saved.version });
  });

  it('checks a photo’s type, size and pixel dimensions from its content', async () => {
    const draft = await startPassport();
    const small = await upload(draft.id, 'photo', solidPng(200, 200));
    expect(small.statusCode).toBe(422);
    expect(small.json()).toMatchObject({ code: 'document_rules', errors: [{ field: '/documents/photo' }] });
    expect(small.json().errors[0].message).toContain('It is 200 × 200');
    const renamed = await upload(draft.id, 'photo', new TextEncoder().encode('MZ not a photo at all'), 'photo.jpg');
    expect(renamed.statusCode).toBe(415);
    const pdfAsPhoto = await upload(draft.id, 'photo', new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'), 'a.pdf');
    expect(pdfAsPhoto.json()).toMatchObject({ code: 'document_rules' });
    const good = await upload(draft.id, 'photo', solidPng(413, 531));
    expect(good.statusCode, good.body).toBe(201);
    expect(good.json().documents).toEqual([expect.objectContaining({ field: 'photo', width: 413, height: 531 })]);
    // A second photo in a draft replaces the first.
    const again = await upload(draft.id, 'photo', solidPng(420, 540));
    expect(again.json().documents).toEqual([expect.objectContaining({ width: 420 })]);
    const unknownField = await upload(draft.id, 'selfie', solidPng(413, 531));
    expect(unknownField.statusCode).toBe(422);
  });

  it('runs the whole journey: submit once, officer asks, citizen answers, approval, letters, audit', async () => {
    const draft = await startPassport();
    await upload(draft.id, 'photo', solidPng(413, 531));
    const current = (await call('citizen', 'GET', `/api/v1/applications/${draft.id}`)).json();
    const saved = (
      await call('citizen', 'PUT', `/api/v1/applications/${draft.id}/draft`, {
        answers: { ...PERSON, birth_date: '1985-04-09' },
        missionCode: 'US-WAS',
        version: current.version,
      })
    ).json();
    const key = { 'idempotency-key': `submit-${draft.id}` };
    const submitted = await call(
      'citizen',
      'POST',
      `/api/v1/applications/${draft.id}/submit`,
      { version: saved.version },
      key,
    );
    expect(submitted.statusCode, submitted.body).toBe(200);
    const body = submitted.json();
    expect(body).toMatchObject({ status: 'submitted', reference: expect.stringMatching(/^HW-A-\d{4}-\d{6}$/) });
    expect(body.answers.phone).toBe('+12025550143');
    const replay = await call(
      'citizen',
      'POST',
      `/api/v1/applications/${draft.id}/submit`,
      { version: saved.version },
      key,
    );
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.json().reference).toBe(body.reference);
    const mails = await db.selectFrom('jobs').select('payload').where('kind', '=', 'mail.send').execute();
    expect(mails.filter((m) => m.payload.includes(draft.id)).length).toBe(1);

    // Only the mission's officers see it; the queue is theirs.
    expect((await call('officer.jp', 'GET', `/api/v1/applications/${draft.id}`)).statusCode).toBe(404);
    const jpQueue = (await call('officer.jp', 'GET', '/api/v1/applications?pageSize=100')).json();
    expect(jpQueue.items.every((a: { missionCode: string }) => a.missionCode === 'JP-TYO')).toBe(true);
    const queue = (await call('officer.us', 'GET', `/api/v1/applications?q=${body.reference}`)).json();
    expect(queue.items.map((a: { id: string }) => a.id)).toEqual([draft.id]);
    const seen = await call('officer.us', 'GET', `/api/v1/applications/${draft.id}`);
    expect(seen.statusCode).toBe(200);
    const audit = await db
      .selectFrom('auditLog')
      .select('action')
      .where('recordId', '=', draft.id)
      .where('action', '=', 'application.view')
      .execute();
    expect(audit.length).toBeGreaterThan(0);

    const decide = (who: string, action: string, version: number, message?: string) =>
      call(who, 'POST', `/api/v1/applications/${draft.id}/decisions`, {
        action,
        version,
        ...(message ? { message } : {}),
      });
    expect((await decide('officer.us', 'request_info', body.version)).statusCode).toBe(422); // needs the question
    const asked = await decide('officer.us', 'request_info', body.version, 'Send a photo without glasses.');
    expect(asked.json().status).toBe('more_info_requested');
    expect((await decide('admin', 'approve', asked.json().version)).statusCode).toBe(403);
    expect((await decide('officer.us', 'approve', asked.json().version)).statusCode).toBe(409);

    await upload(draft.id, 'photo', solidPng(500, 640));
    const withPhoto = (await call('citizen', 'GET', `/api/v1/applications/${draft.id}`)).json();
    expect(withPhoto.documents).toHaveLength(2); // earlier files stay once submitted
    const answered = await call('citizen', 'POST', `/api/v1/applications/${draft.id}/submit`, {
      version: withPhoto.version,
      message: 'New photo added.',
    });
    expect(answered.json()).toMatchObject({ status: 'submitted', reference: body.reference });

    const approved = (await decide('officer.us', 'approve', answered.json().version)).json();
    expect(approved.status).toBe('approved');
    expect(approved.appointmentPath).toBe(
      `/appointments/new?service=passport_renewal&application=${draft.id}&mission=US-WAS`,
    );
    const mine = (await call('citizen', 'GET', `/api/v1/applications/${draft.id}`)).json();
    expect(mine.events.map((e: { kind: string }) => e.kind)).toEqual([
      'created',
      'submitted',
      'info_requested',
      'info_provided',
      'approved',
    ]);
    expect(mine.events[2]).toMatchObject({ message: 'Send a photo without glasses.', byStaff: true });

    const letter = await call('citizen', 'GET', `/api/v1/applications/${draft.id}/decision.pdf`);
    expect(letter.statusCode).toBe(200);
    expect(letter.headers['content-type']).toBe('application/pdf');
    expect(letter.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await call('citizen', 'GET', `/api/v1/applications/${draft.id}/receipt.pdf`)).statusCode).toBe(200);

    const issued = (await decide('officer.us', 'record_issuance', approved.version)).json();
    const collected = (await decide('officer.us', 'record_collection', issued.version)).json();
    expect(collected.status).toBe('collected');
    const notices = await db.selectFrom('jobs').select('payload').where('kind', '=', 'mail.send').execute();
    const changes = notices
      .map((m) => JSON.parse(m.payload) as { applicationId?: string; change?: string })
      .filter((p) => p.applicationId === draft.id)
      .map((p) => p.change);
    expect(changes.sort()).toEqual(['approved', 'collected', 'info_requested', 'issued', 'submitted']);
    // The in-app message of each change, through the notifications module (the demo citizen is registered).
    const inApp = await db
      .selectFrom('notificationMessages')
      .select('sourceId')
      .where('sourceKind', '=', 'application')
      .where('sourceId', 'like', `${draft.id}:%`)
      .execute();
    expect(inApp).toHaveLength(5);
  });

  it('refuses a service the citizen is not eligible for, naming the rule', async () => {
    const visa = await call('citizen', 'POST', '/api/v1/applications', { serviceId: 'visa' });
    expect(visa.statusCode).toBe(422);
    expect(visa.json()).toMatchObject({
      code: 'service_not_eligible',
      errors: [{ field: '/eligibility/nationality' }],
    });
    const pension = await call('citizen', 'POST', '/api/v1/applications', { serviceId: 'life_certificate' });
    expect(pension.json().errors[0]).toEqual({
      field: '/eligibility/age',
      message: 'This service is for people aged 50 or over',
    });
  });

  it('lets HQ edit a definition as a new version; applications keep theirs; a restart adds nothing', async () => {
    const before = await startPassport();
    const current = (await app.inject('/api/v1/services/passport_renewal')).json();
    const { version: _v, updatedAt: _u, ...definition } = current;
    const bad = await call('admin', 'PUT', '/api/v1/services/passport_renewal', {
      definition: { ...definition, fee: { amountMinor: -5, currency: 'USD' } },
      reason: 'fee change',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([
      { field: '/definition/fee/amountMinor', message: '/fee/amountMinor must be >= 0' },
    ]);
    expect(
      (await call('officer.us', 'PUT', '/api/v1/services/passport_renewal', { definition, reason: 'x y z' }))
        .statusCode,
    ).toBe(403);
    const saved = await call('admin', 'PUT', '/api/v1/services/passport_renewal', {
      definition: { ...definition, fee: { amountMinor: 3000, currency: 'USD' } },
      reason: 'fee change from January',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ version: 2, fee: { amountMinor: 3000 } });
    const versions = (await call('admin', 'GET', '/api/v1/services/passport_renewal/versions')).json();
    expect(versions.items.map((v: { version: number; source: string }) => [v.version, v.source])).toEqual([
      [2, 'console'],
      [1, 'file'],
    ]);
    const old = (await call('citizen', 'GET', `/api/v1/applications/${before.id}`)).json();
    expect(old).toMatchObject({ serviceVersion: 1, fee: { amountMinor: 2500 } });
    expect(old.service.fee.amountMinor).toBe(2500);
    expect((await startPassport()).fee.amountMinor).toBe(3000);
    expect(await syncServiceDefinitions(getDb().db)).toBe(0);
  });

  it('stops at start on a bad definition file, naming it and the field, and loads nothing from the folder', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'hw-defs-'));
    try {
      const good = JSON.parse(readFileSync(path.join(DEFINITIONS_DIR, 'visa.json'), 'utf8'));
      writeFileSync(path.join(dir, 'visa.json'), JSON.stringify({ ...good, fee: { ...good.fee, amountMinor: 15000 } }));
      writeFileSync(path.join(dir, 'zz_broken.json'), JSON.stringify({ ...good, id: 'zz_broken', fields: [] }));
      const before = await db.selectFrom('serviceDefinitions').select('id').execute();
      await expect(syncServiceDefinitions(getDb().db, dir)).rejects.toThrow(
        /zz_broken\.json: \/fields must NOT have fewer than 1 items/,
      );
      const after = await db.selectFrom('serviceDefinitions').select('id').execute();
      expect(after.length).toBe(before.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('shows the demo citizen their seeded applications and keeps drafts from staff', async () => {
    const mine = (await call('citizen', 'GET', '/api/v1/applications?pageSize=100')).json();
    const statuses = new Set(mine.items.map((a: { status: string }) => a.status));
    for (const s of ['draft', 'more_info_requested', 'submitted', 'collected']) expect(statuses).toContain(s);
    const hq = (await call('admin', 'GET', '/api/v1/applications?pageSize=100')).json();
    expect(hq.items.some((a: { status: string }) => a.status === 'draft')).toBe(false);
    expect(hq.total).toBeGreaterThan(0);
  });
});
