import {
  EnterpriseSiteDetailSchema,
  EnterpriseSitePageSchema,
  EnterpriseSitesQuerySchema,
  EnterpriseSummarySchema,
  StaffMemberPageSchema,
} from '@homeward/shared';
import { Type } from '@sinclair/typebox';
import type { App } from '../../http/app-types.ts';
import { auditSource } from '../../http/audit-source.ts';
import { type Actor, actorOf } from '../../policy/actor.ts';
import { rolesOnly } from '../../policy/route-policy.ts';
import {
  listEnterpriseSiteStaff,
  searchEnterpriseSites,
  summarizeEnterprises,
  viewEnterpriseSite,
} from './businesses.enterprises.ts';

// The staff console's enterprises abroad. The roles that see any (businesses.policy.ts: enterpriseScope);
// mission staff are further limited to their missions' jurisdictions.
const ENTERPRISE_READERS = rolesOnly('hq_admin', 'hotline_agent', 'consular_officer', 'mission_head');
const staff = (user: Parameters<typeof actorOf>[0]): Actor => actorOf(user) as Actor; // behind the role gate
const SiteId = Type.Object({ siteId: Type.String({ minLength: 1, maxLength: 64 }) });
const TAGS = ['enterprises'];

export async function enterprisesRoutes(app: App): Promise<void> {
  const { db } = app.ctx;

  app.get(
    '/api/v1/enterprises/summary',
    {
      config: { policy: ENTERPRISE_READERS },
      schema: {
        tags: TAGS,
        summary: 'Per country in the caller’s scope: enterprises, sites and nationals headcount',
        response: { 200: EnterpriseSummarySchema },
      },
    },
    async (request) => summarizeEnterprises(db, staff(request.user)),
  );

  app.get(
    '/api/v1/enterprises/sites',
    {
      config: { policy: ENTERPRISE_READERS },
      schema: {
        tags: TAGS,
        summary: 'Sites of enterprises in the caller’s scope, filtered by country, sector and name',
        querystring: EnterpriseSitesQuerySchema,
        response: { 200: EnterpriseSitePageSchema },
      },
    },
    async (request) => searchEnterpriseSites(db, staff(request.user), request.query),
  );

  app.get(
    '/api/v1/enterprises/sites/:siteId',
    {
      config: { policy: ENTERPRISE_READERS },
      schema: {
        tags: TAGS,
        summary: 'One site with its enterprise and security contact (audited); 404 outside the caller’s scope',
        params: SiteId,
        response: { 200: EnterpriseSiteDetailSchema },
      },
    },
    async (request) => viewEnterpriseSite(db, staff(request.user), request.params.siteId, auditSource(request)),
  );

  app.get(
    '/api/v1/enterprises/sites/:siteId/staff',
    {
      config: { policy: ENTERPRISE_READERS },
      schema: {
        tags: TAGS,
        summary: 'The staff listed at a site (audited); 404 outside the caller’s scope',
        params: SiteId,
        querystring: Type.Object(
          {
            q: Type.Optional(Type.String({ maxLength: 100 })),
            page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
            pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: StaffMemberPageSchema },
      },
    },
    async (request) =>
      listEnterpriseSiteStaff(db, staff(request.user), request.params.siteId, request.query, auditSource(request)),
  );
}
