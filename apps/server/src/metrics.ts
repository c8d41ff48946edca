import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** One registry per process, scraped at /metrics. */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'homeward_' });

export const httpDuration = new Histogram({
  name: 'homeward_http_request_duration_seconds',
  help: 'HTTP request duration by route and status class',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});

export const jobsProcessed = new Counter({
  name: 'homeward_jobs_processed_total',
  help: 'Background jobs finished, by kind and outcome',
  labelNames: ['kind', 'outcome'] as const,
  registers: [registry],
});
