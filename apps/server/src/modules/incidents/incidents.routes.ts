import {
  IncidentBoardSchema,
  IncidentCreateBodySchema,
  IncidentPageSchema,
  IncidentSchema,
  IncidentStatusSchema,
  IncidentUpdateBodySchema,
} from '@homeward/shared';
import { Type } from '@sinclair/typebox';
import type { App } from '../../http/app-types.ts';
import { auditSource } from '../../http/audit-source.ts';
import { type Actor, actorOf } from '../../policy/actor.ts';
import { rolesOnly } from '../../policy/route-policy.ts';
import {
  createIncident,
  deleteIncident,
  editIncident,
  incidentBoard,
  listIncidentsFor,
  viewIncident,
} from './incidents.service.ts';

// The route gate ran before the handler, so there is an actor; record-level rules are in cases.policy.ts.
const signedIn = (user: Parameters<typeof actorOf>[0]): Actor => actorOf(user) as Actor;
/** Incidents are staff business: HQ and the hotline see them all, mission staff those touching their missions. */
const INCIDENT_READERS = rolesOnly('hq_admin', 'hotline_agent', 'consular_officer', 'mission_head');
const INCIDENT_EDITORS = rolesOnly('hq_admin', 'consular_officer', 'mission_head');
const IncidentParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** Incidents: many cases grouped under one major emergency, with a board. Cases join one by PATCH incidentId. */
export async function incidentsRoutes(app: App): Promise<void> {
  app.get(
    '/api/v1/incidents',
    {
      config: { policy: INCIDENT_READERS },
      schema: {
        tags: ['incidents'],
        summary: 'Incidents the caller may see: all (HQ, hotline), or those touching their missions (mission staff)',
        querystring: Type.Object(
          {
            status: Type.Optional(IncidentStatusSchema),
            page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
            pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: IncidentPageSchema },
      },
    },
    async (request) => listIncidentsFor(app.ctx.db, signedIn(request.user), request.query),
  );

  app.post(
    '/api/v1/incidents',
    {
      config: { policy: INCIDENT_EDITORS },
      schema: {
        tags: ['incidents'],
        summary: 'Declare an incident (HQ anywhere, mission staff in the countries their missions cover)',
        body: IncidentCreateBodySchema,
        response: { 201: IncidentSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createIncident(app.ctx.db, signedIn(request.user), request.body, auditSource(request))),
  );

  app.get(
    '/api/v1/incidents/:id',
    {
      config: { policy: INCIDENT_READERS },
      schema: {
        tags: ['incidents'],
        summary: 'One incident; 404 outside the caller’s scope',
        params: IncidentParams,
        response: { 200: IncidentSchema },
      },
    },
    async (request) => viewIncident(app.ctx.db, signedIn(request.user), request.params.id),
  );

  app.patch(
    '/api/v1/incidents/:id',
    {
      config: { policy: INCIDENT_EDITORS },
      schema: {
        tags: ['incidents'],
        summary: 'Change an incident, or close it when it is over (HQ, mission staff who see it)',
        params: IncidentParams,
        body: IncidentUpdateBodySchema,
        response: { 200: IncidentSchema },
      },
    },
    async (request) => editIncident(app.ctx.db, signedIn(request.user), request.params.id, request.body),
  );

  app.delete(
    '/api/v1/incidents/:id',
    {
      config: { policy: rolesOnly('hq_admin') },
      schema: {
        tags: ['incidents'],
        summary: 'Delete an incident declared by mistake (HQ); one with cases is closed instead (409)',
        params: IncidentParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await deleteIncident(app.ctx.db, signedIn(request.user), request.params.id, auditSource(request));
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/incidents/:id/board',
    {
      config: { policy: INCIDENT_READERS },
      schema: {
        tags: ['incidents'],
        summary: 'The incident’s cases the caller may see, by status, with counts per mission and priority',
        params: IncidentParams,
        response: { 200: IncidentBoardSchema },
      },
    },
    async (request) => incidentBoard(app.ctx.db, signedIn(request.user), request.params.id),
  );
}
