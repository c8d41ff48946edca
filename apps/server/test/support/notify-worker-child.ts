import pino from 'pino';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/connect.ts';
import { startWorker } from '../../src/jobs/jobs.worker.ts';
import { alertHandlers } from '../../src/modules/alerts/alerts.jobs.ts';
import { notificationHandlers } from '../../src/modules/notifications/notifications.jobs.ts';

// A notification worker in a child process, for the test that kills one with SIGKILL mid-run: the real worker
// loop and handlers on DATABASE_URL, SMS to HOMEWARD_SMS_GATEWAY_URL, short leases so the survivors take over
// the dead worker's jobs and deliveries within seconds. Prints READY once it polls.
const config = loadConfig();
const database = await openDatabase(config.database);
const log = pino({ level: 'silent' });
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
        maxAttempts: 10,
        retryBaseMs: 100,
        sendLeaseMs: 1500,
      },
      parallel: 8,
    }),
  },
  pollMs: 20,
  concurrency: 4,
  leaseMs: 2000,
});
process.stdout.write('READY\n');
