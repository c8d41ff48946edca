import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import type { JobHandler } from '../../jobs/jobs.worker.ts';
import { alertRecipientHandlers } from './alerts.recipients.ts';

/** The alerts module's jobs: fixing an approved alert's recipients (decision 0025). */
export function alertHandlers(_config: Config, _log: Logger): Record<string, JobHandler> {
  return { ...alertRecipientHandlers() };
}
