import pino, { type Logger } from 'pino';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { type OpenDatabase, openDatabase, openJobsDatabase } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import type { App } from './http/app-types.ts';
import { startWorker, type Worker } from './jobs/jobs.worker.ts';
import { maintenanceHandlers, recurringScheduler } from './jobs/maintenance.jobs.ts';
import { mailHandlers } from './mail/mail.jobs.ts';
import { alertHandlers } from './modules/alerts/alerts.jobs.ts';
import { appointmentHandlers } from './modules/appointments/appointments.jobs.ts';
import { campaignHandlers } from './modules/campaigns/campaigns.jobs.ts';
import { caseSlaHandlers } from './modules/cases/cases.sla.jobs.ts';
import { registerCheckinLinks } from './modules/checkins/checkins.links.ts';
import { seedDemo } from './modules/demo/demo.seed.ts';
import { type HelpRequestOpener, startHelpRequestOpener } from './modules/help-requests/help-requests.opener.ts';
import { seedKnowledgeBase } from './modules/hotline/hotline.seed.ts';
import { notificationHandlers } from './modules/notifications/notifications.jobs.ts';
import { syncServiceDefinitions } from './modules/services/services.service.ts';

export type Role = 'all' | 'api' | 'worker';

export interface PlatformOptions {
  role: Role;
  demo?: boolean;
  logger?: Logger;
  serveWebApps?: boolean;
}

export interface Platform {
  url: string | null;
  database: OpenDatabase;
  app: App | null;
  worker: Worker | null;
  close(): Promise<void>;
}

/**
 * Starts the platform: migrates the database, then the API, the worker, or both in one process.
 * The same build runs any mix, so one SQLite process serves a mission and a ministry splits roles.
 */
export async function startPlatform(config: Config, options: PlatformOptions): Promise<Platform> {
  const log = options.logger ?? pino({ level: config.logLevel });
  const database = await openDatabase(config.database, { createIfMissing: true });
  let app: App | null = null;
  let worker: Worker | null = null;
  let opener: HelpRequestOpener | null = null;
  let jobs: Awaited<ReturnType<typeof openJobsDatabase>> | null = null;
  try {
    const { applied } = await migrateToLatest(database.db);
    if (applied.length > 0) log.info({ applied }, 'migrations applied');
    // The hotline's shipped standard answers, added by slug (an article HQ edited is left as it is).
    const articles = await seedKnowledgeBase(database.db);
    if (articles > 0) log.info({ articles }, 'knowledge base articles added');
    // Service definitions from their files; a bad file stops startup here, naming the file and field.
    const serviceVersions = await syncServiceDefinitions(database.db);
    if (serviceVersions > 0) log.info({ serviceVersions }, 'service definitions loaded');
    if (options.demo) {
      const report = await seedDemo(database.db, config.state.code, config);
      log.info(report, 'demo data loaded');
    }
    if (options.role !== 'api') {
      // The worker sends alerts' e-mails, SMS and pushes: their one-tap check-in links need the signing key here
      // too, not only in a process that also serves the API.
      await registerCheckinLinks(database.db, config);
      // On SQLite, the jobs' statements run on a thread of their own (decision 0033).
      jobs = await openJobsDatabase(database);
      worker = startWorker({
        db: jobs.db,
        log: log.child({ component: 'worker' }),
        handlers: {
          ...maintenanceHandlers(config),
          ...mailHandlers(config, log.child({ component: 'mail' })),
          ...caseSlaHandlers(),
          ...appointmentHandlers(config, log.child({ component: 'appointments' })),
          ...campaignHandlers(config, log.child({ component: 'campaigns' })),
          ...notificationHandlers(config, log.child({ component: 'notifications' })),
          ...alertHandlers(config, log.child({ component: 'alerts' })),
        },
        pollMs: config.workerPollMs,
        concurrency: config.workerConcurrency,
        onTick: recurringScheduler(jobs.db),
      });
      // Help requests are acknowledged once received; their cases are opened here (decision 0012).
      opener = startHelpRequestOpener({
        db: database.db,
        log: log.child({ component: 'help-requests' }),
        pollMs: config.workerPollMs,
      });
    }
    let url: string | null = null;
    if (options.role !== 'worker') {
      const activeWorker = worker;
      const activeOpener = opener;
      const nudgeJobs = () => {
        activeWorker?.nudge();
        activeOpener?.nudge();
      };
      app = await buildApp(
        { db: database.db, dialect: database.dialect, config, nudgeJobs },
        { logger: log.child({ component: 'http' }), serveWebApps: options.serveWebApps },
      );
      url = await app.listen({ port: config.port, host: config.host });
    }
    const started = { app, worker };
    return {
      url,
      database,
      app,
      worker,
      async close() {
        // In-flight requests finish first (Fastify answers 503 to new ones), then jobs in hand.
        await started.app?.close();
        await opener?.stop();
        await started.worker?.stop(config.shutdownGraceMs);
        await jobs?.close();
        await database.close();
      },
    };
  } catch (error) {
    await app?.close().catch(() => {});
    await opener?.stop().catch(() => {});
    await worker?.stop(0).catch(() => {});
    await jobs?.close().catch(() => {});
    await database.close().catch(() => {});
    throw error;
  }
}
