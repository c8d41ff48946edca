import {
  CheckinBodySchema,
  CheckinLinkSchema,
  CheckinResultSchema,
  CheckinTallySchema,
  CitizenAlertListSchema,
  CitizenAlertSchema,
  ReminderResultSchema,
} from '@homeward/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../http/app-types.ts';
import { auditSource } from '../../http/audit-source.ts';
import { localeOf } from '../../http/problem.ts';
import { type Actor, actorOf } from '../../policy/actor.ts';
import { ALERT_READER_ROLES, ALERT_WRITER_ROLES } from '../../policy/alerts.policy.ts';
import { PUBLIC, rolesOnly } from '../../policy/route-policy.ts';
import { resolveSession, SESSION_COOKIE } from '../auth/auth.service.ts';
import {
  answerAsCitizen,
  answerByLink,
  exportUnaccounted,
  listReceivedAlerts,
  remindUnanswered,
  tallyCheckins,
  viewCheckinLink,
  viewPublicAlert,
} from './checkins.service.ts';

const tags = ['alerts'];
const Id = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Token = Type.Object({ token: Type.String({ minLength: 10, maxLength: 300 }) });
const staff = (request: FastifyRequest): Actor => actorOf(request.user) as Actor;
/** How often an open tally stream looks for new answers, and sends a heartbeat when nothing changed. */
const TALLY_POLL_MS = 1000;
const HEARTBEAT_MS = 15_000;

export async function checkinsRoutes(app: App): Promise<void> {
  const { db, config } = app.ctx;
  // Open tally streams would hold the server open: end them before it closes.
  const streams = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const finish of [...streams]) finish();
  });

  app.get(
    '/api/v1/alerts/received',
    {
      config: { policy: rolesOnly('citizen') },
      schema: {
        tags,
        summary: 'The alerts the signed-in citizen received (for themselves or a dependent), in their language',
        response: { 200: CitizenAlertListSchema },
      },
    },
    async (request) => listReceivedAlerts(db, staff(request).id, localeOf(request)),
  );

  app.get(
    '/api/v1/alerts/:id/public',
    {
      config: { policy: PUBLIC },
      schema: {
        tags,
        summary: 'A published alert in the reader’s language; with their own check-in answer when signed in',
        params: Id,
        response: { 200: CitizenAlertSchema },
      },
    },
    async (request) => viewPublicAlert(db, request.params.id, localeOf(request), request.user?.id ?? null),
  );

  app.post(
    '/api/v1/alerts/:id/checkin',
    {
      config: { policy: rolesOnly('citizen') },
      schema: {
        tags,
        summary: 'Answer "Are you safe?" (last answer wins; need help opens one case per person)',
        params: Id,
        body: CheckinBodySchema,
        response: { 200: CheckinResultSchema },
      },
    },
    async (request) => answerAsCitizen(db, staff(request).id, request.params.id, request.body, auditSource(request)),
  );

  app.get(
    '/api/v1/checkins/:token',
    {
      config: { policy: PUBLIC },
      schema: {
        tags,
        summary: 'What a signed check-in link is for (no sign-in); 410 checkin_link_expired, 404 link_invalid',
        params: Token,
        response: { 200: CheckinLinkSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return viewCheckinLink(db, config, request.params.token, localeOf(request));
    },
  );

  app.post(
    '/api/v1/checkins/:token',
    {
      config: { policy: PUBLIC },
      schema: {
        tags,
        summary: 'Answer through a signed link from an e-mail, SMS or push (no sign-in)',
        params: Token,
        body: CheckinBodySchema,
        response: { 200: CheckinResultSchema },
      },
    },
    async (request) => answerByLink(db, config, request.params.token, request.body, auditSource(request)),
  );

  app.get(
    '/api/v1/alerts/:id/checkins',
    {
      config: { policy: rolesOnly(...ALERT_READER_ROLES) },
      schema: {
        tags,
        summary: 'The check-in tally: recipients, safe, need help, unanswered, reminded, and answers on the map',
        params: Id,
        response: { 200: CheckinTallySchema },
      },
    },
    async (request) => tallyCheckins(db, staff(request), request.params.id),
  );

  app.get(
    '/api/v1/alerts/:id/checkins/live',
    {
      config: { policy: rolesOnly(...ALERT_READER_ROLES) },
      schema: {
        tags,
        summary: 'The tally as Server-Sent Events named `tally` (sent when it changes); comment lines are heartbeats',
        params: Id,
        response: {
          200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: Type.String() } } },
        },
      },
    },
    async (request, reply) => {
      const actor = staff(request);
      const first = await tallyCheckins(db, actor, request.params.id); // 403/404 before the stream opens
      const token = request.cookies[SESSION_COOKIE] ?? '';
      reply.hijack();
      const res = reply.raw;
      const headers: Record<string, string | number | string[]> = {};
      for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) headers[name] = value;
      res.writeHead(200, {
        ...headers,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-store',
        'x-accel-buffering': 'no',
      });
      const key = (t: typeof first) => JSON.stringify({ ...t, at: '' });
      let last = key(first);
      res.write(`retry: 3000\nevent: tally\ndata: ${JSON.stringify(first)}\n\n`);
      let open = true;
      let sinceBeat = 0;
      let busy = false;
      const timer = setInterval(async () => {
        if (!open || busy) return;
        busy = true;
        try {
          sinceBeat += TALLY_POLL_MS;
          if (sinceBeat >= HEARTBEAT_MS) {
            sinceBeat = 0;
            // A stream outlives its request: stop it when the session ends.
            const session = await resolveSession(db, config, token).catch(() => null);
            if (!session || session.user.id !== actor.id) return finish();
            res.write(': heartbeat\n\n');
          }
          const tally = await tallyCheckins(db, actor, request.params.id);
          const now = key(tally);
          if (open && now !== last) {
            last = now;
            res.write(`event: tally\ndata: ${JSON.stringify(tally)}\n\n`);
          }
        } catch {
          finish();
        } finally {
          busy = false;
        }
      }, TALLY_POLL_MS);
      timer.unref();
      const finish = () => {
        if (!open) return;
        open = false;
        streams.delete(finish);
        clearInterval(timer);
        res.end();
      };
      streams.add(finish);
      request.raw.on('close', finish);
      return reply;
    },
  );

  app.post(
    '/api/v1/alerts/:id/checkins/reminders',
    {
      config: { policy: rolesOnly(...ALERT_WRITER_ROLES) },
      schema: {
        tags,
        summary: 'Remind everyone who has not answered, on their channels (audited)',
        params: Id,
        response: { 200: ReminderResultSchema },
      },
    },
    async (request) => remindUnanswered(db, staff(request), request.params.id, auditSource(request)),
  );

  app.get(
    '/api/v1/alerts/:id/checkins/unaccounted.csv',
    {
      config: { policy: rolesOnly(...ALERT_WRITER_ROLES) },
      schema: {
        tags,
        summary: 'The people who have not answered, with their phones and e-mails, as CSV (personal data; audited)',
        params: Id,
        response: { 200: { description: 'CSV', content: { 'text/csv': { schema: Type.String() } } } },
      },
    },
    async (request, reply) => {
      const { csv } = await exportUnaccounted(db, staff(request), request.params.id, auditSource(request));
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="unaccounted-${request.params.id}.csv"`)
        .header('cache-control', 'no-store')
        .send(`\uFEFF${csv}`);
    },
  );
}
