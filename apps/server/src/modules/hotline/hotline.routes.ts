import {
  HotlineCallPageSchema,
  HotlineCallQuerySchema,
  HotlineCallSchema,
  HotlineLookupQuerySchema,
  HotlineLookupSchema,
  HotlineStatsQuerySchema,
  HotlineStatsSchema,
  KnowledgeArticleSchema,
  KnowledgeListSchema,
  KnowledgeQuerySchema,
  KnowledgeUpdateBodySchema,
  LogCallBodySchema,
} from '@homeward/shared';
import { Type } from '@sinclair/typebox';
import type { App } from '../../http/app-types.ts';
import { auditSource } from '../../http/audit-source.ts';
import { localeOf } from '../../http/problem.ts';
import { type Actor, actorOf } from '../../policy/actor.ts';
import { CALL_READER_ROLES, HOTLINE_ROLES, KNOWLEDGE_EDITOR_ROLES } from '../../policy/hotline.policy.ts';
import { rolesOnly } from '../../policy/route-policy.ts';
import { editArticle, searchKnowledge, viewArticle } from './hotline.knowledge.service.ts';
import { lookup } from './hotline.lookup.service.ts';
import { logCall, searchCalls, viewCall } from './hotline.service.ts';
import { callStatistics } from './hotline.stats.service.ts';

// The role gate ran before the handler, so there is an actor; record-level rules are in hotline.policy.ts.
const staff = (user: Parameters<typeof actorOf>[0]): Actor => actorOf(user) as Actor;

const Slug = Type.Object({ slug: Type.String({ pattern: '^[a-z0-9-]{1,80}$' }) });

export async function hotlineRoutes(app: App): Promise<void> {
  const { db } = app.ctx;

  app.post(
    '/api/v1/hotline/calls',
    {
      config: { policy: rolesOnly(...HOTLINE_ROLES) },
      schema: {
        tags: ['hotline'],
        summary: 'Log a call; outcome case_opened opens the case in the same transaction, transferred needs a mission',
        body: LogCallBodySchema,
        response: { 201: HotlineCallSchema },
      },
    },
    async (request, reply) => {
      const call = await logCall(db, staff(request.user), request.body, auditSource(request), localeOf(request));
      return reply.code(201).send(call);
    },
  );

  app.get(
    '/api/v1/hotline/calls',
    {
      config: { policy: rolesOnly(...CALL_READER_ROLES) },
      schema: {
        tags: ['hotline'],
        summary: 'Calls, newest first: all (hotline, HQ) or those transferred to the caller’s missions (mission staff)',
        querystring: HotlineCallQuerySchema,
        response: { 200: HotlineCallPageSchema },
      },
    },
    async (request) => searchCalls(db, staff(request.user), request.query),
  );

  app.get(
    '/api/v1/hotline/calls/:id',
    {
      config: { policy: rolesOnly(...CALL_READER_ROLES) },
      schema: {
        tags: ['hotline'],
        summary: 'One call; 404 when it does not exist or is outside the caller’s scope (audited)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: HotlineCallSchema },
      },
    },
    async (request) => viewCall(db, staff(request.user), request.params.id, auditSource(request)),
  );

  app.get(
    '/api/v1/hotline/lookup',
    {
      config: { policy: rolesOnly(...HOTLINE_ROLES) },
      schema: {
        tags: ['hotline'],
        summary:
          'Registry persons by phone, name or passport number with where they are and their open cases; cases by number (audited)',
        querystring: HotlineLookupQuerySchema,
        response: { 200: HotlineLookupSchema },
      },
    },
    async (request) => lookup(db, staff(request.user), request.query, auditSource(request)),
  );

  app.get(
    '/api/v1/hotline/knowledge',
    {
      config: { policy: rolesOnly(...CALL_READER_ROLES) },
      schema: {
        tags: ['hotline'],
        summary: 'Standard answers whose title, text or keywords hold every word of q, in zh-CN or en',
        querystring: KnowledgeQuerySchema,
        response: { 200: KnowledgeListSchema },
      },
    },
    async (request) => searchKnowledge(db, request.query),
  );

  app.get(
    '/api/v1/hotline/knowledge/:slug',
    {
      config: { policy: rolesOnly(...CALL_READER_ROLES) },
      schema: {
        tags: ['hotline'],
        summary: 'One standard answer in both languages',
        params: Slug,
        response: { 200: KnowledgeArticleSchema },
      },
    },
    async (request) => viewArticle(db, request.params.slug),
  );

  app.put(
    '/api/v1/hotline/knowledge/:slug',
    {
      config: { policy: rolesOnly(...KNOWLEDGE_EDITOR_ROLES) },
      schema: {
        tags: ['hotline'],
        summary: 'Edit a standard answer (HQ); a stale version answers 409 with the current article (audited)',
        params: Slug,
        body: KnowledgeUpdateBodySchema,
        response: { 200: KnowledgeArticleSchema },
      },
    },
    async (request) => editArticle(db, staff(request.user), request.params.slug, request.body, auditSource(request)),
  );

  app.get(
    '/api/v1/hotline/stats',
    {
      config: { policy: rolesOnly(...HOTLINE_ROLES) },
      schema: {
        tags: ['hotline'],
        summary: 'Calls per UTC day, per category and per outcome, and the average call length',
        querystring: HotlineStatsQuerySchema,
        response: { 200: HotlineStatsSchema },
      },
    },
    async (request) => callStatistics(db, staff(request.user), request.query),
  );
}
