import type { FastifyReply, FastifyRequest } from 'fastify';
import { httpDuration } from '../metrics.ts';
import { appendAudit } from '../modules/audit/audit.service.ts';
import { resolveSession, SESSION_COOKIE } from '../modules/auth/auth.service.ts';
import { resolveApiToken } from '../modules/tokens/tokens.service.ts';
import { decideRoute } from '../policy/route-policy.ts';
import type { App } from './app-types.ts';
import { auditSource } from './audit-source.ts';
import { sendProblem } from './problem.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const CSRF_HEADER = 'x-requested-with';
export const CSRF_VALUE = 'homeward';

/** The token of `Authorization: Bearer …`, or null when the request carries no bearer credential. */
export function bearerToken(header: string | undefined): string | null {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1] ?? null;
}

/**
 * Authenticates the request (an API token, else the session cookie), guards cookie requests against
 * CSRF, and applies the route's declared policy.
 */
export function registerRequestHooks(app: App): void {
  app.decorateRequest('user', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('apiToken', null);

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const policy = request.routeOptions.config.policy;
    if (!policy) return; // static files and 404s: nothing to authorize
    const bearer = bearerToken(request.headers.authorization);
    if (bearer) {
      // A browser never attaches this header on its own, so a token request needs no CSRF guard.
      const resolved = await resolveApiToken(app.ctx.db, bearer);
      if (!resolved) return sendProblem(request, reply, 401, 'unauthenticated', { detail: 'unknown or revoked token' });
      request.user = resolved.user;
      request.apiToken = resolved.token;
    } else {
      const token = request.cookies[SESSION_COOKIE];
      if (token) {
        const session = await resolveSession(app.ctx.db, app.ctx.config, token);
        if (session) {
          request.user = session.user;
          request.sessionId = session.sessionId;
        }
      }
      // A custom header cannot be sent cross-site without a CORS preflight, which Homeward never grants.
      if (UNSAFE.has(request.method) && request.headers[CSRF_HEADER] !== CSRF_VALUE) {
        if (request.user && request.user.role !== 'citizen') {
          // A forged write riding on a staff session is worth a look by the auditors.
          await appendAudit(app.ctx.db, auditSource(request), {
            action: 'security.csrf_refused',
            details: { method: request.method, url: request.url, origin: request.headers.origin ?? null },
          });
        }
        return sendProblem(request, reply, 403, 'forbidden', {
          detail: `missing ${CSRF_HEADER}: ${CSRF_VALUE} header`,
        });
      }
    }
    const decision = decideRoute(policy, request.user, request.apiToken);
    if (decision === 'unauthenticated') return sendProblem(request, reply, 401, 'unauthenticated');
    if (decision === 'forbidden') return sendProblem(request, reply, 403, 'forbidden');
    if (decision === 'token_scope') return sendProblem(request, reply, 403, 'token_scope');
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    httpDuration.observe(
      { method: request.method, route, status: `${Math.floor(reply.statusCode / 100)}xx` },
      reply.elapsedTime / 1000,
    );
  });
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when the caller authenticated with an API token: which one, and the scopes it holds. */
    apiToken: { id: string; scopes: string[] } | null;
  }
}
