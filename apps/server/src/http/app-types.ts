import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { SessionUser } from '@homeward/shared';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { Database } from '../db/schema.ts';
import type { RoutePolicy } from '../policy/route-policy.ts';

/** What every route and job can reach: no DI container, one plain object. */
export interface AppContext {
  db: Kysely<Database>;
  dialect: 'sqlite' | 'postgres';
  config: Config;
  /** Wakes this process's worker after an enqueue, so jobs start without waiting for the next poll. */
  nudgeJobs: () => void;
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** One registered route and the policy it declared (null for static files and docs). */
export interface RouteInfo {
  method: string;
  url: string;
  policy: RoutePolicy | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
    /** Every route as registered, for the policy tests. */
    routeTable: RouteInfo[];
  }
  interface FastifyRequest {
    /** The signed-in user, resolved from the session cookie; null when anonymous. */
    user: SessionUser | null;
    sessionId: string | null;
  }
}
