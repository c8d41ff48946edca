import {
  CampaignAllocateAnswerSchema,
  CampaignAllocationStatusSchema,
  CampaignBodySchema,
  CampaignCheckInBodySchema,
  CampaignDetailSchema,
  CampaignListQuerySchema,
  CampaignPageSchema,
  CampaignProgressSchema,
  CampaignRegistrationPageSchema,
  CampaignRegistrationQuerySchema,
  CampaignRegistrationSchema,
  CampaignSessionBodySchema,
  CampaignSessionSchema,
  CampaignSiteBodySchema,
  CampaignSiteDayQuerySchema,
  CampaignSiteDaySchema,
  CampaignSiteSchema,
  CampaignUpdateBodySchema,
  DoseRecordBodySchema,
  DoseRecordSchema,
  HealthCertificateSchema,
} from '@homeward/shared';
import { Type } from '@sinclair/typebox';
import type { App } from '../../http/app-types.ts';
import { auditSource } from '../../http/audit-source.ts';
import { localeOf } from '../../http/problem.ts';
import { type Actor, actorOf } from '../../policy/actor.ts';
import {
  CAMPAIGN_EDITOR_ROLES,
  CAMPAIGN_PROGRESS_ROLES,
  CAMPAIGN_READER_ROLES,
  CAMPAIGN_REGISTRATION_READER_ROLES,
  CAMPAIGN_SITE_STAFF_ROLES,
  DOSE_CERTIFIER_ROLES,
} from '../../policy/campaigns.policy.ts';
import { rolesOnly } from '../../policy/route-policy.ts';
import { requestAllocation, viewAllocation } from './campaigns.allocation.ts';
import { certifyDose } from './campaigns.certificate.ts';
import { checkInByCode, listRegistrationsPage, markNoShow, recordDose, viewSiteDay } from './campaigns.desk.ts';
import { campaignProgress } from './campaigns.progress.ts';
import {
  addSession,
  addSite,
  changeCampaignStatus,
  createCampaign,
  editCampaign,
  editSite,
  listCampaignsPage,
  removeSession,
  removeSite,
  viewCampaign,
} from './campaigns.service.ts';

const tags = ['campaigns'];
// The role gate ran before each handler, so there is an actor; record-level rules are in campaigns.policy.ts.
const signedIn = (user: Parameters<typeof actorOf>[0]): Actor => actorOf(user) as Actor;
const EDITOR = rolesOnly(...CAMPAIGN_EDITOR_ROLES);
const READER = rolesOnly(...CAMPAIGN_READER_ROLES);
const SITE_STAFF = rolesOnly(...CAMPAIGN_SITE_STAFF_ROLES);
const Id = Type.String({ minLength: 1, maxLength: 64 });
const IdParams = Type.Object({ id: Id });
const SiteParams = Type.Object({ id: Id, siteId: Id });
const SessionParams = Type.Object({ id: Id, siteId: Id, sessionId: Id });

/** HQ's and mission staff's campaign routes (decision 0024; docs/api/campaigns.md). */
export async function campaignsRoutes(app: App): Promise<void> {
  const { db, config } = app.ctx;

  app.get(
    '/api/v1/campaigns',
    {
      config: { policy: READER },
      schema: {
        tags,
        summary: 'Campaigns, newest first',
        querystring: CampaignListQuerySchema,
        response: { 200: CampaignPageSchema },
      },
    },
    async (request) => listCampaignsPage(db, request.query),
  );

  app.post(
    '/api/v1/campaigns',
    {
      config: { policy: EDITOR },
      schema: {
        tags,
        summary: 'Create a campaign (a draft; HQ; audited)',
        body: CampaignBodySchema,
        response: { 201: CampaignDetailSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createCampaign(db, signedIn(request.user), request.body, auditSource(request), localeOf(request))),
  );

  app.get(
    '/api/v1/campaigns/:id',
    {
      config: { policy: READER },
      schema: {
        tags,
        summary: 'A campaign with its sites and sessions',
        params: IdParams,
        response: { 200: CampaignDetailSchema },
      },
    },
    async (request) => viewCampaign(db, request.params.id),
  );

  app.put(
    '/api/v1/campaigns/:id',
    {
      config: { policy: EDITOR },
      schema: {
        tags,
        summary: 'Edit a campaign over the version read (409 version_conflict otherwise; HQ; audited)',
        params: IdParams,
        body: CampaignUpdateBodySchema,
        response: { 200: CampaignDetailSchema },
      },
    },
    async (request) =>
      editCampaign(
        db,
        signedIn(request.user),
        request.params.id,
        request.body,
        auditSource(request),
        localeOf(request),
      ),
  );

  for (const [verb, to] of [
    ['open', 'open'],
    ['close', 'closed'],
  ] as const) {
    app.post(
      `/api/v1/campaigns/:id/${verb}`,
      {
        config: { policy: EDITOR },
        schema: {
          tags,
          summary: verb === 'open' ? 'Open a draft for registration (needs a site)' : 'Close an open campaign',
          params: IdParams,
          response: { 200: CampaignDetailSchema },
        },
      },
      async (request) => changeCampaignStatus(db, signedIn(request.user), request.params.id, to, auditSource(request)),
    );
  }

  app.post(
    '/api/v1/campaigns/:id/sites',
    {
      config: { policy: EDITOR },
      schema: {
        tags,
        summary: 'Add a site (a mission or a partner clinic run by a mission)',
        params: IdParams,
        body: CampaignSiteBodySchema,
        response: { 201: CampaignSiteSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await addSite(
            db,
            signedIn(request.user),
            request.params.id,
            request.body,
            auditSource(request),
            localeOf(request),
          ),
        ),
  );

  app.put(
    '/api/v1/campaigns/:id/sites/:siteId',
    {
      config: { policy: EDITOR },
      schema: {
        tags,
        summary: 'Edit a site',
        params: SiteParams,
        body: CampaignSiteBodySchema,
        response: { 200: CampaignSiteSchema },
      },
    },
    async (request) =>
      editSite(
        db,
        signedIn(request.user),
        request.params.id,
        request.params.siteId,
        request.body,
        auditSource(request),
        localeOf(request),
      ),
  );

  app.delete(
    '/api/v1/campaigns/:id/sites/:siteId',
    {
      config: { policy: EDITOR },
      schema: {
        tags,
        summary: 'Remove a site nobody has a place at (409 site_in_use)',
        params: SiteParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await removeSite(db, signedIn(request.user), request.params.id, request.params.siteId, auditSource(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/campaigns/:id/sites/:siteId/sessions',
    {
      config: { policy: EDITOR },
      schema: {
        tags,
        summary: 'Add a session of slots at a site',
        params: SiteParams,
        body: CampaignSessionBodySchema,
        response: { 201: CampaignSessionSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await addSession(
            db,
            signedIn(request.user),
            request.params.id,
            request.params.siteId,
            request.body,
            auditSource(request),
            localeOf(request),
          ),
        ),
  );

  app.delete(
    '/api/v1/campaigns/:id/sites/:siteId/sessions/:sessionId',
    {
      config: { policy: EDITOR },
      schema: {
        tags,
        summary: 'Remove a session nobody has a place in (409 session_in_use)',
        params: SessionParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const { id, siteId, sessionId } = request.params;
      await removeSession(db, signedIn(request.user), id, siteId, sessionId, auditSource(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/campaigns/:id/allocate',
    {
      config: { policy: EDITOR },
      schema: {
        tags,
        summary: 'Run the allocation as a job (first come, or by priority rank)',
        params: IdParams,
        response: { 202: CampaignAllocateAnswerSchema },
      },
    },
    async (request, reply) => {
      const answer = await requestAllocation(db, signedIn(request.user), request.params.id, auditSource(request));
      app.ctx.nudgeJobs();
      return reply.code(202).send(answer);
    },
  );

  app.get(
    '/api/v1/campaigns/:id/allocation',
    {
      config: { policy: rolesOnly(...CAMPAIGN_PROGRESS_ROLES) },
      schema: {
        tags,
        summary: 'The last allocation run and its counts',
        params: IdParams,
        response: { 200: CampaignAllocationStatusSchema },
      },
    },
    async (request) => viewAllocation(db, request.params.id),
  );

  app.get(
    '/api/v1/campaigns/:id/registrations',
    {
      config: { policy: rolesOnly(...CAMPAIGN_REGISTRATION_READER_ROLES) },
      schema: {
        tags,
        summary: 'Registrations with names (mission staff: their missions’ sites; audited)',
        params: IdParams,
        querystring: CampaignRegistrationQuerySchema,
        response: { 200: CampaignRegistrationPageSchema },
      },
    },
    async (request) =>
      listRegistrationsPage(db, signedIn(request.user), request.params.id, request.query, auditSource(request)),
  );

  app.get(
    '/api/v1/campaigns/:id/sites/:siteId/day',
    {
      config: { policy: SITE_STAFF },
      schema: {
        tags,
        summary: 'Who comes to a site on a local day (its mission’s staff and HQ; audited)',
        params: SiteParams,
        querystring: CampaignSiteDayQuerySchema,
        response: { 200: CampaignSiteDaySchema },
      },
    },
    async (request) =>
      viewSiteDay(
        db,
        signedIn(request.user),
        request.params.id,
        request.params.siteId,
        request.query.date,
        auditSource(request),
        localeOf(request),
      ),
  );

  app.post(
    '/api/v1/campaigns/check-in',
    {
      config: { policy: SITE_STAFF },
      schema: {
        tags,
        summary: 'Check a person in by the code of their QR (scanned or typed)',
        body: CampaignCheckInBodySchema,
        response: { 200: CampaignRegistrationSchema },
      },
    },
    async (request) => checkInByCode(db, signedIn(request.user), request.body.code, auditSource(request)),
  );

  app.post(
    '/api/v1/campaign-registrations/:id/doses',
    {
      config: { policy: SITE_STAFF },
      schema: {
        tags,
        summary: 'Record a dose (422 not_registered for someone without a place)',
        params: IdParams,
        body: DoseRecordBodySchema,
        response: { 201: DoseRecordSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await recordDose(
            db,
            signedIn(request.user),
            request.params.id,
            request.body,
            auditSource(request),
            localeOf(request),
          ),
        ),
  );

  app.post(
    '/api/v1/campaign-registrations/:id/no-show',
    {
      config: { policy: SITE_STAFF },
      schema: {
        tags,
        summary: 'Mark someone who did not come to their place',
        params: IdParams,
        response: { 200: CampaignRegistrationSchema },
      },
    },
    async (request) => markNoShow(db, signedIn(request.user), request.params.id, auditSource(request)),
  );

  app.get(
    '/api/v1/campaigns/:id/progress',
    {
      config: { policy: rolesOnly(...CAMPAIGN_PROGRESS_ROLES) },
      schema: {
        tags,
        summary: 'Progress per country, site and day (counts only)',
        params: IdParams,
        response: { 200: CampaignProgressSchema },
      },
    },
    async (request) => campaignProgress(db, request.params.id),
  );

  app.post(
    '/api/v1/dose-records/:id/certificate',
    {
      config: { policy: rolesOnly(...DOSE_CERTIFIER_ROLES) },
      schema: {
        tags,
        summary: 'Issue a vaccination certificate (EU DCC) from a dose record',
        params: IdParams,
        response: { 201: HealthCertificateSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await certifyDose(db, config, signedIn(request.user), request.params.id, auditSource(request))),
  );
}
