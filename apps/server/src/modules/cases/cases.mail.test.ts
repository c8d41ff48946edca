import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, JSON_WRITE, signInAs } from '../../../test/support/app.ts';
import { describeEachDialect } from '../../../test/support/db.ts';
import { startSmtpServer, type TestSmtpServer } from '../../../test/support/smtp.ts';
import type { App } from '../../http/app-types.ts';
import { startWorker } from '../../jobs/jobs.worker.ts';
import { mailHandlers } from '../../mail/mail.jobs.ts';
import { DEMO_PASSWORD } from '../demo/demo.accounts.ts';

const silent = pino({ level: 'silent' });

describeEachDialect('case reply mail', (getDb) => {
  let app: App;
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    app = await buildTestApp(getDb());
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
  });

  it('tells the reporter in their language that staff replied, with a link and without the message', async () => {
    const { db, config } = getDb();
    const citizen = await db
      .selectFrom('users')
      .select(['id', 'email', 'locale'])
      .where('email', '=', 'citizen@demo.homeward.example')
      .executeTakeFirstOrThrow();
    await db.updateTable('users').set({ locale: 'zh-CN' }).where('id', '=', citizen.id).execute();
    const kase = await db
      .selectFrom('cases')
      .select(['id', 'number'])
      .where('reporterUserId', '=', citizen.id)
      .executeTakeFirstOrThrow();
    const officer = await signInAs(app, 'officer.us@demo.homeward.example', DEMO_PASSWORD);
    const reply = await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${kase.id}/messages`,
      headers: { ...JSON_WRITE, cookie: officer },
      payload: { body: 'Your travel document is ready: secret detail 42' },
    });
    expect(reply.statusCode).toBe(201);

    const worker = startWorker({
      db,
      log: silent,
      handlers: mailHandlers({ ...config, mail: { ...config.mail, smtpUrl: smtp.url } }, silent),
      pollMs: 20,
      concurrency: 1,
    });
    try {
      const mail = await smtp.waitFor((m) => m.to === citizen.email);
      expect(mail.subject).toBe(`案件 ${kase.number} 有新的回复`);
      expect(mail.text).toContain(`${config.publicUrl}/cases/${kase.id}`);
      expect(mail.text).not.toContain('secret detail 42');
    } finally {
      await worker.stop(1000);
    }
  });
});
