import { createHash } from 'node:crypto';
import {
  AdvisoryCountryQuerySchema,
  AdvisoryCountrySchema,
  AdvisoryListSchema,
  AdvisorySchema,
  PublishAdvisoryBodySchema,
} from '@homeward/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import type { App } from '../../http/app-types.ts';
import { auditSource } from '../../http/audit-source.ts';
import { localeOf } from '../../http/problem.ts';
import { type Actor, actorOf } from '../../policy/actor.ts';
import { ADVISORY_PUBLISHER_ROLES } from '../../policy/advisories.policy.ts';
import { PUBLIC, rolesOnly } from '../../policy/route-policy.ts';
import { listCurrentAdvisories, publishAdvisory, viewCountryAdvisories } from './advisories.service.ts';

const tags = ['advisories'];
// The role gate ran before the handler, so there is an actor; the record-level rule is in advisories.policy.ts.
const staff = (user: Parameters<typeof actorOf>[0]): Actor => actorOf(user) as Actor;

/** A strong validator of the list's bytes: the PWA revalidates it cheaply and keeps it for offline use. */
function etagOf(body: unknown): string {
  return `"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 27)}"`;
}

function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag || tag.trim() === '*');
}

/**
 * Sets the validators and says whether the caller's copy is current. `no-cache`: browsers keep the answer but
 * ask every time, so a level published a moment ago is never hidden behind a cached copy (304 costs no body).
 */
function revalidated(ifNoneMatch: string | undefined, reply: FastifyReply, body: unknown): boolean {
  const etag = etagOf(body);
  reply.header('etag', etag).header('cache-control', 'public, no-cache');
  return matches(ifNoneMatch, etag);
}

export async function advisoriesRoutes(app: App): Promise<void> {
  const { db } = app.ctx;

  app.get(
    '/api/v1/advisories',
    {
      config: { policy: PUBLIC },
      schema: {
        tags,
        summary: 'The travel advisory in force for each country and region that has one; ETag, 304 when unchanged',
        response: { 200: AdvisoryListSchema, 304: Type.Null() },
      },
    },
    async (request, reply) => {
      const body = await listCurrentAdvisories(db);
      const etag = revalidated(request.headers['if-none-match'], reply, body);
      return etag ? reply.code(304).send(null) : reply.send(body);
    },
  );

  app.get(
    '/api/v1/advisories/:country',
    {
      config: { policy: PUBLIC },
      schema: {
        tags,
        summary: 'A country’s advisory in force, its regional advisories and every version published (paginated)',
        params: Type.Object({ country: Type.String({ pattern: '^[A-Z]{2}$' }) }),
        querystring: AdvisoryCountryQuerySchema,
        response: { 200: AdvisoryCountrySchema, 304: Type.Null() },
      },
    },
    async (request, reply) => {
      const body = await viewCountryAdvisories(db, request.params.country, request.query, localeOf(request));
      return revalidated(request.headers['if-none-match'], reply, body) ? reply.code(304).send(null) : reply.send(body);
    },
  );

  app.post(
    '/api/v1/advisories',
    {
      config: { policy: rolesOnly(...ADVISORY_PUBLISHER_ROLES) },
      schema: {
        tags,
        summary:
          'Publish a new level for a country or region; supersedes the one in force (alert managers, HQ; audited)',
        body: PublishAdvisoryBodySchema,
        response: { 201: AdvisorySchema },
      },
    },
    async (request, reply) => {
      const advisory = await publishAdvisory(
        db,
        staff(request.user),
        request.body,
        auditSource(request),
        localeOf(request),
      );
      return reply.code(201).send(advisory);
    },
  );
}
