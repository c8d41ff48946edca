import pino from 'pino';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/connect.ts';
import { startWorker } from '../../src/jobs/jobs.worker.ts';
import { alertHandlers } from '../../src/modules/alerts/alerts.jobs.ts';
import { registerCheckinLinks } from '../../src/modules/checkins/checkins.links.ts';
import { notificationHandlers } from '../../src/modules/notifications/notifications.jobs.ts';

// A notification worker in a child process, for the test that kills one with SIGKILL mid-run: the real worker
// loop and handlers on DATABASE_URL, SMS to HOMEWARD_SMS_GATEWAY_URL, short leases so the survivors take over
// the dead worker's jobs and deliveries within seconds. Prints READY once it polls. The alerts bench runs it too,
// with HOMEWARD_SMS_GATEWAY_BATCH, HOMEWARD_NOTIFY_CHUNK and the default leases (HOMEWARD_NOTIFY_SEND_LEASE_MS,
// HOMEWARD_JOB_LEASE_MS): with 2 s, a fan-out longer than that would be taken up again by the other workers.
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const config = loadConfig();
const database = await openDatabase(config.database);
const log = pino({ level: 'silent' });
// As server.ts does for a worker: alerts that ask "Are you safe?" carry signed links.
await registerCheckinLinks(database.db, config);
startWorker({
  db: database.db,
  log,
  handlers: {
    ...alertHandlers(config, log),
    ...notificationHandlers(config, log, {
      notifications: {
        vapid: null,
        vapidSubject: 'mailto:ops@homeward.example',
        smsGatewayUrl: process.env.HOMEWARD_SMS_GATEWAY_URL ?? null,
        smsGatewayToken: null,
        smsBatchSize: env('HOMEWARD_SMS_GATEWAY_BATCH', 1),
        emailMaxRecipients: 100,
        maxAttempts: 10,
        retryBaseMs: 100,
        sendLeaseMs: env('HOMEWARD_NOTIFY_SEND_LEASE_MS', 1500),
      },
      parallel: env('HOMEWARD_NOTIFY_CHUNK', 8),
    }),
  },
  pollMs: 20,
  concurrency: 4,
  leaseMs: env('HOMEWARD_JOB_LEASE_MS', 2000),
});
process.stdout.write('READY\n');
