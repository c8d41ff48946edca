import type { ServerResponse } from 'node:http';
import { Type } from '@sinclair/typebox';
import type { App } from '../../http/app-types.ts';
import { type Actor, actorOf } from '../../policy/actor.ts';
import { SIGNED_IN } from '../../policy/route-policy.ts';
import { resolveSession, SESSION_COOKIE } from '../auth/auth.service.ts';
import { countUnread, listInboxRows } from './notifications.repo.ts';

/** How often an open inbox stream looks for new items: one indexed read per open stream. */
const POLL_MS = 2000;
const HEARTBEAT_MS = 15_000;

/**
 * GET /api/v1/inbox/stream: Server-Sent Events named `inbox` with `{ unread, latestId }` whenever either changes,
 * so the PWA's badge and list follow without reloading. Each stream reads the account's newest in-app item and
 * unread count every 2 s (an index lookup), which works the same across processes and on both engines.
 */
export function inboxStreamRoute(app: App): void {
  const { db, config } = app.ctx;
  const open = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const finish of [...open]) finish();
  });

  app.get(
    '/api/v1/inbox/stream',
    {
      config: { policy: SIGNED_IN },
      schema: {
        tags: ['notifications'],
        summary: 'Live inbox changes (Server-Sent Events named `inbox`: the unread count and the newest item id)',
        response: {
          200: {
            description: 'An endless text/event-stream; comment lines are heartbeats',
            content: { 'text/event-stream': { schema: Type.String() } },
          },
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request.user) as Actor; // the SIGNED_IN gate ran: there is an actor
      const token = request.cookies[SESSION_COOKIE] ?? '';
      reply.hijack();
      const res: ServerResponse = reply.raw;
      const headers: Record<string, string | number | string[]> = {};
      for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) headers[name] = value;
      res.writeHead(200, {
        ...headers,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-store',
        'x-accel-buffering': 'no',
      });
      res.write('retry: 3000\n: connected\n\n');
      let last = '';
      let ticks = 0;
      let busy = false;
      const poll = async () => {
        if (busy) return;
        busy = true;
        try {
          if (++ticks % Math.round(HEARTBEAT_MS / POLL_MS) === 0) {
            const session = await resolveSession(db, config, token).catch(() => null);
            if (!session || session.user.id !== actor.id) return finish();
            res.write(': heartbeat\n\n');
          }
          const [newest] = await listInboxRows(db, actor.id, null, 1);
          const state = { unread: await countUnread(db, actor.id), latestId: newest?.id ?? null };
          const text = JSON.stringify(state);
          if (text !== last) {
            last = text;
            res.write(`event: inbox\ndata: ${text}\n\n`);
          }
        } catch {
          finish();
        } finally {
          busy = false;
        }
      };
      const timer = setInterval(poll, POLL_MS);
      timer.unref();
      function finish() {
        clearInterval(timer);
        open.delete(finish);
        res.end();
      }
      open.add(finish);
      request.raw.on('close', finish);
      void poll();
      return reply;
    },
  );
}
