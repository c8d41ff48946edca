import { CaseDashboardSchema } from '@homeward/shared';
import type { App } from '../../http/app-types.ts';
import { type Actor, actorOf } from '../../policy/actor.ts';
import { DASHBOARD_ROLES } from '../../policy/dashboard.policy.ts';
import { rolesOnly } from '../../policy/route-policy.ts';
import { caseDashboard } from './dashboard.service.ts';

export async function dashboardRoutes(app: App): Promise<void> {
  app.get(
    '/api/v1/dashboard/cases',
    {
      config: { policy: rolesOnly(...DASHBOARD_ROLES) },
      schema: {
        tags: ['dashboard'],
        summary:
          'Open cases by mission, category and priority, SLA breaches, cases and hotline calls per day (HQ: all missions; mission heads: theirs)',
        response: { 200: CaseDashboardSchema },
      },
    },
    // The role gate ran before the handler, so there is an actor.
    async (request) => caseDashboard(app.ctx.db, actorOf(request.user) as Actor),
  );
}
