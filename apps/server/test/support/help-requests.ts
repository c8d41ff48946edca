import type { LightMyRequestResponse } from 'fastify';
import type { App } from '../../src/http/app-types.ts';
import { openReceivedHelpRequests } from '../../src/modules/help-requests/help-requests.opener.ts';

/**
 * A help request as the citizen follows it (decision 0012): given the 202 of POST /api/v1/help-requests, runs
 * the background step that opens received requests, then answers GET of the request's Location (200 with
 * `{ request, case }`). A refused POST is handed back as it is.
 */
export async function followHelpRequest(
  app: App,
  cookie: string,
  received: LightMyRequestResponse,
): Promise<LightMyRequestResponse> {
  if (received.statusCode !== 202) return received;
  await openReceivedHelpRequests(app.ctx.db);
  return app.inject({ method: 'GET', url: String(received.headers.location), headers: { cookie } });
}
