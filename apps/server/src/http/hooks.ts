import type { FastifyReply, FastifyRequest } from 'fastify';
import { httpDuration } from '../metrics.ts';
import { resolveSession, SESSION_COOKIE } from '../modules/auth/auth.service.ts';
import { decideRoute } from '../policy/route-policy.ts';
import type { App } from './app-types.ts';
import { sendProblem } from './problem.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const CSRF_HEADER = 'x-requested-with';
export const CSRF_VALUE = 'homeward';

/** Resolves the session cookie, guards against CSRF, and applies the route's declared policy. */
export function registerRequestHooks(app: App): void {
  app.decorateRequest('user', null);
  app.decorateRequest('sessionId', null);

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const policy = request.routeOptions.config.policy;
    if (!policy) return; // static files and 404s: nothing to authorize
    // A custom header cannot be sent cross-site without a CORS preflight, which Homeward never grants.
    if (UNSAFE.has(request.method) && request.headers[CSRF_HEADER] !== CSRF_VALUE) {
      return sendProblem(request, reply, 403, 'forbidden', { detail: `missing ${CSRF_HEADER}: ${CSRF_VALUE} header` });
    }
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const session = await resolveSession(app.ctx.db, app.ctx.config, token);
      if (session) {
        request.user = session.user;
        request.sessionId = session.sessionId;
      }
    }
    const decision = decideRoute(policy, request.user);
    if (decision === 'unauthenticated') return sendProblem(request, reply, 401, 'unauthenticated');
    if (decision === 'forbidden') return sendProblem(request, reply, 403, 'forbidden');
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    httpDuration.observe(
      { method: request.method, route, status: `${Math.floor(reply.statusCode / 100)}xx` },
      reply.elapsedTime / 1000,
    );
  });
}
