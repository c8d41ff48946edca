import {
  CampaignCheckInCodeSchema,
  MyCampaignDetailSchema,
  MyCampaignListSchema,
  MyCampaignRegistrationListSchema,
  MyCampaignRegistrationSchema,
  MyDoseRecordListSchema,
  RegisterForCampaignBodySchema,
} from '@homeward/shared';
import { Type } from '@sinclair/typebox';
import type { App } from '../../http/app-types.ts';
import { idempotently } from '../../http/idempotency.ts';
import { localeOf, ProblemError } from '../../http/problem.ts';
import { type Actor, actorOf } from '../../policy/actor.ts';
import { CAMPAIGN_CITIZEN_ROLES } from '../../policy/campaigns.policy.ts';
import { rolesOnly } from '../../policy/route-policy.ts';
import {
  cancelMyRegistration,
  listMyCampaigns,
  listMyDoses,
  listMyRegistrations,
  myCheckInCode,
  registerForCampaign,
  viewMyCampaign,
  viewMyRegistration,
} from './campaigns.citizen.ts';
import { campaignIcs } from './campaigns.ics.ts';

const tags = ['campaigns'];
// The role gate ran before each handler, so there is an actor; record-level rules are in campaigns.policy.ts.
const signedIn = (user: Parameters<typeof actorOf>[0]): Actor => actorOf(user) as Actor;
const CITIZEN = rolesOnly(...CAMPAIGN_CITIZEN_ROLES);
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

/** The citizen's campaign routes (decision 0024; docs/api/campaigns.md). */
export async function campaignsCitizenRoutes(app: App): Promise<void> {
  const { db } = app.ctx;

  app.get(
    '/api/v1/me/campaigns',
    {
      config: { policy: CITIZEN },
      schema: {
        tags,
        summary: 'Open campaigns, each with whether I may register and my registration',
        response: { 200: MyCampaignListSchema },
      },
    },
    async (request) => listMyCampaigns(db, signedIn(request.user)),
  );

  app.get(
    '/api/v1/me/campaigns/:id',
    {
      config: { policy: CITIZEN },
      schema: {
        tags,
        summary: 'One campaign with its sites (addresses and coordinates) and my registration',
        params: IdParams,
        response: { 200: MyCampaignDetailSchema },
      },
    },
    async (request) => viewMyCampaign(db, signedIn(request.user), request.params.id),
  );

  app.post(
    '/api/v1/me/campaigns/:id/registrations',
    {
      config: { policy: CITIZEN, idempotent: true },
      schema: {
        tags,
        summary: 'Register for a campaign (eligibility checked; Idempotency-Key honoured)',
        params: IdParams,
        body: RegisterForCampaignBodySchema,
        response: { 201: MyCampaignRegistrationSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await idempotently(request, db, 201, (trx) =>
            registerForCampaign(trx, signedIn(request.user), request.params.id, request.body, localeOf(request)),
          ),
        ),
  );

  app.get(
    '/api/v1/me/campaign-registrations',
    {
      config: { policy: CITIZEN },
      schema: {
        tags,
        summary: 'My campaign registrations, newest first',
        response: { 200: MyCampaignRegistrationListSchema },
      },
    },
    async (request) => listMyRegistrations(db, signedIn(request.user)),
  );

  app.get(
    '/api/v1/me/campaign-registrations/:id',
    {
      config: { policy: CITIZEN },
      schema: {
        tags,
        summary: 'One of my registrations',
        params: IdParams,
        response: { 200: MyCampaignRegistrationSchema },
      },
    },
    async (request) => viewMyRegistration(db, signedIn(request.user), request.params.id),
  );

  app.post(
    '/api/v1/me/campaign-registrations/:id/cancel',
    {
      config: { policy: CITIZEN },
      schema: {
        tags,
        summary: 'Cancel my registration (waiting or with a place); the place is freed',
        params: IdParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await cancelMyRegistration(db, signedIn(request.user), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/me/campaign-registrations/:id/check-in-code',
    {
      config: { policy: CITIZEN },
      schema: {
        tags,
        summary: 'The signed check-in code of my place and its QR (until the end of the day of the place)',
        params: IdParams,
        response: { 200: CampaignCheckInCodeSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return myCheckInCode(db, signedIn(request.user), request.params.id);
    },
  );

  app.get(
    '/api/v1/me/campaign-registrations/:id/calendar.ics',
    {
      config: { policy: CITIZEN },
      schema: { tags, summary: 'My place as an iCalendar file', params: IdParams },
    },
    async (request, reply) => {
      const actor = signedIn(request.user);
      const registration = await viewMyRegistration(db, actor, request.params.id);
      if (registration.status !== 'allocated' || !registration.allocation) {
        throw new ProblemError(404, 'not_found', 'the registration has no place to put in a calendar');
      }
      const campaign = await viewMyCampaign(db, actor, registration.campaignId);
      return reply
        .type('text/calendar; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="campaign-${registration.allocation.startsAt.slice(0, 10)}.ics"`,
        )
        .send(campaignIcs(registration, campaign.title, localeOf(request)));
    },
  );

  app.get(
    '/api/v1/me/dose-records',
    {
      config: { policy: CITIZEN },
      schema: { tags, summary: 'My dose records, newest first', response: { 200: MyDoseRecordListSchema } },
    },
    async (request) => listMyDoses(db, signedIn(request.user)),
  );
}
