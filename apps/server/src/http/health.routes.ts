import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import { registry } from '../metrics.ts';
import { PUBLIC } from '../policy/route-policy.ts';
import type { App } from './app-types.ts';
import { sendProblem } from './problem.ts';

export async function healthRoutes(app: App): Promise<void> {
  app.get(
    '/healthz',
    {
      config: { policy: PUBLIC },
      schema: {
        tags: ['operations'],
        summary: 'Liveness: the process answers',
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      config: { policy: PUBLIC },
      schema: {
        tags: ['operations'],
        summary: 'Readiness: the database answers',
        response: { 200: Type.Object({ status: Type.Literal('ready'), database: Type.String() }) },
      },
    },
    async (request, reply) => {
      try {
        await sql`select 1`.execute(app.ctx.db);
        return { status: 'ready' as const, database: app.ctx.dialect };
      } catch (error) {
        request.log.warn({ err: error }, 'readiness check failed');
        return sendProblem(request, reply, 503, 'service_unavailable', { detail: 'database not reachable' });
      }
    },
  );

  app.get(
    '/metrics',
    {
      config: { policy: PUBLIC },
      schema: { tags: ['operations'], summary: 'Prometheus metrics (no personal data)', hide: false },
    },
    async (_request, reply) => {
      reply.type(registry.contentType);
      return registry.metrics();
    },
  );
}
