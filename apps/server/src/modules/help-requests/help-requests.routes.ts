import { HelpRequestAnswerSchema, HelpRequestInputSchema } from '@homeward/shared';
import { closeGroupCommit, groupCommitFor } from '../../db/group-commit.ts';
import type { App } from '../../http/app-types.ts';
import { auditSource } from '../../http/audit-source.ts';
import { idempotentlyGrouped, sendIdempotentAnswer } from '../../http/idempotency.ts';
import { localeOf } from '../../http/problem.ts';
import { rolesOnly } from '../../policy/route-policy.ts';
import { submitHelpRequest } from './help-requests.service.ts';

export async function helpRequestsRoutes(app: App): Promise<void> {
  const { db } = app.ctx;
  app.addHook('onClose', () => closeGroupCommit(db));

  app.post(
    '/api/v1/help-requests',
    {
      // Citizens ask for help; staff open cases through POST /api/v1/cases or the hotline. The PWA retries
      // from its offline queue with the same Idempotency-Key, and requests share commits (decision 0012).
      config: { policy: rolesOnly('citizen'), idempotent: true, groupCommit: true },
      schema: {
        tags: ['cases'],
        summary:
          'Ask for help (for yourself or someone else): becomes a case of the mission for the place, answered ' +
          'only once it is on disk',
        body: HelpRequestInputSchema,
        response: { 201: HelpRequestAnswerSchema },
      },
    },
    async (request, reply) => {
      // The citizen gate ran before the handler, so there is a user.
      const caller = { userId: request.user?.id ?? '', locale: localeOf(request) };
      const answer = await idempotentlyGrouped(request, groupCommitFor(db).run, 201, (trx) =>
        submitHelpRequest(trx, caller, request.body, auditSource(request)),
      );
      return sendIdempotentAnswer(reply, answer);
    },
  );
}
