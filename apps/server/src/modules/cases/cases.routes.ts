import {
  CaseAssigneeListSchema,
  CaseConflictSchema,
  CaseDetailSchema,
  CaseEscalateBodySchema,
  CaseEventListSchema,
  CaseListQuerySchema,
  CaseMergeBodySchema,
  CasePageSchema,
  CaseSchema,
  CaseTransitionBodySchema,
  CaseUpdateBodySchema,
  OpenCaseBodySchema,
} from '@homeward/shared';
import { Type } from '@sinclair/typebox';
import type { App } from '../../http/app-types.ts';
import { auditSource } from '../../http/audit-source.ts';
import { type Actor, actorOf } from '../../policy/actor.ts';
import { rolesOnly, SIGNED_IN } from '../../policy/route-policy.ts';
import { escalateCase, listAssignees, mergeCase, transitionCase, updateCase } from './cases.changes.service.ts';
import { listEventsOfCase, openCase, searchCases, viewCaseDetail } from './cases.service.ts';
import { caseTimelineRoutes } from './cases.timeline.routes.ts';

// The route gate ran before the handler, so there is an actor; record-level rules are in cases.policy.ts.
export const signedIn = (user: Parameters<typeof actorOf>[0]): Actor => actorOf(user) as Actor;

/** Who works cases at all (record by record, cases.policy decides which): HQ and mission staff. */
export const CASE_WORKERS = rolesOnly('hq_admin', 'consular_officer', 'mission_head');
/** Who may move a case or note on it: also the hotline (triage, notes from callers). */
export const CASE_ANNOTATORS = rolesOnly('hq_admin', 'hotline_agent', 'consular_officer', 'mission_head');

export const CaseParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** Answers of a change: the case, or 409 carrying the current case when the version was stale. */
const changed = { 200: CaseSchema, 409: CaseConflictSchema };

export async function casesRoutes(app: App): Promise<void> {
  app.get(
    '/api/v1/cases',
    {
      config: { policy: SIGNED_IN },
      schema: {
        tags: ['cases'],
        summary: 'Cases the caller may see: all (HQ, hotline), their missions (mission staff), or their own (citizen)',
        description:
          'Filters combine with AND; `status` may repeat. `q` keeps the cases whose summary, description, notes or messages contain every word (full text, also Chinese; words under three characters only match the newest 20,000 texts); a search counts its matches up to 1,000 and answers `totalCapped: true` when more match. `sort=sla` puts the case whose SLA target is due soonest first.',
        querystring: CaseListQuerySchema,
        response: { 200: CasePageSchema },
      },
    },
    async (request) => searchCases(app.ctx.db, signedIn(request.user), request.query),
  );

  app.get(
    '/api/v1/cases/:id',
    {
      config: { policy: SIGNED_IN },
      schema: {
        tags: ['cases'],
        summary: 'One case with its people, tasks, attachments and the transitions the caller may make',
        description: 'The reporting citizen gets the citizen view (no internal parts). 404 outside the caller’s scope.',
        params: CaseParams,
        response: { 200: CaseDetailSchema },
      },
    },
    async (request) => viewCaseDetail(app.ctx.db, signedIn(request.user), request.params.id, auditSource(request)),
  );

  app.get(
    '/api/v1/cases/:id/events',
    {
      config: { policy: SIGNED_IN },
      schema: {
        tags: ['cases'],
        summary: 'The case timeline in order, optionally after an event id; citizens see only what is shown to them',
        params: CaseParams,
        querystring: Type.Object(
          { after: Type.Optional(Type.String({ format: 'uuid', description: 'Only events after this one' })) },
          { additionalProperties: false },
        ),
        response: { 200: CaseEventListSchema },
      },
    },
    async (request) =>
      listEventsOfCase(
        app.ctx.db,
        signedIn(request.user),
        request.params.id,
        request.query.after,
        auditSource(request),
      ),
  );

  app.post(
    '/api/v1/cases',
    {
      config: { policy: SIGNED_IN },
      schema: {
        tags: ['cases'],
        summary: 'Open a case for a mission (HQ, hotline, or staff of that mission)',
        body: OpenCaseBodySchema,
        response: { 201: CaseSchema },
      },
    },
    async (request, reply) => {
      const created = await openCase(app.ctx.db, signedIn(request.user), request.body, auditSource(request));
      return reply.code(201).send(created);
    },
  );

  app.patch(
    '/api/v1/cases/:id',
    {
      config: { policy: CASE_WORKERS },
      schema: {
        tags: ['cases'],
        summary: 'Change priority, category, summary, owner or incident (staff of the mission, HQ)',
        description: 'Assigning a new or triaged case accepts it. A stale `version` answers 409 with the current case.',
        params: CaseParams,
        body: CaseUpdateBodySchema,
        response: changed,
      },
    },
    async (request) => updateCase(app.ctx.db, signedIn(request.user), request.params.id, request.body),
  );

  app.get(
    '/api/v1/cases/:id/assignees',
    {
      config: { policy: CASE_WORKERS },
      schema: {
        tags: ['cases'],
        summary: 'Who may own the case: the active officers and head of its mission',
        params: CaseParams,
        response: { 200: CaseAssigneeListSchema },
      },
    },
    async (request) => listAssignees(app.ctx.db, signedIn(request.user), request.params.id),
  );

  app.post(
    '/api/v1/cases/:id/transitions',
    {
      config: { policy: CASE_ANNOTATORS },
      schema: {
        tags: ['cases'],
        summary: 'Move the case along its workflow; reopening and dismissing need a reason',
        params: CaseParams,
        body: CaseTransitionBodySchema,
        response: changed,
      },
    },
    async (request) => transitionCase(app.ctx.db, signedIn(request.user), request.params.id, request.body),
  );

  app.post(
    '/api/v1/cases/:id/escalate',
    {
      config: { policy: CASE_WORKERS },
      schema: {
        tags: ['cases'],
        summary: 'Escalate the case to headquarters, with a reason',
        params: CaseParams,
        body: CaseEscalateBodySchema,
        response: changed,
      },
    },
    async (request) => escalateCase(app.ctx.db, signedIn(request.user), request.params.id, request.body),
  );

  app.post(
    '/api/v1/cases/:id/merge',
    {
      config: { policy: CASE_WORKERS },
      schema: {
        tags: ['cases'],
        summary: 'Merge this case (a duplicate) into another; it is closed and points at the other',
        description: 'Same mission, or headquarters across missions. Answers the closed duplicate.',
        params: CaseParams,
        body: CaseMergeBodySchema,
        response: changed,
      },
    },
    async (request) => mergeCase(app.ctx.db, signedIn(request.user), request.params.id, request.body),
  );

  await caseTimelineRoutes(app);
}
