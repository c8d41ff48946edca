import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseCap } from '@homeward/cap';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, JSON_WRITE, signInAs } from '../../../test/support/app.ts';
import { describeEachDialect } from '../../../test/support/db.ts';
import type { Db } from '../../db/schema.ts';
import type { App } from '../../http/app-types.ts';
import { DEMO_PASSWORD } from '../demo/demo.accounts.ts';
import { type CapFeedsConfig, capFeedsConfigFrom } from './alerts.config.ts';
import { CAP_POLL_JOB, capPollHandlers, pollCapFeed } from './alerts.poll.ts';

// The project's CAP test data (sources and licences: packages/cap/test/fixtures/SOURCES.md).
const FIXTURES = new URL('../../../../../packages/cap/test/fixtures/alerts/', import.meta.url);
const ENTRIES = ['spec-a3-earthquake.xml', 'us-noaa-wcatwc-tsunami-warning.xml', 'au-nsw-rfs-structure-fire-2011.xml'];
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES));
const silent = pino({ level: 'silent' });

/** A partner's CAP server: an Atom feed with an ETag, an RSS feed, single documents, and a broken one. */
function startCapServer() {
  const hits: string[] = [];
  let feedVersion = 'v1';
  const atom = (base: string) => `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Partner alerts</title><id>urn:test:feed</id><updated>2026-11-28T10:00:00Z</updated>
  ${ENTRIES.map(
    (name) => `<entry><id>urn:test:${name}</id><title>${name}</title><updated>2026-11-28T10:00:00Z</updated>
    <link rel="alternate" type="text/html" href="${base}/page/${name}"/>
    <link rel="related" type="application/cap+xml" href="/cap/${name}"/></entry>`,
  ).join('\n')}
  <entry><id>urn:test:elsewhere</id><title>x</title><updated>2026-11-28T10:00:00Z</updated>
    <link type="application/cap+xml" href="http://elsewhere.invalid/cap.xml"/></entry>
</feed>`;
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    hits.push(url);
    const base = `http://${req.headers.host}`;
    if (url === '/feed.atom') {
      const etag = `"${feedVersion}"`;
      if (req.headers['if-none-match'] === etag) return res.writeHead(304, { etag }).end();
      return res.writeHead(200, { 'content-type': 'application/atom+xml', etag }).end(atom(base));
    }
    if (url === '/feed.rss')
      return res
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end(
          `<rss version="2.0"><channel><title>t</title><item><title>quake</title><link>${base}/cap/spec-a3-earthquake.xml</link></item></channel></rss>`,
        );
    if (url === '/single.xml') {
      const modified = 'Sat, 28 Nov 2026 09:00:00 GMT';
      if (req.headers['if-modified-since'] === modified) return res.writeHead(304).end();
      return res
        .writeHead(200, { 'content-type': 'application/cap+xml', 'last-modified': modified })
        .end(fixture('gb-metoffice-ni.xml'));
    }
    if (url === '/again.xml') return res.writeHead(200).end(fixture('gb-metoffice-ni.xml'));
    if (url === '/broken.xml')
      return res.writeHead(200).end('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>');
    if (url === '/not-cap.xml') return res.writeHead(200).end(fixture('neg-invalid-minimal.xml'));
    if (url === '/huge.xml') return res.writeHead(200).end(Buffer.alloc(70_000, 32));
    const cap = /^\/cap\/([\w.-]+)$/.exec(url)?.[1];
    if (cap && ENTRIES.includes(cap))
      return res.writeHead(200, { 'content-type': 'application/cap+xml' }).end(fixture(cap));
    return res.writeHead(404).end();
  });
  return {
    hits,
    setFeedVersion: (v: string) => {
      feedVersion = v;
    },
    listen: () =>
      new Promise<string>((r) =>
        server.listen(0, '127.0.0.1', () => r(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
      ), // boundary: TCP server
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describeEachDialect('polling configured CAP sources', (getDb) => {
  const partner = startCapServer();
  let base = '';
  let db: Db;
  let app: App;
  let cookie = '';
  let cfg: CapFeedsConfig;
  const feed = async (url: string) =>
    db.selectFrom('capFeeds').selectAll().where('url', '=', url).executeTakeFirstOrThrow();
  const signalCount = async () =>
    Number(
      (
        await db
          .selectFrom('incomingSignals')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    base = await partner.listen();
    db = getDb().db;
    const urls = ['feed.atom', 'feed.rss', 'single.xml', 'again.xml', 'broken.xml', 'not-cap.xml', 'huge.xml'];
    process.env.HOMEWARD_CAP_FEEDS = urls.map((u) => `${base}/${u}`).join(',');
    cfg = { ...capFeedsConfigFrom(process.env), maxBytes: 64_000 };
    app = await buildTestApp(getDb());
    cookie = await signInAs(app, 'alerts@demo.homeward.example', DEMO_PASSWORD);
  });
  afterAll(async () => {
    delete process.env.HOMEWARD_CAP_FEEDS;
    await app.close();
    await partner.close();
  });

  it('records the alerts of an Atom feed once, sends If-None-Match and does nothing more on 304', async () => {
    const before = await signalCount();
    await capPollHandlers(cfg)[CAP_POLL_JOB]({ db, log: silent, job: {} as never }, {}); // boundary: no job field read
    const expected = ENTRIES.flatMap((name) => parseCap(fixture(name))).length;
    const atom = await feed(`${base}/feed.atom`);
    expect(atom).toMatchObject({ lastStatus: 200, fetches: 1, signals: expected, etag: '"v1"' });
    // The entry on another host is not fetched, and says so.
    expect(atom.lastError).toContain('elsewhere.invalid');
    const polled = await db
      .selectFrom('incomingSignals')
      .select(['origin', 'originUrl', 'identifier'])
      .where('originUrl', 'like', `${base}/cap/%`)
      .execute();
    expect(polled).toHaveLength(expected);
    expect(polled.every((s) => s.origin === 'poll')).toBe(true);
    expect(partner.hits.filter((h) => h.startsWith('/page/'))).toEqual([]);

    // Due again: the feed answers 304 to the stored ETag; no entry is fetched again, nothing else changes.
    const entryHits = partner.hits.filter((h) => h.startsWith('/cap/')).length;
    const afterFirst = await signalCount();
    await pollCapFeed(db, cfg, `${base}/feed.atom`);
    expect(await feed(`${base}/feed.atom`)).toMatchObject({ lastStatus: 304, fetches: 2, signals: expected });
    expect(partner.hits.filter((h) => h.startsWith('/cap/')).length).toBe(entryHits);
    expect(await signalCount()).toBe(afterFirst);
    expect(afterFirst).toBeGreaterThan(before);

    // The feed changes (a new ETag) but lists the same documents: those already recorded are not fetched again.
    partner.setFeedVersion('v2');
    await pollCapFeed(db, cfg, `${base}/feed.atom`);
    expect(await feed(`${base}/feed.atom`)).toMatchObject({ lastStatus: 200, etag: '"v2"', signals: expected });
    expect(partner.hits.filter((h) => h.startsWith('/cap/')).length).toBe(entryHits);

    // The scheduler's next tick polls nothing: every source's interval has not passed.
    const hits = partner.hits.length;
    await capPollHandlers(cfg)[CAP_POLL_JOB]({ db, log: silent, job: {} as never }, {}); // boundary: as above
    expect(partner.hits.length).toBe(hits);
  });

  it('keeps a single document once across polls and sources, with Last-Modified, RSS links and a prefilled draft', async () => {
    const single = await feed(`${base}/single.xml`);
    expect(single).toMatchObject({ lastStatus: 200, signals: 1, lastModified: 'Sat, 28 Nov 2026 09:00:00 GMT' });
    await pollCapFeed(db, cfg, `${base}/single.xml`);
    expect(await feed(`${base}/single.xml`)).toMatchObject({ lastStatus: 304, signals: 1, fetches: 2 });
    // The same alert from a source without validators: read again, recorded once (sender, identifier, sent).
    const count = await signalCount();
    expect(await feed(`${base}/again.xml`)).toMatchObject({ lastStatus: 200, signals: 0, lastError: null });
    await pollCapFeed(db, cfg, `${base}/again.xml`);
    expect(await feed(`${base}/again.xml`)).toMatchObject({ fetches: 2, signals: 0 });
    expect(await signalCount()).toBe(count);
    // The RSS item links a document the Atom feed already gave.
    expect(await feed(`${base}/feed.rss`)).toMatchObject({ lastStatus: 200, signals: 0, lastError: null });

    const page = await app.inject({ url: '/api/v1/alerts/signals', headers: { ...JSON_WRITE, cookie } });
    const item = page.json().items.find((s: { originUrl: string | null }) => s.originUrl === `${base}/single.xml`);
    expect(item).toMatchObject({ origin: 'poll', draft: { texts: expect.any(Object) } });
  });

  it('records a malformed or non-CAP document and an oversized one as the source error, changing nothing else', async () => {
    for (const name of ['broken.xml', 'not-cap.xml', 'huge.xml']) {
      const row = await feed(`${base}/${name}`);
      expect(row).toMatchObject({ signals: 0, lastSuccessAt: null, etag: null, fetches: 1 });
      expect(row.lastError).toMatch(name === 'huge.xml' ? /larger than 64000 bytes/ : /not|CAP/);
      expect(row.lastErrorAt).not.toBeNull();
    }
    expect((await feed(`${base}/broken.xml`)).lastError).toMatch(/well-formed/);
    const count = await signalCount();
    await pollCapFeed(db, cfg, `${base}/broken.xml`);
    expect(await feed(`${base}/broken.xml`)).toMatchObject({ fetches: 2, signals: 0 });
    expect(await signalCount()).toBe(count);
  });

  it('shows alert managers each source with its last fetch, last error and count; others are refused', async () => {
    const res = await app.inject({ url: '/api/v1/alerts/signals/feeds', headers: { ...JSON_WRITE, cookie } });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.pollEverySeconds).toBe(300);
    expect(body.items.map((i: { url: string }) => i.url)).toEqual(cfg.feeds);
    expect(body.items.find((i: { url: string }) => i.url === `${base}/broken.xml`)).toMatchObject({
      signals: 0,
      lastError: expect.stringMatching(/well-formed/),
    });
    const agent = await signInAs(app, 'agent@demo.homeward.example', DEMO_PASSWORD);
    const refused = await app.inject({
      url: '/api/v1/alerts/signals/feeds',
      headers: { ...JSON_WRITE, cookie: agent },
    });
    expect(refused.statusCode).toBe(403);
  });
});
