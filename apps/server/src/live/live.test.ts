import type { LiveCaseEvent } from '@homeward/shared';
import { v7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, JSON_WRITE, signInAs } from '../../test/support/app.ts';
import { WASHINGTON_DC } from '../../test/support/businesses.ts';
import { describeEachDialect } from '../../test/support/db.ts';
import { followHelpRequest } from '../../test/support/help-requests.ts';
import { type OpenDatabase, openDatabase } from '../db/connect.ts';
import type { App } from '../http/app-types.ts';
import { appendCaseEvent } from '../modules/cases/cases.events.repo.ts';
import { DEMO_PASSWORD } from '../modules/demo/demo.accounts.ts';
import { newCitizen, type TestCitizen } from '../modules/registry/registry.fixtures.ts';
import { liveHubFor } from './live.hub.ts';
import { uuidV7Floor } from './live.repo.ts';

interface SseMessage {
  id: string;
  event: string;
  data: LiveCaseEvent;
}

/** An SSE client over fetch: collects messages and comment lines, and waits for what a test expects. */
class Stream {
  readonly messages: SseMessage[] = [];
  readonly comments: string[] = [];
  ended = false;
  private waiters: (() => void)[] = [];
  private constructor(
    readonly status: number,
    readonly contentType: string | null,
    private readonly controller: AbortController,
  ) {}

  static async open(base: string, cookie: string | null, lastEventId?: string): Promise<Stream> {
    const controller = new AbortController();
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    if (cookie) headers.cookie = cookie;
    if (lastEventId) headers['last-event-id'] = lastEventId;
    const response = await fetch(`${base}/api/v1/live`, { headers, signal: controller.signal });
    const stream = new Stream(response.status, response.headers.get('content-type'), controller);
    if (response.status === 200 && response.body) void stream.pump(response.body);
    else await response.body?.cancel();
    return stream;
  }

  private async pump(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body) {
        buffer += decoder.decode(chunk, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          this.parse(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
        this.wake();
      }
    } catch {
      // aborted by close()
    }
    this.ended = true;
    this.wake();
  }

  private parse(block: string): void {
    const fields: Record<string, string> = {};
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) this.comments.push(line.slice(1).trim());
      else {
        const colon = line.indexOf(':');
        if (colon > 0) fields[line.slice(0, colon)] = line.slice(colon + 1).trimStart();
      }
    }
    if (fields.data !== undefined && fields.id !== undefined && fields.event !== undefined) {
      this.messages.push({ id: fields.id, event: fields.event, data: JSON.parse(fields.data) });
    }
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Resolves when `check` holds (re-checked on every chunk); the test's own timeout fails a wait that never ends. */
  async until(check: () => boolean): Promise<void> {
    while (!check()) {
      if (this.ended) throw new Error('the stream ended first');
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  async untilEnded(): Promise<void> {
    while (!this.ended) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  kinds(caseId: string): string[] {
    return this.messages.filter((m) => m.data.caseId === caseId).map((m) => m.data.kind);
  }

  close(): void {
    this.controller.abort();
  }
}

describe('uuidV7Floor', () => {
  it('sorts below every UUIDv7 of that millisecond and above the ones before', () => {
    const ms = Date.UTC(2026, 10, 28, 13, 0, 0);
    const floor = uuidV7Floor(ms);
    const hex = ms.toString(16).padStart(12, '0');
    expect(floor < `${hex.slice(0, 8)}-${hex.slice(8)}-7000-8000-000000000000`).toBe(true);
    const before = (ms - 1).toString(16).padStart(12, '0');
    expect(`${before.slice(0, 8)}-${before.slice(8)}-7fff-bfff-ffffffffffff` < floor).toBe(true);
  });
});

describeEachDialect('live stream', (getDb) => {
  let app: App;
  let base: string;
  // Another process's connection: what it writes reaches the stream only through the poller.
  let other: OpenDatabase;
  let reporter: TestCitizen;
  let stranger: TestCitizen;
  let officerUs: string;
  let officerJp: string;
  const open: Stream[] = [];
  const stream = async (cookie: string | null, lastEventId?: string) => {
    const s = await Stream.open(base, cookie, lastEventId);
    open.push(s);
    return s;
  };
  const helpRequest = async (cookie: string, country: 'US' | 'JP') =>
    followHelpRequest(
      app,
      cookie,
      await app.inject({
        method: 'POST',
        url: '/api/v1/help-requests',
        headers: { ...JSON_WRITE, cookie },
        payload: {
          category: 'accident',
          urgency: 'urgent',
          forSelf: true,
          subjectName: 'ZHAO LEI',
          contactPhone: '+1 202 555 0111',
          description: 'Hurt in a road accident',
          location:
            country === 'US'
              ? { country: 'US', region: 'US-DC', cityId: WASHINGTON_DC, source: 'search' }
              : { country: 'JP', source: 'search' },
        },
      }),
    );

  beforeAll(async () => {
    app = await buildTestApp(getDb());
    liveHubFor(app.ctx.db, { pollMs: 100, heartbeatMs: 300 });
    base = (await app.listen({ port: 0, host: '127.0.0.1' })).replace('[::1]', '127.0.0.1');
    other = await openDatabase(getDb().config.database);
    reporter = await newCitizen(app, 'live');
    stranger = await newCitizen(app, 'live-other');
    officerUs = await signInAs(app, 'officer.us@demo.homeward.example', DEMO_PASSWORD);
    officerJp = await signInAs(app, 'officer.jp@demo.homeward.example', DEMO_PASSWORD);
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await app.close();
    await other.close();
  });

  it('tells the reporter and the mission about a case, not other citizens or missions', async () => {
    const mine = await stream(reporter.cookie);
    const theirs = await stream(stranger.cookie);
    const us = await stream(officerUs);
    const jp = await stream(officerJp);
    expect(mine.status).toBe(200);
    expect(mine.contentType).toBe('text/event-stream; charset=utf-8');

    const created = await helpRequest(reporter.cookie, 'US');
    expect(created.statusCode).toBe(200);
    const kase = created.json().case;
    // A staff reply and an internal note written by another process.
    await appendCaseEvent(other.db, {
      caseId: kase.id,
      kind: 'note',
      visibility: 'internal',
      authorUserId: null,
      authorKind: 'staff',
      body: 'called the hospital',
    });
    await appendCaseEvent(other.db, {
      caseId: kase.id,
      kind: 'message',
      visibility: 'citizen',
      authorUserId: null,
      authorKind: 'staff',
      body: '我们已联系医院。We have called the hospital.',
    });
    await mine.until(() => mine.kinds(kase.id).includes('message'));
    await us.until(() => us.kinds(kase.id).includes('message'));
    expect(mine.kinds(kase.id)).toEqual(['created', 'message']);
    expect(us.kinds(kase.id)).toEqual(['created', 'note', 'message']);
    expect(mine.messages[0]).toMatchObject({
      event: 'case',
      data: { caseId: kase.id, kind: 'created', missionCode: 'US-WAS', priority: 'P2', number: kase.number },
    });
    expect(mine.messages[0]?.id).toBe(mine.messages[0]?.data.eventId);

    // The stranger's own later case reaches them and Tokyo: by then anything of the first case would have too.
    const marker = (await helpRequest(stranger.cookie, 'JP')).json().case;
    await theirs.until(() => theirs.kinds(marker.id).includes('created'));
    await jp.until(() => jp.kinds(marker.id).includes('created'));
    expect(theirs.messages.map((m) => m.data.caseId)).toEqual([marker.id]);
    // Tokyo's stream may also start with the demo's own Tokyo cases when they were seeded less than the stream's
    // 5 s look-back before it opened (a fast run); what matters is that the Washington case never reached it.
    expect(jp.messages.map((m) => m.data.caseId)).toContain(marker.id);
    expect(jp.kinds(kase.id)).toEqual([]);
    expect(us.kinds(marker.id)).toEqual([]);
    expect(mine.kinds(marker.id)).toEqual([]);

    // A transaction that committed late: its event id is older than ones already sent, and still arrives once.
    const lastMs = Number.parseInt((mine.messages.at(-1)?.id ?? '').replaceAll('-', '').slice(0, 12), 16);
    const late = v7({ msecs: lastMs - 1 });
    expect(late < (mine.messages.at(-1)?.id ?? '')).toBe(true);
    await other.db
      .insertInto('caseEvents')
      .values({
        id: late,
        caseId: kase.id,
        kind: 'status',
        visibility: 'citizen',
        authorUserId: null,
        authorKind: 'staff',
        body: null,
        data: JSON.stringify({ from: 'new', to: 'triaged' }),
        createdAt: new Date().toISOString(),
      })
      .execute();
    await mine.until(() => mine.kinds(kase.id).includes('status'));
    expect(mine.kinds(kase.id)).toEqual(['created', 'message', 'status']);

    // Reconnecting after the created event replays what came since, and only what the citizen may see.
    const resumed = await stream(reporter.cookie, mine.messages[0]?.id);
    await resumed.until(() => resumed.kinds(kase.id).includes('message'));
    // In id order: the late status event sorts before the message.
    expect(resumed.kinds(kase.id)).toEqual(['status', 'message']);
    expect(resumed.messages).toHaveLength(2);
    for (const s of [mine, theirs, us, jp, resumed]) s.close();
  });

  it('sends heartbeats and ends the stream when the session ends', async () => {
    const citizen = await newCitizen(app, 'live-heartbeat');
    const s = await stream(citizen.cookie);
    await s.until(() => s.comments.includes('heartbeat'));
    const signedOut = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-out',
      headers: { ...JSON_WRITE, cookie: citizen.cookie },
    });
    expect(signedOut.statusCode).toBeLessThan(300);
    await s.untilEnded();
    expect(s.ended).toBe(true);
  });

  it('bounds the streams per person and refuses anonymous callers', async () => {
    const citizen = await newCitizen(app, 'live-bound');
    const streams = await Promise.all(Array.from({ length: 5 }, () => stream(citizen.cookie)));
    expect(streams.map((s) => s.status)).toEqual([200, 200, 200, 200, 200]);
    const sixth = await stream(citizen.cookie);
    expect(sixth.status).toBe(429);
    streams[0]?.close();
    await new Promise<void>((resolve) => setImmediate(resolve));
    // The server notices the closed connection; the next attempt gets in.
    let again = await stream(citizen.cookie);
    while (again.status === 429) again = await stream(citizen.cookie);
    expect(again.status).toBe(200);
    expect((await stream(null)).status).toBe(401);
    for (const s of [...streams, again]) s.close();
  });
});
