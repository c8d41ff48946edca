import {
  AssessmentHistorySchema,
  AssessmentInputSchema,
  AssessmentResultSchema,
  ChecklistSchema,
  EnterpriseAssessmentSchema,
  GuidanceArticleInputSchema,
  GuidanceArticlePageSchema,
  GuidanceArticleSchema,
  GuidanceArticleWithHistorySchema,
  GuidanceListQuerySchema,
  GuidancePreviewInputSchema,
  GuidancePreviewSchema,
  GuidanceSendInputSchema,
  GuidanceSendListSchema,
  GuidanceSendSchema,
} from '@homeward/shared';
import { Type } from '@sinclair/typebox';
import type { App } from '../../http/app-types.ts';
import { auditSource } from '../../http/audit-source.ts';
import { localeOf } from '../../http/problem.ts';
import { type Actor, actorOf } from '../../policy/actor.ts';
import { GUIDANCE_EDITOR_ROLES } from '../../policy/guidance.policy.ts';
import { PUBLIC, rolesOnly } from '../../policy/route-policy.ts';
import {
  listOrganisationAssessments,
  submitAssessment,
  viewAssessment,
  viewChecklist,
  viewEnterpriseAssessment,
} from './guidance.assessments.ts';
import { listSends, previewGuidanceSend, sendGuidance } from './guidance.sends.ts';
import {
  createGuidanceArticle,
  editGuidanceArticle,
  listGuidance,
  viewGuidanceArticle,
  viewGuidanceHistory,
} from './guidance.service.ts';

const tags = ['guidance'];
// Behind a role gate there is an actor; record-level rules are in guidance.policy.ts.
const signedIn = (user: Parameters<typeof actorOf>[0]): Actor => actorOf(user) as Actor;
const EDITORS = rolesOnly(...GUIDANCE_EDITOR_ROLES);
const ORGANISATION_MANAGERS = rolesOnly('citizen');
const ENTERPRISE_READERS = rolesOnly('hq_admin', 'hotline_agent', 'consular_officer', 'mission_head');
const Id = Type.String({ minLength: 1, maxLength: 100 });

export async function guidanceRoutes(app: App): Promise<void> {
  const { db } = app.ctx;

  app.get(
    '/api/v1/guidance/articles',
    {
      config: { policy: PUBLIC },
      schema: {
        tags,
        summary: 'Published guidance articles: search in both languages, country (with global ones) and risk filters',
        querystring: GuidanceListQuerySchema,
        response: { 200: GuidanceArticlePageSchema },
      },
    },
    async (request) => listGuidance(db, actorOf(request.user), request.query),
  );

  app.get(
    '/api/v1/guidance/articles/:article',
    {
      config: { policy: PUBLIC },
      schema: {
        tags,
        summary: 'One article by id or slug (Markdown in each language written); drafts for editors only',
        params: Type.Object({ article: Id }),
        response: { 200: GuidanceArticleSchema },
      },
    },
    async (request) => viewGuidanceArticle(db, actorOf(request.user), request.params.article),
  );

  app.get(
    '/api/v1/guidance/editor/articles',
    {
      config: { policy: EDITORS },
      schema: {
        tags,
        summary: 'Every article, drafts included, for the console editor (HQ, alert managers)',
        querystring: GuidanceListQuerySchema,
        response: { 200: GuidanceArticlePageSchema },
      },
    },
    async (request) => listGuidance(db, signedIn(request.user), request.query, { drafts: true }),
  );

  app.get(
    '/api/v1/guidance/editor/articles/:id',
    {
      config: { policy: EDITORS },
      schema: {
        tags,
        summary: 'An article as it is now with every saved version, newest first',
        params: Type.Object({ id: Id }),
        response: { 200: GuidanceArticleWithHistorySchema },
      },
    },
    async (request) => viewGuidanceHistory(db, signedIn(request.user), request.params.id),
  );

  app.post(
    '/api/v1/guidance/articles',
    {
      config: { policy: EDITORS },
      schema: {
        tags,
        summary: 'Write an article (draft or published) in at least one language; audited',
        body: GuidanceArticleInputSchema,
        response: { 201: GuidanceArticleSchema },
      },
    },
    async (request, reply) => {
      const article = await createGuidanceArticle(
        db,
        signedIn(request.user),
        request.body,
        auditSource(request),
        localeOf(request),
      );
      return reply.code(201).send(article);
    },
  );

  app.put(
    '/api/v1/guidance/articles/:id',
    {
      config: { policy: EDITORS },
      schema: {
        tags,
        summary: 'Save a new version of an article, based on `version`; 409 when someone saved first; audited',
        params: Type.Object({ id: Id }),
        body: GuidanceArticleInputSchema,
        response: { 200: GuidanceArticleSchema },
      },
    },
    async (request) =>
      editGuidanceArticle(
        db,
        signedIn(request.user),
        request.params.id,
        request.body,
        auditSource(request),
        localeOf(request),
      ),
  );

  app.get(
    '/api/v1/guidance/checklist',
    {
      config: { policy: PUBLIC },
      schema: {
        tags,
        summary: 'The enterprise security self-assessment: categories and weighted questions',
        response: { 200: ChecklistSchema },
      },
    },
    async () => viewChecklist(),
  );

  app.get(
    '/api/v1/organisations/:id/assessments',
    {
      config: { policy: ORGANISATION_MANAGERS },
      schema: {
        tags,
        summary: 'An organisation’s self-assessments, newest first (the people who manage it)',
        params: Type.Object({ id: Id }),
        response: { 200: AssessmentHistorySchema },
      },
    },
    async (request) => listOrganisationAssessments(db, signedIn(request.user), request.params.id),
  );

  app.post(
    '/api/v1/organisations/:id/assessments',
    {
      config: { policy: ORGANISATION_MANAGERS },
      schema: {
        tags,
        summary: 'Answer the checklist for the organisation or one of its sites; the score, band and recommendations',
        params: Type.Object({ id: Id }),
        body: AssessmentInputSchema,
        response: { 201: AssessmentResultSchema },
      },
    },
    async (request, reply) => {
      const result = await submitAssessment(
        db,
        signedIn(request.user),
        request.params.id,
        request.body,
        localeOf(request),
      );
      return reply.code(201).send(result);
    },
  );

  app.get(
    '/api/v1/organisations/:id/assessments/:assessmentId',
    {
      config: { policy: ORGANISATION_MANAGERS },
      schema: {
        tags,
        summary: 'One self-assessment with its recommendations',
        params: Type.Object({ id: Id, assessmentId: Id }),
        response: { 200: AssessmentResultSchema },
      },
    },
    async (request) => viewAssessment(db, signedIn(request.user), request.params.id, request.params.assessmentId),
  );

  app.get(
    '/api/v1/enterprises/sites/:siteId/assessment',
    {
      config: { policy: ENTERPRISE_READERS },
      schema: {
        tags,
        summary: 'The enterprise’s latest self-assessment score and the site’s own; 404 outside the caller’s scope',
        params: Type.Object({ siteId: Id }),
        response: { 200: EnterpriseAssessmentSchema },
      },
    },
    async (request) => viewEnterpriseAssessment(db, signedIn(request.user), request.params.siteId),
  );

  app.post(
    '/api/v1/guidance/sends/preview',
    {
      config: { policy: EDITORS },
      schema: {
        tags,
        summary: 'How many staff of business sites a send to this area would reach now',
        body: GuidancePreviewInputSchema,
        response: { 200: GuidancePreviewSchema },
      },
    },
    async (request) => previewGuidanceSend(db, signedIn(request.user), request.body.area, localeOf(request)),
  );

  app.get(
    '/api/v1/guidance/sends',
    {
      config: { policy: EDITORS },
      schema: { tags, summary: 'The last 50 guidance sends, newest first', response: { 200: GuidanceSendListSchema } },
    },
    async (request) => listSends(db, signedIn(request.user)),
  );

  app.post(
    '/api/v1/guidance/sends',
    {
      config: { policy: EDITORS },
      schema: {
        tags,
        summary: 'Send a published article to the staff of business sites in an area (notification; audited)',
        body: GuidanceSendInputSchema,
        response: { 201: GuidanceSendSchema },
      },
    },
    async (request, reply) => {
      const send = await sendGuidance(
        db,
        signedIn(request.user),
        request.body,
        auditSource(request),
        localeOf(request),
      );
      return reply.code(201).send(send);
    },
  );
}
