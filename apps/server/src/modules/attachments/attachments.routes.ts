import { ATTACHMENT_MAX_BYTES, AttachmentAnswerSchema } from '@homeward/shared';
import { Type } from '@sinclair/typebox';
import { closeGroupCommit, groupCommitFor } from '../../db/group-commit.ts';
import type { App } from '../../http/app-types.ts';
import { auditSource } from '../../http/audit-source.ts';
import { idempotentlyGrouped, sendIdempotentAnswer } from '../../http/idempotency.ts';
import { localeOf, ProblemError } from '../../http/problem.ts';
import { type Actor, actorOf } from '../../policy/actor.ts';
import { SIGNED_IN } from '../../policy/route-policy.ts';
import { addAttachment, checkUpload, openAttachment } from './attachments.service.ts';

// The SIGNED_IN gate ran before each handler, so there is an actor; who may touch which case is decided by
// cases.policy (the reporting citizen and staff who see the case).
const signedIn = (user: Parameters<typeof actorOf>[0]): Actor => actorOf(user) as Actor;

/** `attachment; filename="ascii"; filename*=UTF-8''…` (RFC 6266), so every browser saves it under its name. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

const CaseParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const AttachmentParams = Type.Object({
  id: Type.String({ format: 'uuid' }),
  attachmentId: Type.String({ format: 'uuid' }),
});

export async function attachmentsRoutes(app: App): Promise<void> {
  const { db } = app.ctx;
  app.addHook('onClose', () => closeGroupCommit(db));

  // The upload is the raw file: any declared type is read as bytes, the real type is sniffed from them.
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: ATTACHMENT_MAX_BYTES }, (_request, body, done) =>
    done(null, body),
  );

  app.post(
    '/api/v1/cases/:id/attachments',
    {
      config: { policy: SIGNED_IN, idempotent: true, groupCommit: true },
      bodyLimit: ATTACHMENT_MAX_BYTES,
      // Refuse a declared oversize upload before reading it.
      preParsing: async (request) => {
        if (Number(request.headers['content-length'] ?? 0) > ATTACHMENT_MAX_BYTES) {
          throw new ProblemError(413, 'attachment_too_large', 'at most 10 MB');
        }
      },
      schema: {
        tags: ['cases'],
        summary:
          'Attach a photo (JPEG, PNG, WebP, HEIC) or PDF of at most 10 MB to a case: the raw file as the body, its ' +
          'name percent-encoded in X-File-Name; the type is checked from the content',
        params: CaseParams,
        headers: Type.Object({ 'x-file-name': Type.String({ minLength: 1, maxLength: 1024 }) }),
        response: { 201: AttachmentAnswerSchema },
      },
    },
    async (request, reply) => {
      const body = request.body as unknown;
      if (!(body instanceof Uint8Array)) {
        throw new ProblemError(415, 'attachment_type_not_allowed', 'send the file itself as the body');
      }
      const file = await checkUpload(body, request.headers['x-file-name'], localeOf(request));
      const actor = signedIn(request.user);
      const answer = await idempotentlyGrouped(
        request,
        groupCommitFor(db).run,
        201,
        (trx) => addAttachment(trx, actor, request.params.id, file, auditSource(request)),
        { fileName: file.fileName, sha256: file.sha256 },
      );
      return sendIdempotentAnswer(reply, answer);
    },
  );

  app.get(
    '/api/v1/cases/:id/attachments/:attachmentId',
    {
      config: { policy: SIGNED_IN },
      schema: {
        tags: ['cases'],
        summary: 'Download an attachment of a case (as a file, never shown inline); staff downloads are audited',
        params: AttachmentParams,
        response: {
          200: {
            description: 'The file, with its sniffed type',
            content: { '*/*': { schema: Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary' }) } },
          },
        },
      },
    },
    async (request, reply) => {
      const { attachment, content } = await openAttachment(
        db,
        signedIn(request.user),
        request.params.id,
        request.params.attachmentId,
        auditSource(request),
      );
      return reply
        .header('content-disposition', contentDisposition(attachment.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .type(attachment.mediaType)
        .send(Buffer.from(content.buffer, content.byteOffset, content.byteLength));
    },
  );
}
