import { LIVE_CASE_EVENT, type LiveCaseEvent } from '@homeward/shared';
import { Type } from '@sinclair/typebox';
import type { App } from '../http/app-types.ts';
import { ProblemError } from '../http/problem.ts';
import { resolveSession, SESSION_COOKIE } from '../modules/auth/auth.service.ts';
import { type Actor, actorOf } from '../policy/actor.ts';
import { canReceiveLiveEvent } from '../policy/help.policy.ts';
import { SIGNED_IN } from '../policy/route-policy.ts';
import { liveHubFor, stopLiveHub } from './live.hub.ts';
import { type LiveRow, listLiveRowsAfter, uuidV7Floor } from './live.repo.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** A client this far behind is cut off; it reconnects with Last-Event-ID and catches up from the table. */
const MAX_BUFFERED_BYTES = 1024 * 1024;
/** Events replayed after a reconnect at most; older ones the app reloads with the case list. */
const BACKFILL_LIMIT = 500;

/** One SSE message: the event id (for Last-Event-ID), the name `case`, and the JSON data. */
export function formatLiveMessage(row: LiveRow): string {
  const data: LiveCaseEvent = {
    caseId: row.caseId,
    eventId: row.id,
    kind: row.kind,
    missionCode: row.missionCode,
    priority: row.priority,
    number: row.number,
  };
  return `id: ${row.id}\nevent: ${LIVE_CASE_EVENT}\ndata: ${JSON.stringify(data)}\n\n`;
}

export async function liveRoutes(app: App): Promise<void> {
  const { db, config } = app.ctx;
  // Open streams would hold the server open: end them before it closes.
  app.addHook('preClose', () => stopLiveHub(db));

  app.get(
    '/api/v1/live',
    {
      config: { policy: SIGNED_IN },
      schema: {
        tags: ['cases'],
        summary:
          'Live case events (Server-Sent Events named `case`) for the cases the caller may see; send Last-Event-ID ' +
          'to resume after a reconnect',
        headers: Type.Object({ 'last-event-id': Type.Optional(Type.String({ maxLength: 100 })) }),
        response: {
          200: {
            description: 'An endless text/event-stream; comment lines are heartbeats',
            content: { 'text/event-stream': { schema: Type.String() } },
          },
        },
      },
    },
    async (request, reply) => {
      // The SIGNED_IN gate ran before the handler, so there is an actor (a session: API tokens hold no scope here).
      const actor = actorOf(request.user) as Actor;
      const hub = liveHubFor(db);
      if (hub.countFor(actor.id) >= hub.maxPerUser) {
        throw new ProblemError(429, 'rate_limited', `at most ${hub.maxPerUser} live streams per person`);
      }
      const header = request.headers['last-event-id']?.trim().toLowerCase() ?? '';
      const lastEventId = UUID.test(header) ? header : null;
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
      res.write('retry: 3000\n: connected\n\n');

      let open = true;
      let heartbeat: NodeJS.Timeout | null = null;
      const finish = () => {
        if (!open) return;
        open = false;
        if (heartbeat) clearInterval(heartbeat);
        subscription.remove();
        res.end();
      };
      const send = (row: LiveRow) => {
        if (!open) return;
        if (res.writableLength > MAX_BUFFERED_BYTES) return finish();
        res.write(formatLiveMessage(row));
      };
      const subscription = hub.subscribe({
        actor,
        // Without Last-Event-ID: everything from the poller's window on, so a change that committed just after
        // an older id was made is not missed (a few seconds of events may repeat what the page just loaded).
        since: lastEventId ?? uuidV7Floor(Date.now() - hub.windowMs),
        send,
        end: finish,
      });
      request.raw.on('close', finish);

      const sent = new Set<string>();
      try {
        if (lastEventId) {
          for (const row of await listLiveRowsAfter(db, lastEventId, BACKFILL_LIMIT)) {
            if (!canReceiveLiveEvent(actor, row)) continue;
            send(row);
            sent.add(row.id);
          }
        }
      } finally {
        subscription.release(sent);
      }

      heartbeat = setInterval(async () => {
        // A stream outlives its request: stop it when the session ends (sign-out, timeout, disabled account).
        const session = await resolveSession(db, config, token).catch(() => null);
        if (!session || session.user.id !== actor.id) return finish();
        if (open) res.write(': heartbeat\n\n');
      }, hub.heartbeatMs);
      heartbeat.unref();
      return reply;
    },
  );
}
