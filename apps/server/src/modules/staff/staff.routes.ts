import {
  CreatedStaffSchema,
  CreateStaffBodySchema,
  ReasonBodySchema,
  SetupUrlSchema,
  StaffAccountSchema,
  StaffPageSchema,
  StaffQuerySchema,
  UpdateStaffBodySchema,
} from '@homeward/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../http/app-types.ts';
import { auditSource } from '../../http/audit-source.ts';
import type { RoutePolicy } from '../../policy/route-policy.ts';
import { createStaff, resetSecondFactor, searchStaff, updateStaff } from './staff.service.ts';

const ADMINS: RoutePolicy = { access: 'roles', roles: ['hq_admin'] };
/** Reading the staff list is the one staff route an API token may call (scope `staff:read`). */
const ADMINS_OR_READ_TOKEN: RoutePolicy = { ...ADMINS, scope: 'staff:read' };
const Id = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

/** The acting administrator; only called behind the hq_admin gate, which refused everyone else. */
function adminSource(request: FastifyRequest) {
  const source = auditSource(request);
  if (!source.actor || !request.user) throw new Error('route gate let an anonymous request through');
  return { ...source, actor: { id: request.user.id, role: request.user.role } };
}

export async function staffRoutes(app: App): Promise<void> {
  const { db, config } = app.ctx;

  app.get(
    '/api/v1/staff',
    {
      config: { policy: ADMINS_OR_READ_TOKEN },
      schema: {
        tags: ['staff'],
        summary: 'Staff accounts, filtered by text, role, mission and status',
        querystring: StaffQuerySchema,
        response: { 200: StaffPageSchema },
      },
    },
    async (request) => searchStaff(db, request.query),
  );

  app.post(
    '/api/v1/staff',
    {
      config: { policy: ADMINS },
      schema: {
        tags: ['staff'],
        summary: 'Create a staff account; answers the one-time setup link to hand to the person',
        body: CreateStaffBodySchema,
        response: { 201: CreatedStaffSchema },
      },
    },
    async (request, reply) => {
      const created = await createStaff(db, config, auditSource(request), request.body);
      return reply.code(201).send(created);
    },
  );

  app.patch(
    '/api/v1/staff/:id',
    {
      config: { policy: ADMINS },
      schema: {
        tags: ['staff'],
        summary: 'Change a staff member’s role, missions or status (with a reason); their sessions end',
        params: Id,
        body: UpdateStaffBodySchema,
        response: { 200: StaffAccountSchema },
      },
    },
    async (request) => updateStaff(db, adminSource(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/staff/:id/reset-second-factor',
    {
      config: { policy: ADMINS },
      schema: {
        tags: ['staff'],
        summary: 'Remove a staff member’s authenticator app and password; answers a new setup link',
        params: Id,
        body: ReasonBodySchema,
        response: { 200: SetupUrlSchema },
      },
    },
    async (request) => resetSecondFactor(db, config, adminSource(request), request.params.id, request.body.reason),
  );
}
