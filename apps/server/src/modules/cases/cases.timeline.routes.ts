import {
  CaseEventSchema,
  CaseMessageBodySchema,
  CaseNoteBodySchema,
  CasePersonAddBodySchema,
  CasePersonSchema,
  CaseTaskCreateBodySchema,
  CaseTaskSchema,
  CaseTaskUpdateBodySchema,
} from '@homeward/shared';
import { Type } from '@sinclair/typebox';
import type { App } from '../../http/app-types.ts';
import { rolesOnly } from '../../policy/route-policy.ts';
import { CASE_ANNOTATORS, CASE_WORKERS, CaseParams, signedIn } from './cases.routes.ts';

/** The message thread: the reporting citizen and those who work the case. */
const CASE_CORRESPONDENTS = rolesOnly('hq_admin', 'consular_officer', 'mission_head', 'citizen');

import { addMessage, addNote, addPerson, addTask, removePerson, updateTask } from './cases.timeline.service.ts';

/** Notes, messages, tasks and people of a case (registered by casesRoutes). */
export async function caseTimelineRoutes(app: App): Promise<void> {
  app.post(
    '/api/v1/cases/:id/notes',
    {
      config: { policy: CASE_ANNOTATORS },
      schema: {
        tags: ['cases'],
        summary: 'Add a note: internal (staff only) or shown to the person',
        params: CaseParams,
        body: CaseNoteBodySchema,
        response: { 201: CaseEventSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addNote(app.ctx.db, signedIn(request.user), request.params.id, request.body)),
  );

  app.post(
    '/api/v1/cases/:id/messages',
    {
      config: { policy: CASE_CORRESPONDENTS },
      schema: {
        tags: ['cases'],
        summary: 'Write in the thread between the person and the mission (the reporter, staff of the case)',
        description: 'A staff message answers the person for the SLA and mails them that there is a reply.',
        params: CaseParams,
        body: CaseMessageBodySchema,
        response: { 201: CaseEventSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addMessage(app.ctx.db, signedIn(request.user), request.params.id, request.body)),
  );

  app.post(
    '/api/v1/cases/:id/tasks',
    {
      config: { policy: CASE_WORKERS },
      schema: {
        tags: ['cases'],
        summary: 'Add a task with an optional due date and owner',
        params: CaseParams,
        body: CaseTaskCreateBodySchema,
        response: { 201: CaseTaskSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addTask(app.ctx.db, signedIn(request.user), request.params.id, request.body)),
  );

  app.patch(
    '/api/v1/cases/:id/tasks/:taskId',
    {
      config: { policy: CASE_WORKERS },
      schema: {
        tags: ['cases'],
        summary: 'Mark a task done or not done, or change its title, due date or owner',
        params: Type.Object({ id: Type.String({ format: 'uuid' }), taskId: Type.String({ format: 'uuid' }) }),
        body: CaseTaskUpdateBodySchema,
        response: { 200: CaseTaskSchema },
      },
    },
    async (request) =>
      updateTask(app.ctx.db, signedIn(request.user), request.params.id, request.params.taskId, request.body),
  );

  app.post(
    '/api/v1/cases/:id/persons',
    {
      config: { policy: CASE_WORKERS },
      schema: {
        tags: ['cases'],
        summary: 'Add someone involved: the person concerned, the reporter or next of kin, linked to the registry',
        params: CaseParams,
        body: CasePersonAddBodySchema,
        response: { 201: CasePersonSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await addPerson(app.ctx.db, signedIn(request.user), request.params.id, request.body)),
  );

  app.delete(
    '/api/v1/cases/:id/persons/:personId',
    {
      config: { policy: CASE_WORKERS },
      schema: {
        tags: ['cases'],
        summary: 'Remove someone from the case (the registry record stays)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }), personId: Type.String({ format: 'uuid' }) }),
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await removePerson(app.ctx.db, signedIn(request.user), request.params.id, request.params.personId);
      return reply.code(204).send(null);
    },
  );
}
