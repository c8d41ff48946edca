import type {
  FastifyReply,
  FastifyRequest,
  HookHandlerDoneFunction,
  onRequestHookHandler,
  onResponseHookHandler,
} from 'fastify';
import { httpDuration } from '../metrics.ts';
import { appendAudit } from '../modules/audit/audit.service.ts';
import { cachedSessionOf, resolveSession, SESSION_COOKIE } from '../modules/auth/auth.service.ts';
import { resolveApiToken } from '../modules/tokens/tokens.service.ts';
import { decideRoute, type RoutePolicy } from '../policy/route-policy.ts';
import type { App } from './app-types.ts';
import { auditSource } from './audit-source.ts';
import { sendProblem } from './problem.ts';
import { addRouteHook } from './route-hooks.ts';

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
 * CSRF, and applies the route's declared policy. Registered on each route that declares a policy.
 */
function gateFor(app: App, policy: RoutePolicy): onRequestHookHandler {
  const { db, config } = app.ctx;

  /** The checks after authentication; a promise only when a refused staff write is audited. */
  function decide(request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void | Promise<void> {
    // A custom header cannot be sent cross-site without a CORS preflight, which Homeward never grants.
    if (request.apiToken === null && UNSAFE.has(request.method) && request.headers[CSRF_HEADER] !== CSRF_VALUE) {
      const refuse = () => {
        sendProblem(request, reply, 403, 'forbidden', { detail: `missing ${CSRF_HEADER}: ${CSRF_VALUE} header` });
      };
      if (request.user && request.user.role !== 'citizen') {
        // A forged write riding on a staff session is worth a look by the auditors.
        return appendAudit(db, auditSource(request), {
          action: 'security.csrf_refused',
          details: { method: request.method, url: request.url, origin: request.headers.origin ?? null },
        }).then(refuse);
      }
      return refuse();
    }
    const decision = decideRoute(policy, request.user, request.apiToken);
    if (decision === 'allow') return done();
    if (decision === 'unauthenticated') sendProblem(request, reply, 401, 'unauthenticated');
    else if (decision === 'forbidden') sendProblem(request, reply, 403, 'forbidden');
    else sendProblem(request, reply, 403, 'token_scope');
  }

  async function slowPath(request: FastifyRequest, reply: FastifyReply, bearer: string | null, cookie?: string) {
    if (bearer) {
      // A browser never attaches this header on its own, so a token request needs no CSRF guard.
      const resolved = await resolveApiToken(db, bearer);
      if (!resolved) {
        sendProblem(request, reply, 401, 'unauthenticated', { detail: 'unknown or revoked token' });
        return;
      }
      request.user = resolved.user;
      request.apiToken = resolved.token;
    } else if (cookie) {
      const session = await resolveSession(db, config, cookie);
      if (session) {
        request.user = session.user;
        request.sessionId = session.sessionId;
      }
    }
    // Fastify goes on once this promise settles; `decide` only sends the refusals.
    await decide(request, reply, () => {});
  }

  // Callback style: a request whose session this process resolved a moment ago goes through without a promise.
  return function gate(request, reply, done) {
    const bearer = bearerToken(request.headers.authorization);
    if (bearer) return slowPath(request, reply, bearer);
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) {
      const kept = cachedSessionOf(config, cookie);
      if (!kept) return slowPath(request, reply, null, cookie);
      request.user = kept.user;
      request.sessionId = kept.sessionId;
    }
    return decide(request, reply, done);
  };
}

/** Observes the request duration under its route's label; the label set is made once per route and status. */
function metricsFor(route: string): onResponseHookHandler {
  const children = new Map<string, ReturnType<typeof httpDuration.labels>>();
  return function observe(request, reply, done) {
    const status = `${Math.floor(reply.statusCode / 100)}xx`;
    const key = `${request.method} ${status}`;
    let child = children.get(key);
    if (!child) {
      child = httpDuration.labels({ method: request.method, route, status });
      children.set(key, child);
    }
    child.observe(reply.elapsedTime / 1000);
    done();
  };
}

export function registerRequestHooks(app: App): void {
  app.decorateRequest('user', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('apiToken', null);

  app.addHook('onRoute', (route) => {
    const policy = route.config?.policy;
    // Static files and 404s have no policy: nothing to authorize.
    if (policy) addRouteHook(route, 'onRequest', gateFor(app, policy));
    addRouteHook(route, 'onResponse', metricsFor(route.url));
  });
  // Requests no route matched (404s) are counted too.
  app.addHook('onResponse', (request, reply, done) => {
    if (request.is404) {
      httpDuration.observe(
        { method: request.method, route: 'unmatched', status: `${Math.floor(reply.statusCode / 100)}xx` },
        reply.elapsedTime / 1000,
      );
    }
    done();
  });
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when the caller authenticated with an API token: which one, and the scopes it holds. */
    apiToken: { id: string; scopes: string[] } | null;
  }
}
