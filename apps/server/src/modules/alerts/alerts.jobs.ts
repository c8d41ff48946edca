import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import type { JobHandler } from '../../jobs/jobs.worker.ts';
import { type CapFeedsConfig, capFeedsConfigFrom } from './alerts.config.ts';
import { capPollHandlers } from './alerts.poll.ts';
import { alertRecipientHandlers } from './alerts.recipients.ts';

/**
 * The alerts module's jobs (decision 0025): fixing an approved alert's recipients, and polling the configured CAP
 * sources (HOMEWARD_CAP_FEEDS) when the recurring scheduler asks.
 */
export function alertHandlers(
  _config: Config,
  _log: Logger,
  capFeeds: CapFeedsConfig = capFeedsConfigFrom(process.env),
): Record<string, JobHandler> {
  return { ...alertRecipientHandlers(), ...capPollHandlers(capFeeds) };
}
