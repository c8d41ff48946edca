import {
  HelpRequestInputSchema,
  HelpRequestParamsSchema,
  type HelpRequestStatus,
  HelpRequestStatusSchema,
} from '@homeward/shared';
import { isoNow } from '../../clock.ts';
import { closeGroupCommit } from '../../db/group-commit.ts';
import type { App } from '../../http/app-types.ts';
import {
  IDEMPOTENCY_HEADER,
  parseIdempotencyKey,
  REPLAYED_HEADER,
  requestFingerprint,
} from '../../http/idempotency.ts';
import { fastUuidV7 } from '../../http/ids.ts';
import { localeOf, ProblemError } from '../../http/problem.ts';
import { rolesOnly } from '../../policy/route-policy.ts';
import { closeIntakeWriter, intakeWriterFor } from './help-requests.intake.ts';
import { helpRequestPriority } from './help-requests.priority.ts';
import { findOwnIntake } from './help-requests.repo.ts';
import { checkHelpRequest, presentIntake } from './help-requests.service.ts';

export async function helpRequestsRoutes(app: App): Promise<void> {
  const { db } = app.ctx;
  app.addHook('onClose', async () => {
    await closeIntakeWriter(db);
    await closeGroupCommit(db);
  });

  app.post(
    '/api/v1/help-requests',
    {
      // Citizens ask for help; staff open cases through POST /api/v1/cases or the hotline. The PWA retries
      // from its offline queue with the same Idempotency-Key. `groupCommit` keeps the generic key claim away:
      // the intake row is this route's idempotency record (decision 0012).
      config: { policy: rolesOnly('citizen'), idempotent: true, groupCommit: true },
      schema: {
        tags: ['cases'],
        summary:
          'Ask for help (for yourself or someone else): answered 202 once the request is on disk; the case of ' +
          'the mission for the place is opened right after (follow it at the Location)',
        body: HelpRequestInputSchema,
        response: { 201: HelpRequestStatusSchema, 202: HelpRequestStatusSchema },
      },
    },
    async (request, reply) => {
      const header = request.headers[IDEMPOTENCY_HEADER];
      const key = header === undefined ? null : parseIdempotencyKey(header);
      if (header !== undefined && key === null) {
        throw new ProblemError(400, 'idempotency_key_invalid', 'use 1 to 255 visible characters');
      }
      // The citizen gate ran before the handler, so there is a user.
      const userId = request.user?.id ?? '';
      const locale = localeOf(request);
      const now = new Date();
      const fingerprint = requestFingerprint(request.method, request.url, request.body);
      // A retry with the same key passes the same checks, then meets its stored twin at the insert.
      await checkHelpRequest(db, { userId, locale }, request.body, now);
      const at = isoNow(now);
      const receipt = await intakeWriterFor(db).write({
        id: fastUuidV7(),
        userId,
        idempotencyKey: key,
        fingerprint,
        body: JSON.stringify(request.body),
        locale,
        sourceIp: request.ip,
        receivedAt: at,
        updatedAt: at,
        priority: helpRequestPriority(request.body.category, request.body.urgency),
      });
      if (!receipt.fresh && receipt.row.fingerprint !== fingerprint) {
        throw new ProblemError(422, 'idempotency_key_reused', 'this key was sent with a different request');
      }
      if (receipt.fresh) app.ctx.nudgeJobs();
      const status: HelpRequestStatus = receipt.fresh
        ? {
            request: { id: receipt.row.id, state: 'received', receivedAt: receipt.row.receivedAt, problem: null },
            case: null,
          }
        : await presentIntake(db, receipt.row);
      if (!receipt.fresh) reply.header(REPLAYED_HEADER, 'true');
      return reply
        .code(status.case ? 201 : 202)
        .header('location', `/api/v1/help-requests/${receipt.row.id}`)
        .send(status);
    },
  );

  app.get(
    '/api/v1/help-requests/:id',
    {
      config: { policy: rolesOnly('citizen') },
      schema: {
        tags: ['cases'],
        summary: 'Where my help request stands: received, opened (with its case) or failed (with the problem)',
        params: HelpRequestParamsSchema,
        response: { 200: HelpRequestStatusSchema },
      },
    },
    async (request) => {
      const row = await findOwnIntake(db, request.params.id, request.user?.id ?? '');
      if (!row) throw new ProblemError(404, 'not_found', 'no such help request of yours');
      return presentIntake(db, row);
    },
  );
}
