import {
  ApplicationListQuerySchema,
  ApplicationListSchema,
  ApplicationSchema,
  ATTACHMENT_MAX_BYTES,
  CreateApplicationBodySchema,
  DecideApplicationBodySchema,
  SaveDraftBodySchema,
  SubmitApplicationBodySchema,
} from '@homeward/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import type { App } from '../../http/app-types.ts';
import { auditSource } from '../../http/audit-source.ts';
import { idempotently } from '../../http/idempotency.ts';
import { localeOf, ProblemError } from '../../http/problem.ts';
import { type Actor, actorOf } from '../../policy/actor.ts';
import { rolesOnly } from '../../policy/route-policy.ts';
import { APPLICATION_DECIDER_ROLES, APPLICATION_READER_ROLES } from '../../policy/services.policy.ts';
import { contentDisposition } from '../attachments/attachments.routes.ts';
import { checkUpload } from '../attachments/attachments.service.ts';
import { findMission } from '../missions/missions.repo.ts';
import { decideApplication } from './applications.decisions.ts';
import {
  addApplicationDocument,
  createApplication,
  listApplicationsFor,
  openApplicationDocument,
  saveDraft,
  submitApplication,
  viewApplication,
} from './applications.service.ts';
import { renderDecisionLetter, renderReceipt } from './services.pdf.ts';

const tags = ['services'];
// Each route's role gate ran before its handler, so there is an actor; record rules are in services.policy.ts.
const signedIn = (user: Parameters<typeof actorOf>[0]): Actor => actorOf(user) as Actor;
const Params = Type.Object({ id: Type.String({ format: 'uuid' }) });
const DocumentParams = Type.Object({
  id: Type.String({ format: 'uuid' }),
  documentId: Type.String({ format: 'uuid' }),
});
const CITIZEN = rolesOnly('citizen');
const READERS = rolesOnly(...APPLICATION_READER_ROLES);
const PDF_RESPONSE = {
  200: {
    description: 'A PDF file',
    content: { 'application/pdf': { schema: Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary' }) } },
  },
};

function sendPdf(reply: FastifyReply, name: string, bytes: Uint8Array): FastifyReply {
  return reply
    .header('content-disposition', contentDisposition(name))
    .header('cache-control', 'private, no-store')
    .type('application/pdf')
    .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

export async function applicationsRoutes(app: App): Promise<void> {
  const { db, config } = app.ctx;

  // A document is sent as the raw file: any declared type is read as bytes, the real type is sniffed from them.
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: ATTACHMENT_MAX_BYTES }, (_request, body, done) =>
    done(null, body),
  );

  app.get(
    '/api/v1/applications',
    {
      config: { policy: READERS },
      schema: {
        tags,
        summary:
          'A citizen’s own applications (newest first), or the queue of submitted applications at the missions ' +
          'an officer serves (oldest first; HQ: every mission); search by reference, name or e-mail',
        querystring: ApplicationListQuerySchema,
        response: { 200: ApplicationListSchema },
      },
    },
    async (request) => listApplicationsFor(db, signedIn(request.user), request.query),
  );

  app.post(
    '/api/v1/applications',
    {
      config: { policy: CITIZEN },
      schema: {
        tags,
        summary: 'Start an application (a draft on the service’s version in force); 422 when not eligible',
        body: CreateApplicationBodySchema,
        response: { 201: ApplicationSchema },
      },
    },
    async (request, reply) => {
      const created = await createApplication(db, signedIn(request.user), request.body.serviceId, localeOf(request));
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/api/v1/applications/:id',
    {
      config: { policy: READERS },
      schema: {
        tags,
        summary: 'An application with its answers, documents and full history (staff reading it is audited)',
        params: Params,
        response: { 200: ApplicationSchema },
      },
    },
    async (request) => viewApplication(db, signedIn(request.user), request.params.id, auditSource(request)),
  );

  app.put(
    '/api/v1/applications/:id/draft',
    {
      config: { policy: CITIZEN },
      schema: {
        tags,
        summary:
          'Auto-save the answers and chosen mission (draft, or while more information is asked for); 409 on a stale version',
        params: Params,
        body: SaveDraftBodySchema,
        response: { 200: ApplicationSchema },
      },
    },
    async (request) => saveDraft(db, signedIn(request.user), request.params.id, request.body, localeOf(request)),
  );

  app.post(
    '/api/v1/applications/:id/documents',
    {
      config: { policy: CITIZEN },
      bodyLimit: ATTACHMENT_MAX_BYTES,
      preParsing: async (request) => {
        if (Number(request.headers['content-length'] ?? 0) > ATTACHMENT_MAX_BYTES) {
          throw new ProblemError(413, 'attachment_too_large', 'at most 10 MB');
        }
      },
      schema: {
        tags,
        summary:
          'Add a photo or scan for a file question: the raw file as the body, its name percent-encoded in ' +
          'X-File-Name, the question in X-Document-Field; type, size and pixel dimensions are checked from the content',
        params: Params,
        headers: Type.Object({
          'x-file-name': Type.String({ minLength: 1, maxLength: 1024 }),
          'x-document-field': Type.String({ pattern: '^[a-z][a-z0-9_]{1,62}$' }),
        }),
        response: { 201: ApplicationSchema },
      },
    },
    async (request, reply) => {
      const body = request.body as unknown;
      if (!(body instanceof Uint8Array)) {
        throw new ProblemError(415, 'attachment_type_not_allowed', 'send the file itself as the body');
      }
      const locale = localeOf(request);
      const file = await checkUpload(body, request.headers['x-file-name'], locale);
      const updated = await addApplicationDocument(
        db,
        signedIn(request.user),
        request.params.id,
        request.headers['x-document-field'],
        file,
        locale,
      );
      return reply.code(201).send(updated);
    },
  );

  app.get(
    '/api/v1/applications/:id/documents/:documentId',
    {
      config: { policy: READERS },
      schema: {
        tags,
        summary: 'Download a document of an application (as a file); staff downloads are audited',
        params: DocumentParams,
        response: {
          200: {
            description: 'The file, with its sniffed type',
            content: { '*/*': { schema: Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary' }) } },
          },
        },
      },
    },
    async (request, reply) => {
      const document = await openApplicationDocument(
        db,
        signedIn(request.user),
        request.params.id,
        request.params.documentId,
        auditSource(request),
      );
      const content = document.content;
      return reply
        .header('content-disposition', contentDisposition(document.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .type(document.mediaType)
        .send(Buffer.from(content.buffer, content.byteOffset, content.byteLength));
    },
  );

  app.post(
    '/api/v1/applications/:id/submit',
    {
      config: { policy: CITIZEN, idempotent: true },
      schema: {
        tags,
        summary:
          'Submit the application, or answer a request for more information (Idempotency-Key honoured). 422 ' +
          'application_incomplete names every missing or wrong answer and document; nothing is saved then',
        params: Params,
        body: SubmitApplicationBodySchema,
        response: { 200: ApplicationSchema },
      },
    },
    async (request) => {
      const actor = signedIn(request.user);
      return idempotently(request, db, 200, (trx) =>
        submitApplication(trx, actor, request.params.id, request.body, localeOf(request)),
      );
    },
  );

  app.post(
    '/api/v1/applications/:id/decisions',
    {
      config: { policy: rolesOnly(...APPLICATION_DECIDER_ROLES), idempotent: true },
      schema: {
        tags,
        summary:
          'An officer of the mission asks for more information, approves, refuses (with a reason), records ' +
          'issuance or collection; the applicant is notified; audited',
        params: Params,
        body: DecideApplicationBodySchema,
        response: { 200: ApplicationSchema },
      },
    },
    async (request) => {
      const actor = signedIn(request.user);
      return idempotently(request, db, 200, (trx) =>
        decideApplication(trx, actor, request.params.id, request.body, auditSource(request), localeOf(request)),
      );
    },
  );

  for (const kind of ['receipt', 'decision'] as const) {
    app.get(
      `/api/v1/applications/:id/${kind}.pdf`,
      {
        config: { policy: READERS },
        schema: {
          tags,
          summary:
            kind === 'receipt'
              ? 'The receipt of a submitted application, as PDF'
              : 'The decision letter of an approved or refused application, as PDF',
          params: Params,
          response: PDF_RESPONSE,
        },
      },
      async (request, reply) => {
        const application = await viewApplication(db, signedIn(request.user), request.params.id, auditSource(request));
        const ready =
          kind === 'receipt'
            ? application.status !== 'draft'
            : ['approved', 'refused', 'issued', 'collected'].includes(application.status);
        if (!ready) throw new ProblemError(409, 'application_transition_not_allowed', `no ${kind} yet`);
        const mission = application.missionCode ? await findMission(db, application.missionCode) : undefined;
        const context = { ministry: config.state.ministry.en, missionName: mission?.nameEn ?? null };
        const bytes =
          kind === 'receipt'
            ? await renderReceipt(application, context)
            : await renderDecisionLetter(application, context);
        return sendPdf(reply, `${application.reference ?? 'application'}-${kind}.pdf`, bytes);
      },
    );
  }
}
