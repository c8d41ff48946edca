import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/db.ts';
import { startSmtpServer, type TestSmtpServer } from '../../test/support/smtp.ts';
import { findJob } from '../jobs/jobs.repo.ts';
import { startWorker } from '../jobs/jobs.worker.ts';
import { createUser } from '../modules/users/users.service.ts';
import { enqueueMail, MAIL_SEND, mailHandlers } from './mail.jobs.ts';

const silent = pino({ level: 'silent' });

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describeEachDialect('mail.send job', (getDb) => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp.close();
  });

  it('is queued once per event and keeps no link token in the queue', async () => {
    const { db } = getDb();
    const { id } = await createUser(db, {
      email: 'queued@example.org',
      password: 'violet-kangaroo-harbour-93',
      displayName: 'Queued',
      role: 'citizen',
      locale: 'en',
    });
    await enqueueMail(db, { template: 'verify_email', userId: id }, `verify_email:${id}:req-1`);
    await enqueueMail(db, { template: 'verify_email', userId: id }, `verify_email:${id}:req-1`);
    const jobs = await db.selectFrom('jobs').selectAll().where('kind', '=', MAIL_SEND).execute();
    expect(jobs).toHaveLength(1);
    expect(JSON.parse(jobs[0]?.payload ?? '')).toEqual({ template: 'verify_email', userId: id });
    expect(await db.selectFrom('accountTokens').select('id').where('userId', '=', id).execute()).toEqual([]);

    const worker = startWorker({
      db,
      log: silent,
      handlers: mailHandlers({ ...getDb().config, mail: { ...getDb().config.mail, smtpUrl: smtp.url } }, silent),
      pollMs: 20,
      concurrency: 1,
    });
    try {
      const mail = await smtp.waitFor((m) => m.to === 'queued@example.org');
      expect(mail.subject).toBe('Confirm your email address');
      expect(mail.text).toMatch(/\/verify-email\?token=[\w-]{43}/);
      expect(await db.selectFrom('accountTokens').select('purpose').where('userId', '=', id).execute()).toEqual([
        { purpose: 'verify' },
      ]);
    } finally {
      await worker.stop(1000);
    }
  });

  it('goes back to the queue with a later run time when the mail server cannot be reached', async () => {
    const { db, config } = getDb();
    await enqueueMail(
      db,
      { template: 'account_deleted', to: 'gone@example.org', displayName: 'Gone', locale: 'zh-CN' },
      'account_deleted:retry-test',
    );
    const job = await db
      .selectFrom('jobs')
      .select('id')
      .where('dedupeKey', '=', 'mail:account_deleted:retry-test')
      .executeTakeFirstOrThrow();
    const unreachable = { ...config, mail: { ...config.mail, smtpUrl: 'smtp://127.0.0.1:1' } };
    const worker = startWorker({
      db,
      log: silent,
      handlers: mailHandlers(unreachable, silent),
      pollMs: 20,
      concurrency: 1,
    });
    try {
      await until(
        async () => (await findJob(db, job.id))?.attempts === 1 && (await findJob(db, job.id))?.status === 'queued',
      );
    } finally {
      await worker.stop(1000);
    }
    const failed = await findJob(db, job.id);
    expect(failed?.lastError).toBeTruthy();
    expect(new Date(failed?.runAt ?? 0).getTime()).toBeGreaterThan(Date.now());
  });
});
