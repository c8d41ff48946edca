import { createHash } from 'node:crypto';
import { CapAlertSchema } from '@homeward/cap';
import {
  AlertDraftBodySchema,
  AlertListQuerySchema,
  AlertPageSchema,
  AlertReasonBodySchema,
  AlertSchema,
  AlertSubmitBodySchema,
  AlertUpdateBodySchema,
  CapFeedStatusListSchema,
  IncomingSignalPageSchema,
  IncomingSignalSchema,
} from '@homeward/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../http/app-types.ts';
import { auditSource } from '../../http/audit-source.ts';
import { localeOf } from '../../http/problem.ts';
import { type Actor, actorOf } from '../../policy/actor.ts';
import { ALERT_READER_ROLES, ALERT_WRITER_ROLES } from '../../policy/alerts.policy.ts';
import { PUBLIC, rolesOnly } from '../../policy/route-policy.ts';
import { registerCheckinLinks } from '../checkins/checkins.links.ts';
import { capFeedsConfigFrom } from './alerts.config.ts';
import { capDocumentOf, countryFeedOf } from './alerts.feed.ts';
import { viewCapFeeds } from './alerts.poll.ts';
import {
  approveAlert,
  cancelAlert,
  countAlertReach,
  createAlertDraft,
  editAlertDraft,
  returnAlert,
  searchAlerts,
  submitAlert,
  updatePublishedAlert,
  viewAlert,
} from './alerts.service.ts';
import { MAX_SIGNAL_BYTES, receiveCap, searchSignals, viewSignal } from './alerts.signals.ts';

const tags = ['alerts'];

/**
 * CapAlertSchema names its parts with `$id`s and repeats CapValuePair inline, which Fastify's serializer refuses
 * as duplicate ids: the copy in the OpenAPI document has the ids taken out (the shape is the same).
 */
function withoutIds(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutIds);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([k]) => k !== '$id')
      .map(([k, v]) => [k, withoutIds(v)]),
  );
}
const CapAlertJson = withoutIds(CapAlertSchema);
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
// The role gate ran before the handler, so there is an actor; record-level rules are in alerts.policy.ts.
const staff = (request: FastifyRequest): Actor => actorOf(request.user) as Actor;
const WRITERS = rolesOnly(...ALERT_WRITER_ROLES);
const READERS = rolesOnly(...ALERT_READER_ROLES);

/** A strong validator of the exact bytes; `no-cache` so a reader always revalidates (a 304 costs no body). */
function sendCached(request: FastifyRequest, reply: FastifyReply, type: string, body: string) {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  reply.header('etag', etag).header('cache-control', 'public, no-cache').header('content-type', type);
  const header = request.headers['if-none-match'];
  const fresh = header?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*');
  return fresh ? reply.code(304).send() : reply.send(body);
}

export async function alertsRoutes(app: App): Promise<void> {
  const { db, config } = app.ctx;
  // E-mails, SMS and pushes of an alert that asks "Are you safe?" carry one-tap signed links (decision 0021).
  await registerCheckinLinks(db, config);
  // The CAP sources the worker polls, for their status in the console (decision 0025).
  const capFeeds = capFeedsConfigFrom(process.env);

  app.get(
    '/api/v1/alerts',
    {
      config: { policy: READERS },
      schema: {
        tags,
        summary: 'Alerts, newest change first; search in the headlines, filter by status (paginated)',
        querystring: AlertListQuerySchema,
        response: { 200: AlertPageSchema },
      },
    },
    async (request) => searchAlerts(db, staff(request), request.query),
  );

  app.post(
    '/api/v1/alerts',
    {
      config: { policy: WRITERS },
      schema: {
        tags,
        summary: 'Save a new draft: texts in at least one language, CAP fields, the area (checked by targeting)',
        body: AlertDraftBodySchema,
        response: { 201: AlertSchema },
      },
    },
    async (request, reply) => {
      const alert = await createAlertDraft(
        db,
        config,
        staff(request),
        request.body,
        auditSource(request),
        localeOf(request),
      );
      return reply.code(201).send(alert);
    },
  );

  app.get(
    '/api/v1/alerts/:id',
    {
      config: { policy: READERS },
      schema: { tags, summary: 'One alert with its CAP messages', params: Id, response: { 200: AlertSchema } },
    },
    async (request) => viewAlert(db, staff(request), request.params.id),
  );

  app.put(
    '/api/v1/alerts/:id',
    {
      config: { policy: WRITERS },
      schema: {
        tags,
        summary: 'Replace a draft (only drafts change; a published alert is updated with POST …/update)',
        params: Id,
        body: AlertDraftBodySchema,
        response: { 200: AlertSchema },
      },
    },
    async (request) => editAlertDraft(db, config, staff(request), request.params.id, request.body, localeOf(request)),
  );

  app.get(
    '/api/v1/alerts/:id/reach',
    {
      config: { policy: READERS },
      schema: {
        tags,
        summary: 'How many people the alert’s area reaches now (the live count)',
        params: Id,
        response: { 200: Type.Object({ total: Type.Integer({ minimum: 0 }), at: Type.String() }) },
      },
    },
    async (request) => countAlertReach(db, staff(request), request.params.id),
  );

  app.post(
    '/api/v1/alerts/:id/submit',
    {
      config: { policy: WRITERS },
      schema: {
        tags,
        summary: 'Send a draft for review by a second alert manager; 409 alert_reaches_nobody unless confirmEmptyArea',
        params: Id,
        body: AlertSubmitBodySchema,
        response: { 200: AlertSchema },
      },
    },
    async (request) => submitAlert(db, staff(request), request.params.id, request.body ?? {}, auditSource(request)),
  );

  app.post(
    '/api/v1/alerts/:id/approve',
    {
      config: { policy: WRITERS },
      schema: {
        tags,
        summary: 'Approve and publish (four eyes: not by its author or submitter): CAP Alert, recipients, notification',
        params: Id,
        response: { 200: AlertSchema },
      },
    },
    async (request) => approveAlert(db, config, staff(request), request.params.id, auditSource(request)),
  );

  app.post(
    '/api/v1/alerts/:id/return',
    {
      config: { policy: WRITERS },
      schema: {
        tags,
        summary: 'Send a pending alert back to draft with a reason (audited)',
        params: Id,
        body: AlertReasonBodySchema,
        response: { 200: AlertSchema },
      },
    },
    async (request) => returnAlert(db, staff(request), request.params.id, request.body, auditSource(request)),
  );

  app.post(
    '/api/v1/alerts/:id/update',
    {
      config: { policy: WRITERS },
      schema: {
        tags,
        summary: 'Update a published alert: new texts and CAP fields, a CAP Update referencing the earlier messages',
        params: Id,
        body: AlertUpdateBodySchema,
        response: { 200: AlertSchema },
      },
    },
    async (request) =>
      updatePublishedAlert(
        db,
        config,
        staff(request),
        request.params.id,
        request.body,
        auditSource(request),
        localeOf(request),
      ),
  );

  app.post(
    '/api/v1/alerts/:id/cancel',
    {
      config: { policy: WRITERS },
      schema: {
        tags,
        summary: 'Cancel an alert with a reason: a CAP Cancel once published, or just close a draft (audited)',
        params: Id,
        body: AlertReasonBodySchema,
        response: { 200: AlertSchema },
      },
    },
    async (request) => cancelAlert(db, config, staff(request), request.params.id, request.body, auditSource(request)),
  );

  app.get(
    '/api/v1/alerts/:id.cap',
    {
      config: { policy: PUBLIC },
      schema: {
        tags,
        summary:
          'The alert’s newest CAP 1.2 message as XML (application/cap+xml; ETag). Its JSON shape is CapAlert below',
        params: Id,
        response: {
          200: {
            description: 'CAP 1.2 XML; as JSON (`homeward cap parse`) it has the CapAlert shape',
            content: {
              'application/cap+xml': { schema: Type.String() },
              'application/json': { schema: CapAlertJson },
            },
          },
          304: Type.Null(),
        },
      },
    },
    async (request, reply) =>
      sendCached(request, reply, 'application/cap+xml; charset=utf-8', await capDocumentOf(db, request.params.id)),
  );

  app.get(
    '/api/v1/alerts/feeds/:country.atom',
    {
      config: { policy: PUBLIC },
      schema: {
        tags,
        summary: 'Atom feed of a country’s alerts: the newest CAP message of each, linked (ETag)',
        params: Type.Object({ country: Type.String({ pattern: '^[A-Z]{2}$' }) }),
        response: {
          200: { description: 'Atom 1.0', content: { 'application/atom+xml': { schema: Type.String() } } },
          304: Type.Null(),
        },
      },
    },
    async (request, reply) =>
      sendCached(
        request,
        reply,
        'application/atom+xml; charset=utf-8',
        await countryFeedOf(db, request.params.country, config.publicUrl, config.state.ministry),
      ),
  );

  app.get(
    '/api/v1/alerts/signals',
    {
      config: { policy: WRITERS },
      schema: {
        tags,
        summary: 'Incoming CAP signals, newest first (paginated)',
        querystring: Type.Object(
          {
            page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
            pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
          },
          { additionalProperties: false },
        ),
        response: { 200: IncomingSignalPageSchema },
      },
    },
    async (request) => searchSignals(db, staff(request), request.query.page, request.query.pageSize),
  );

  app.post(
    '/api/v1/alerts/signals',
    {
      config: { policy: WRITERS },
      bodyLimit: MAX_SIGNAL_BYTES * 2,
      schema: {
        tags,
        summary:
          'Upload a CAP file (alert, <alerts> wrapper or EDXL-DE): each alert becomes an incoming signal; 422 cap_invalid',
        body: Type.Object(
          { xml: Type.String({ minLength: 1, maxLength: MAX_SIGNAL_BYTES }) },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ items: Type.Array(IncomingSignalSchema) }) },
      },
    },
    async (request, reply) => {
      const items = await receiveCap(
        db,
        staff(request),
        { xml: request.body.xml, origin: 'upload' },
        auditSource(request),
      );
      return reply.code(201).send({ items });
    },
  );

  app.get(
    '/api/v1/alerts/signals/feeds',
    {
      config: { policy: WRITERS },
      schema: {
        tags,
        summary: 'The configured CAP sources (HOMEWARD_CAP_FEEDS) with their last fetch, last error and signal count',
        response: { 200: CapFeedStatusListSchema },
      },
    },
    async (request) => viewCapFeeds(db, staff(request), capFeeds),
  );

  app.get(
    '/api/v1/alerts/signals/:id',
    {
      config: { policy: WRITERS },
      schema: {
        tags,
        summary: 'One incoming signal with a draft prefilled from it (same area)',
        params: Id,
        response: { 200: IncomingSignalSchema },
      },
    },
    async (request) => viewSignal(db, staff(request), request.params.id),
  );
}
