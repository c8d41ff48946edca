import { type CapAlert, decodeXml, isCapError, parseCap, parseXmlTree, type XmlElement } from '@homeward/cap';
import type { CapFeedStatusList } from '@homeward/shared';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database, Db } from '../../db/schema.ts';
import { ProblemError } from '../../http/problem.ts';
import type { JobHandler } from '../../jobs/jobs.worker.ts';
import type { Actor } from '../../policy/actor.ts';
import { canWriteAlerts } from '../../policy/alerts.policy.ts';
import type { CapFeedsConfig } from './alerts.config.ts';
import { ensureFeeds, listFeeds, polledFromUrl, recordFeedError, recordFeedSuccess } from './alerts.repo.ts';
import { recordCapAlerts } from './alerts.signals.ts';

export const CAP_POLL_JOB = 'alert.cap_poll';
/** How often the recurring scheduler asks; each source is fetched when its own interval has passed. */
export const CAP_POLL_EVERY_MS = 60_000;

const ATOM = 'http://www.w3.org/2005/Atom';
const ACCEPT =
  'application/atom+xml, application/rss+xml, application/cap+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1';

/** A fetch or a document that went wrong: its one line becomes the feed's last error. */
class FeedError extends Error {
  constructor(
    message: string,
    readonly status: number | null = null,
  ) {
    super(message);
  }
}

interface Fetched {
  status: number;
  body: Uint8Array | null;
  etag: string | null;
  lastModified: string | null;
}

/** One GET with a time limit and a size bound; 304 has no body. Never follows a redirect off http(s). */
async function fetchBounded(url: string, cfg: CapFeedsConfig, headers: Record<string, string>): Promise<Fetched> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: ACCEPT, 'user-agent': 'Homeward CAP poller', ...headers },
      signal: AbortSignal.timeout(cfg.timeoutMs),
      redirect: 'follow',
    });
  } catch (error) {
    const reason = error instanceof Error && error.name === 'TimeoutError' ? 'timed out' : 'could not be reached';
    throw new FeedError(`${url} ${reason}`);
  }
  const meta = { etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified') };
  if (response.status === 304) return { status: 304, body: null, ...meta };
  if (!response.ok) {
    await response.body?.cancel();
    throw new FeedError(`${url} answered HTTP ${response.status}`, response.status);
  }
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > cfg.maxBytes) {
    await response.body?.cancel();
    throw new FeedError(`${url} is larger than ${cfg.maxBytes} bytes`, response.status);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  for (;;) {
    const part = reader ? await reader.read() : { done: true as const, value: undefined };
    if (part.done) break;
    size += part.value.byteLength;
    if (size > cfg.maxBytes) {
      await reader?.cancel();
      throw new FeedError(`${url} is larger than ${cfg.maxBytes} bytes`, response.status);
    }
    chunks.push(part.value);
  }
  return { status: response.status, body: Buffer.concat(chunks), ...meta };
}

const childrenNamed = (el: XmlElement, local: string) => el.children.filter((c) => c.local === local);
const attr = (el: XmlElement, local: string) => el.attributes.find((a) => a.local === local)?.value ?? null;
const isCapType = (type: string | null) => type !== null && /cap|xml/i.test(type);

/**
 * The CAP documents an Atom or RSS feed links to (absolute URLs, as listed), or null when the document is not a
 * feed (then it is read as CAP itself). Atom: per entry, a link typed as CAP/XML, else the alternate link. RSS: an
 * enclosure typed as CAP/XML, else the item's link.
 */
export function entriesOf(root: XmlElement, base: string): string[] | null {
  const links: (string | null)[] = [];
  if (root.local === 'feed' && root.uri === ATOM) {
    for (const entry of childrenNamed(root, 'entry')) {
      const all = childrenNamed(entry, 'link');
      const typed = all.find((l) => isCapType(attr(l, 'type')));
      const alternate = all.find((l) => (attr(l, 'rel') ?? 'alternate') === 'alternate');
      links.push(attr(typed ?? alternate ?? all[0] ?? entry, 'href'));
    }
  } else if (root.local === 'rss') {
    for (const item of childrenNamed(root, 'channel').flatMap((c) => childrenNamed(c, 'item'))) {
      const enclosure = childrenNamed(item, 'enclosure').find((e) => isCapType(attr(e, 'type')));
      links.push(enclosure ? attr(enclosure, 'url') : (childrenNamed(item, 'link')[0]?.text.trim() ?? null));
    }
  } else return null;
  const out: string[] = [];
  for (const link of links) {
    if (!link) continue;
    try {
      out.push(new URL(link, base).toString());
    } catch {
      // A link that is not a URL is skipped; the feed's other entries still count.
    }
  }
  return [...new Set(out)];
}

function reasonOf(error: unknown): string {
  if (error instanceof FeedError) return error.message;
  if (isCapError(error)) return `not acceptable CAP 1.2: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

function readCap(body: Uint8Array, cfg: CapFeedsConfig): CapAlert[] {
  return parseCap(body, { maxBytes: cfg.maxBytes });
}

/**
 * Fetches one configured source (conditional GET with the validators it last answered) and records what is new
 * as incoming signals, deduplicated by (sender, identifier, sent). A feed's entries are fetched only on the
 * feed's own host (a feed cannot aim the server at other addresses) and only when no signal came from that URL
 * before. Anything that goes wrong is the source's last error and changes nothing else.
 */
export async function pollCapFeed(db: Kysely<Database>, cfg: CapFeedsConfig, url: string): Promise<void> {
  const [row] = await listFeeds(db, [url]);
  const conditional: Record<string, string> = {};
  if (row?.etag) conditional['if-none-match'] = row.etag;
  if (row?.lastModified) conditional['if-modified-since'] = row.lastModified;
  const source = { actor: null, ip: null };
  try {
    const fetched = await fetchBounded(url, cfg, conditional);
    if (fetched.status === 304 || !fetched.body) {
      await recordFeedSuccess(db, url, { status: 304, inserted: 0, error: row?.lastError ?? null });
      return;
    }
    let root: XmlElement;
    try {
      root = parseXmlTree(decodeXml(fetched.body, cfg.maxBytes), { maxDepth: 64, deadline: Date.now() + 2000 });
    } catch (error) {
      throw new FeedError(`${url} is ${isCapError(error) ? error.message : 'not XML'}`, fetched.status);
    }
    const entries = entriesOf(root, url);
    let inserted = 0;
    const problems: string[] = [];
    if (entries === null) {
      const alerts = readCap(fetched.body, cfg);
      inserted += (await recordCapAlerts(db, null, alerts, { origin: 'poll', originUrl: url }, source)).inserted;
    } else {
      const origin = new URL(url).origin;
      for (const entry of entries.slice(0, cfg.maxEntries)) {
        if (new URL(entry).origin !== origin) {
          problems.push(`${entry} is not on the feed's host; not fetched`);
          continue;
        }
        if (await polledFromUrl(db, entry)) continue;
        try {
          const document = await fetchBounded(entry, cfg, {});
          if (!document.body) continue;
          const alerts = readCap(document.body, cfg);
          inserted += (await recordCapAlerts(db, null, alerts, { origin: 'poll', originUrl: entry }, source)).inserted;
        } catch (error) {
          problems.push(`entry ${reasonOf(error)}`);
        }
      }
    }
    await recordFeedSuccess(db, url, {
      status: fetched.status,
      etag: fetched.etag,
      lastModified: fetched.lastModified,
      inserted,
      error: problems.length > 0 ? problems.join('; ').slice(0, 1000) : null,
    });
  } catch (error) {
    await recordFeedError(db, url, reasonOf(error).slice(0, 1000), error instanceof FeedError ? error.status : null);
  }
}

/** Polls every configured source whose interval has passed, one after the other. */
export async function pollCapFeeds(db: Kysely<Database>, cfg: CapFeedsConfig, log: Logger): Promise<number> {
  if (cfg.feeds.length === 0) return 0;
  await ensureFeeds(db, cfg.feeds);
  const now = Date.now();
  const rows = new Map((await listFeeds(db, cfg.feeds)).map((r) => [r.url, r]));
  let polled = 0;
  for (const url of cfg.feeds) {
    const last = rows.get(url)?.lastFetchedAt;
    // A few seconds of slack: the scheduler's minute tick should not push a source a whole tick late.
    if (last && Date.parse(last) + cfg.pollEveryMs - 5000 > now) continue;
    await pollCapFeed(db, cfg, url);
    polled += 1;
  }
  if (polled > 0) log.info({ polled }, 'CAP sources polled');
  return polled;
}

export function capPollHandlers(cfg: CapFeedsConfig) {
  const run: JobHandler = async ({ db, log }) => {
    await pollCapFeeds(db, cfg, log);
  };
  return { [CAP_POLL_JOB]: run } satisfies Record<string, JobHandler>;
}

/** The configured sources and how their last fetches went, for alert managers (the console's signals view). */
export async function viewCapFeeds(db: Db, actor: Actor, cfg: CapFeedsConfig): Promise<CapFeedStatusList> {
  if (!canWriteAlerts(actor)) throw new ProblemError(403, 'forbidden');
  const rows = new Map((await listFeeds(db, cfg.feeds)).map((r) => [r.url, r]));
  return {
    pollEverySeconds: cfg.pollEveryMs / 1000,
    items: cfg.feeds.map((url) => {
      const r = rows.get(url);
      return {
        url,
        lastFetchedAt: r?.lastFetchedAt ?? null,
        lastSuccessAt: r?.lastSuccessAt ?? null,
        lastStatus: r?.lastStatus ?? null,
        lastError: r?.lastError ?? null,
        lastErrorAt: r?.lastErrorAt ?? null,
        fetches: r?.fetches ?? 0,
        signals: r?.signals ?? 0,
      };
    }),
  };
}
