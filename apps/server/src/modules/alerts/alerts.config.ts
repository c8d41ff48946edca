import { ConfigError } from '../../config.ts';

/** The CAP sources the worker polls (decision 0025); read from the environment next to the main Config. */
export interface CapFeedsConfig {
  /**
   * HOMEWARD_CAP_FEEDS: http(s) URLs separated by spaces, commas or new lines, each an Atom or RSS feed of CAP
   * entries or a single CAP document (an alert, an `<alerts>` wrapper or an EDXL-DE envelope).
   */
  feeds: string[];
  /** HOMEWARD_CAP_POLL_SECONDS: how often each source is fetched (default 300, at least 60). */
  pollEveryMs: number;
  /** Time allowed for one HTTP request (10 s). */
  timeoutMs: number;
  /** Largest feed or CAP document read (5 MiB, as the CAP parser's default). */
  maxBytes: number;
  /** CAP documents fetched from one feed per poll (the newest first, as feeds list them). */
  maxEntries: number;
}

type Env = Record<string, string | undefined>;

export function capFeedsConfigFrom(env: Env): CapFeedsConfig {
  const feeds = [
    ...new Set(
      (env.HOMEWARD_CAP_FEEDS ?? '')
        .split(/[\s,]+/)
        .map((u) => u.trim())
        .filter(Boolean),
    ),
  ];
  for (const url of feeds) {
    let parsed: URL | null = null;
    try {
      parsed = new URL(url);
    } catch {
      parsed = null;
    }
    if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.username || parsed.password)
      throw new ConfigError(`HOMEWARD_CAP_FEEDS: "${url.slice(0, 80)}" is not an http(s) URL without credentials`);
  }
  const raw = env.HOMEWARD_CAP_POLL_SECONDS?.trim();
  const seconds = raw ? Number(raw) : 300;
  if (!Number.isInteger(seconds) || seconds < 60 || seconds > 86_400)
    throw new ConfigError(`HOMEWARD_CAP_POLL_SECONDS must be a whole number from 60 to 86400 (got "${raw}")`);
  return { feeds, pollEveryMs: seconds * 1000, timeoutMs: 10_000, maxBytes: 5 * 1024 * 1024, maxEntries: 50 };
}
