import { Readable } from 'node:stream';
import {
  REGISTRANT_CSV_COLUMNS,
  RegistrantDetailSchema,
  RegistrantExportBodySchema,
  RegistrantListQuerySchema,
  RegistrantPageSchema,
  RegistrantsSummaryQuerySchema,
  RegistrantsSummarySchema,
} from '@homeward/shared';
import { Type } from '@sinclair/typebox';
import type { App } from '../../http/app-types.ts';
import { auditSource } from '../../http/audit-source.ts';
import { type Actor, actorOf } from '../../policy/actor.ts';
import { rolesOnly } from '../../policy/route-policy.ts';
import { exportRegistrants, listRegistrants, summarizeRegistrants, viewRegistrant } from './registrants.service.ts';

// Roles with any reach into the registry; which persons each sees is decided in registrants.policy.ts.
const REGISTRY_READERS = rolesOnly('hq_admin', 'hotline_agent', 'consular_officer', 'mission_head');
// The role gate ran before the handler, so there is an actor.
const staff = (user: Parameters<typeof actorOf>[0]): Actor => actorOf(user) as Actor;

export async function registrantsRoutes(app: App): Promise<void> {
  const { db } = app.ctx;

  app.get(
    '/api/v1/registrants/summary',
    {
      config: { policy: REGISTRY_READERS },
      schema: {
        tags: ['registrants'],
        summary: 'People present on a day (default today) per country, and with `country` per region and city',
        querystring: RegistrantsSummaryQuerySchema,
        response: { 200: RegistrantsSummarySchema },
      },
    },
    async (request) => summarizeRegistrants(db, staff(request.user), request.query),
  );

  app.get(
    '/api/v1/registrants',
    {
      config: { policy: REGISTRY_READERS },
      schema: {
        tags: ['registrants'],
        summary: 'People present on a day, where they are and which mission answers there; audited',
        querystring: RegistrantListQuerySchema,
        response: { 200: RegistrantPageSchema },
      },
    },
    async (request) => listRegistrants(db, staff(request.user), request.query, auditSource(request)),
  );

  app.post(
    '/api/v1/registrants/export',
    {
      config: { policy: REGISTRY_READERS },
      schema: {
        tags: ['registrants'],
        summary: `CSV (UTF-8 with BOM) of the people the filters select; a reason is required and audited. Columns: ${REGISTRANT_CSV_COLUMNS.join(', ')}`,
        body: RegistrantExportBodySchema,
        // 200 is a text/csv stream (not JSON), so no response schema; 422 and 403 are problem+json.
      },
    },
    async (request, reply) => {
      const result = await exportRegistrants(db, staff(request.user), request.body, auditSource(request));
      reply.header('content-type', 'text/csv; charset=utf-8');
      reply.header('content-disposition', `attachment; filename="${result.fileName}"`);
      reply.header('cache-control', 'no-store');
      reply.header('x-row-count', String(result.rowCount));
      return reply.send(Readable.from(result.lines));
    },
  );

  app.get(
    '/api/v1/registrants/:personId',
    {
      config: { policy: REGISTRY_READERS },
      schema: {
        tags: ['registrants'],
        summary: 'A person’s page; 404 when missing or outside the caller’s districts; audited',
        params: Type.Object({ personId: Type.String({ format: 'uuid' }) }),
        response: { 200: RegistrantDetailSchema },
      },
    },
    async (request) => viewRegistrant(db, staff(request.user), request.params.personId, auditSource(request)),
  );
}
