import {
  SaveServiceBodySchema,
  ServiceListQuerySchema,
  ServiceListSchema,
  ServiceSchema,
  ServiceVersionListSchema,
} from '@homeward/shared';
import { Type } from '@sinclair/typebox';
import type { App } from '../../http/app-types.ts';
import { auditSource } from '../../http/audit-source.ts';
import { localeOf } from '../../http/problem.ts';
import { type Actor, actorOf } from '../../policy/actor.ts';
import { PUBLIC, rolesOnly } from '../../policy/route-policy.ts';
import { SERVICE_EDITOR_ROLES } from '../../policy/services.policy.ts';
import { listServices, listServiceVersions, saveServiceDefinition, viewService } from './services.service.ts';

const tags = ['services'];
// The role gate ran before the handler, so there is an actor; record-level rules are in services.policy.ts.
const staff = (user: Parameters<typeof actorOf>[0]): Actor => actorOf(user) as Actor;
const ServiceParams = Type.Object({ serviceId: Type.String({ pattern: '^[a-z][a-z0-9_]{1,62}$' }) });

/** The service catalogue: public reading, HQ administrators edit a definition (a new version). */
export async function servicesRoutes(app: App): Promise<void> {
  const { db } = app.ctx;

  app.get(
    '/api/v1/services',
    {
      config: { policy: PUBLIC },
      schema: {
        tags,
        summary: 'The consular services offered online, each as its definition in force (optionally for one mission)',
        querystring: ServiceListQuerySchema,
        response: { 200: ServiceListSchema },
      },
    },
    async (request) => listServices(db, request.query.mission),
  );

  app.get(
    '/api/v1/services/:serviceId',
    {
      config: { policy: PUBLIC },
      schema: {
        tags,
        summary: 'One service: its form, documents, eligibility, fee, processing time and missions',
        params: ServiceParams,
        response: { 200: ServiceSchema },
      },
    },
    async (request) => viewService(db, request.params.serviceId),
  );

  app.get(
    '/api/v1/services/:serviceId/versions',
    {
      config: { policy: rolesOnly(...SERVICE_EDITOR_ROLES) },
      schema: {
        tags,
        summary: 'Every version of a service definition, newest first (HQ administrators)',
        params: ServiceParams,
        response: { 200: ServiceVersionListSchema },
      },
    },
    async (request) => listServiceVersions(db, staff(request.user), request.params.serviceId),
  );

  app.put(
    '/api/v1/services/:serviceId',
    {
      config: { policy: rolesOnly(...SERVICE_EDITOR_ROLES) },
      schema: {
        tags,
        summary:
          'Save an edited definition as the next version (HQ administrators; audited). 422 lists each schema ' +
          'error by field; applications already made keep their version',
        params: ServiceParams,
        body: SaveServiceBodySchema,
        response: { 200: ServiceSchema },
      },
    },
    async (request) =>
      saveServiceDefinition(
        db,
        staff(request.user),
        request.params.serviceId,
        request.body.definition,
        request.body.reason,
        auditSource(request),
        localeOf(request),
      ),
  );
}
