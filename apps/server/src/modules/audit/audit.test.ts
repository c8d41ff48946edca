import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { buildTestApp, JSON_WRITE, signInAs } from '../../../test/support/app.ts';
import { describeEachDialect } from '../../../test/support/db.ts';
import { openDatabase } from '../../db/connect.ts';
import type { App } from '../../http/app-types.ts';
import { DEMO_PASSWORD } from '../demo/demo.accounts.ts';
import { appendAudit, verifyAuditChain } from './audit.service.ts';

const system = { actor: null, ip: null };

describeEachDialect('audit log', (getDb) => {
  let app: App;
  beforeAll(async () => {
    app = await buildTestApp(getDb());
  });
  afterAll(async () => {
    await app.close();
  });
  beforeEach(async () => {
    await getDb().db.deleteFrom('auditLog').execute();
  });

  it('chains entries and verifies a clean log', async () => {
    const { db } = getDb();
    for (let i = 0; i < 5; i++) {
      await appendAudit(
        db,
        { actor: { id: 'u1', role: 'consular_officer' }, ip: '10.0.0.1' },
        {
          action: 'case.view',
          record: { type: 'case', id: `c${i}`, missionCode: 'US-WAS' },
          reason: i === 2 ? '领事探视准备 consular visit' : null,
        },
      );
    }
    expect(await verifyAuditChain(db, 2)).toEqual({ entries: 5, firstBreak: null });
  });

  it('names the entry whose content was altered directly in the database', async () => {
    const { db } = getDb();
    for (let i = 0; i < 4; i++) await appendAudit(db, system, { action: 'test.event', details: { i } });
    await db.updateTable('auditLog').set({ reason: 'covered up' }).where('seq', '=', 3).execute();
    const report = await verifyAuditChain(db);
    expect(report.firstBreak).toMatchObject({ seq: 3, problem: expect.stringMatching(/altered/) });
    expect(report.entries).toBe(2);
  });

  it('notices a deleted entry and a forged re-link', async () => {
    const { db } = getDb();
    for (let i = 0; i < 4; i++) await appendAudit(db, system, { action: 'test.event', details: { i } });
    await db.deleteFrom('auditLog').where('seq', '=', 2).execute();
    expect((await verifyAuditChain(db)).firstBreak).toMatchObject({
      seq: 3,
      problem: expect.stringMatching(/missing/),
    });
    await db.updateTable('auditLog').set({ seq: 2 }).where('seq', '=', 3).execute();
    expect((await verifyAuditChain(db)).firstBreak).toMatchObject({ seq: 2, problem: expect.stringMatching(/link/) });
  });

  it('keeps one valid chain when many appends race (separate connections on PostgreSQL)', async () => {
    const { db, config, dialect } = getDb();
    // Embedded SQLite is one process with one connection that Kysely serializes; PostgreSQL gets four pools.
    const extra = dialect === 'postgres' ? 3 : 0;
    const others = await Promise.all(Array.from({ length: extra }, () => openDatabase(config.database)));
    try {
      const handles = [db, ...others.map((o) => o.db)];
      await Promise.all(
        handles.flatMap((handle, h) =>
          Array.from({ length: 40 / handles.length }, (_, i) =>
            appendAudit(handle, system, { action: 'test.race', details: { h, i } }),
          ),
        ),
      );
      expect(await verifyAuditChain(db)).toEqual({ entries: 40, firstBreak: null });
    } finally {
      await Promise.all(others.map((o) => o.close()));
    }
  });

  it('lets auditors search, records the search, and keeps others out', async () => {
    const { db } = getDb();
    await appendAudit(db, system, {
      action: 'case.view',
      record: { type: 'case', id: 'HW-1' },
      reason: 'next of kin call',
    });
    const auditor = await signInAs(app, 'auditor@demo.homeward.example', DEMO_PASSWORD);
    const found = await app.inject({ url: '/api/v1/audit?q=kin&action=case.view', headers: { cookie: auditor } });
    expect(found.statusCode).toBe(200);
    expect(found.json()).toMatchObject({ total: 1, items: [{ recordId: 'HW-1', reason: 'next of kin call' }] });
    const searches = await db.selectFrom('auditLog').selectAll().where('action', '=', 'audit.search').execute();
    expect(searches).toHaveLength(1);
    const officer = await signInAs(app, 'officer.us@demo.homeward.example', DEMO_PASSWORD);
    expect((await app.inject({ url: '/api/v1/audit', headers: { cookie: officer } })).statusCode).toBe(403);
    expect((await app.inject('/api/v1/audit')).statusCode).toBe(401);
  });

  it('opens the log to an API token holding audit:read, and only to such a token', async () => {
    const admin = await signInAs(app, 'admin@demo.homeward.example', DEMO_PASSWORD);
    const create = (scopes: string[]) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: { ...JSON_WRITE, cookie: admin },
        payload: { name: `audit reader ${scopes.join()}`, scopes },
      });
    const reader = (await create(['audit:read'])).json().value as string;
    const other = (await create(['missions:read'])).json().value as string;
    const allowed = await app.inject({
      url: '/api/v1/audit?pageSize=1',
      headers: { authorization: `Bearer ${reader}` },
    });
    expect(allowed.statusCode).toBe(200);
    const refused = await app.inject({
      url: '/api/v1/audit?pageSize=1',
      headers: { authorization: `Bearer ${other}` },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('token_scope');
  });
});
