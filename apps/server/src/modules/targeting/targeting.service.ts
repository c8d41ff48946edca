import { dialectOf } from '../../db/dialect/dialect.ts';
import { type AreaPresenceRow, areaPresencesQuery } from '../../db/dialect/postgres.targeting.ts';
import { streamCursor } from '../../db/dialect/postgres.ts';
import type { Db } from '../../db/schema.ts';
import type { ChannelKind } from '../../db/tables/registry.table.ts';
import { type CompiledArea, compileArea, containsPlace, firstSourceKind, inShapes } from './targeting.area.ts';
import {
  anySites,
  listContacts,
  listCurrentPresences,
  listSitesOfStaff,
  listSubscriptions,
  type PresenceRow,
  type ScanCursor,
  type StaffRow,
  scanPresences,
  scanSites,
  scanStaff,
  scanSubscribers,
} from './targeting.repo.ts';
import { AreaError, validateArea, validateAt } from './targeting.validate.ts';

export type RecipientReason = 'present' | 'site_staff' | 'subscriber';

export interface RecipientChannel {
  kind: ChannelKind;
  address: string;
  verified: boolean;
}

/**
 * Someone to reach. For a dependent, `personId` is the dependent's id, `dependentOf` the registered person who
 * answers for them, and `channels` and `locale` are that person's.
 */
export interface Recipient {
  personId: string;
  dependentOf?: string;
  channels: RecipientChannel[];
  locale: string;
  reason: RecipientReason;
}

interface Found {
  personId: string;
  dependentOf?: string;
  reason: RecipientReason;
  /** Language and channels, when the scan that found them already read them. */
  contact?: { locale: string; channels: RecipientChannel[] };
}

export interface TargetOptions {
  /** The moment asked about; a presence counts on the UTC dates from its arrival to its departure. */
  at: string | Date;
  /** Recipients per yielded batch (1 to 10,000; default 1,000). */
  batchSize?: number;
  /** Rows read per index page (default 2,000); memory is bounded by it, whatever the result size. */
  pageSize?: number;
}

const subjectKey = (p: PresenceRow) => `${p.personId}/${p.dependentId ?? ''}`;

/**
 * "Where am I now": of the presences current on the day, a trip overrides a residence (someone living in Lyon
 * and travelling in Spain this week is in Spain). Returns, per subject (person or dependent) in the area, the
 * smallest id among their current presences in the area: the one presence by which the engine counts them.
 */
function canonicalPresences(area: CompiledArea, current: readonly PresenceRow[]): Map<string, string> {
  const bySubject = new Map<string, PresenceRow[]>();
  for (const p of current) {
    const list = bySubject.get(subjectKey(p)) ?? [];
    list.push(p);
    bySubject.set(subjectKey(p), list);
  }
  const canonical = new Map<string, string>();
  for (const [key, list] of bySubject) {
    const trips = list.filter((p) => p.kind === 'trip');
    for (const p of trips.length > 0 ? trips : list) {
      if (!containsPlace(area, p)) continue;
      const best = canonical.get(key);
      if (best === undefined || p.id < best) canonical.set(key, p.id);
    }
  }
  return canonical;
}

const unique = (ids: Iterable<string>) => [...new Set(ids)];

/** Which of these persons are themselves (not through a dependent) in the area on the day. */
async function presentPersons(db: Db, area: CompiledArea, day: string, personIds: string[]): Promise<Set<string>> {
  const canonical = canonicalPresences(area, await listCurrentPresences(db, personIds, day));
  return new Set(personIds.filter((id) => canonical.has(`${id}/`)));
}

/** Per person, the smallest id of the sites in the area where they work. */
async function canonicalSites(db: Db, area: CompiledArea, personIds: string[]): Promise<Map<string, string>> {
  const canonical = new Map<string, string>();
  for (const site of await listSitesOfStaff(db, personIds)) {
    if (!containsPlace(area, site)) continue;
    const best = canonical.get(site.personId);
    if (best === undefined || site.id < best) canonical.set(site.personId, site.id);
  }
  return canonical;
}

const byKindAndAddress = (a: RecipientChannel, b: RecipientChannel) =>
  a.kind === b.kind ? (a.address < b.address ? -1 : a.address > b.address ? 1 : 0) : a.kind < b.kind ? -1 : 1;

// PostgreSQL reads the area in this many disjoint parts (by person) at once, each on its own connection: the
// per-row lookups are the cost, and two server processes do them in about half the time.
const PARALLEL_CURSORS = 2;

/** Yields what any of the streams yields, as soon as it does; ends when all have ended. */
async function* merged<T>(streams: AsyncGenerator<T>[]): AsyncGenerator<T> {
  const pull = (i: number, stream: AsyncGenerator<T>) => stream.next().then((result) => ({ i, stream, result }));
  const live = new Map(streams.map((stream, i) => [i, pull(i, stream)]));
  try {
    while (live.size > 0) {
      const { i, stream, result } = await Promise.race(live.values());
      if (result.done) live.delete(i);
      else {
        live.set(i, pull(i, stream));
        yield result.value;
      }
    }
  } finally {
    // Ended early (the caller stopped, or a stream failed): let pending reads settle, then close every stream.
    await Promise.allSettled(live.values());
    await Promise.allSettled(streams.map((s) => s.return(undefined)));
  }
}

/**
 * PostgreSQL: one query over the whole area through a server-side cursor, sorted by subject, each row with its
 * person's language and channels and whether its subject is on a trip that day (so a residence does not count).
 * A subject's presences arrive together: the smallest id of those that count and lie in the area wins.
 */
async function* presentSubjectsByCursor(
  db: Db,
  area: CompiledArea,
  day: string,
  size: number,
  part: { index: number; of: number },
): AsyncGenerator<Found[]> {
  const query = areaPresencesQuery({
    countries: [...area.countries],
    regions: [...area.regions],
    ranges: area.sources.flatMap((s) => (s.kind === 'cells' ? [s.range] : [])),
    day,
    part,
  });
  // The subject being read (its rows may span two fetches): its channels, read off the rows of its first presence,
  // and its best presence so far.
  let subject: string | null = null;
  let first: string | null = null;
  let channels: RecipientChannel[] = [];
  let best: AreaPresenceRow | null = null;
  let checked: string | null = null;
  // Plain object literals, no spreads: this runs once per recipient, half a million times for a large area.
  const found = (r: AreaPresenceRow): Found => {
    if (channels.length > 1) channels.sort(byKindAndAddress);
    const contact = { locale: r.locale, channels };
    return r.dependentId
      ? { personId: r.dependentId, dependentOf: r.personId, reason: 'present', contact }
      : { personId: r.personId, reason: 'present', contact };
  };
  // The settings keep the planner from spending longer compiling (JIT) than running, and the sort in memory.
  for await (const rows of streamCursor(db.withoutPlugins(), query, size, { jit: 'off', work_mem: '64MB' })) {
    const out: Found[] = [];
    for (const r of rows) {
      const key = `${r.personId}/${r.dependentId ?? ''}`;
      if (key !== subject) {
        if (best) out.push(found(best));
        subject = key;
        first = r.id;
        channels = [];
        best = null;
      }
      if (r.id === first && r.channelKind !== null && r.address !== null)
        channels.push({ kind: r.channelKind, address: r.address, verified: r.verified === true });
      if (r.id === checked) continue;
      checked = r.id;
      if (
        (r.kind === 'trip' || !r.away) &&
        (r.named || inShapes(area, r.lat, r.lon)) &&
        (best === null || r.id < best.id)
      )
        best = r;
    }
    yield out;
  }
  if (best) yield [found(best)];
}

async function* presentSubjects(db: Db, area: CompiledArea, day: string, size: number): AsyncGenerator<Found[]> {
  // The cursors need transactions of their own: inside a caller's transaction, walk the indexes page by page.
  if (dialectOf(db).name === 'postgres' && !db.isTransaction) {
    const of = PARALLEL_CURSORS;
    yield* merged(
      Array.from({ length: of }, (_, index) => presentSubjectsByCursor(db, area, day, size, { index, of })),
    );
    return;
  }
  for (const source of area.sources) {
    let after: ScanCursor | null = null;
    for (;;) {
      const rows = await scanPresences(db, source, day, after, size);
      const last = rows[rows.length - 1];
      if (!last) break;
      after = { cell: last.cell, id: last.id };
      const hits = rows.filter((r) => firstSourceKind(area, r) === source.kind && containsPlace(area, r));
      // Someone with no other current presence is counted by this one; the others need their whole picture.
      const shared = hits.filter((r) => r.hasOthers);
      const canonical = canonicalPresences(
        area,
        await listCurrentPresences(db, unique(shared.map((r) => r.personId)), day),
      );
      yield hits
        .filter((r) => !r.hasOthers || canonical.get(subjectKey(r)) === r.id)
        .map((r) =>
          r.dependentId
            ? { personId: r.dependentId, dependentOf: r.personId, reason: 'present' as const }
            : { personId: r.personId, reason: 'present' as const },
        );
      if (rows.length < size) break;
    }
  }
}

async function* siteStaff(db: Db, area: CompiledArea, day: string, size: number): AsyncGenerator<Found[]> {
  if (!(await anySites(db))) return;
  for (const source of area.sources) {
    let after: ScanCursor | null = null;
    for (;;) {
      const sites = await scanSites(db, source, after, size);
      const last = sites[sites.length - 1];
      if (!last) break;
      after = { cell: last.cell, id: last.id };
      const siteIds = sites.filter((s) => firstSourceKind(area, s) === source.kind && containsPlace(area, s));
      let staffAfter: StaffRow | null = null;
      while (siteIds.length > 0) {
        const staff = await scanStaff(
          db,
          siteIds.map((s) => s.id),
          staffAfter,
          size,
        );
        staffAfter = staff[staff.length - 1] ?? null;
        if (!staffAfter) break;
        const personIds = unique(staff.map((s) => s.personId));
        const present = await presentPersons(db, area, day, personIds);
        const canonical = await canonicalSites(db, area, personIds);
        yield staff
          .filter((s) => !present.has(s.personId) && canonical.get(s.personId) === s.siteId)
          .map((s) => ({ personId: s.personId, reason: 'site_staff' as const }));
        if (staff.length < size) break;
      }
      if (sites.length < size) break;
    }
  }
}

async function* subscribers(db: Db, area: CompiledArea, day: string, size: number): AsyncGenerator<Found[]> {
  for (const country of area.subscriptionCountries) {
    let after: string | null = null;
    for (;;) {
      const personIds = await scanSubscribers(db, country, after, size);
      after = personIds[personIds.length - 1] ?? null;
      if (after === null) break;
      const present = await presentPersons(db, area, day, personIds);
      const staff = await canonicalSites(db, area, personIds);
      const first = new Map<string, string>();
      for (const s of await listSubscriptions(db, personIds, area.subscriptionCountries)) {
        const best = first.get(s.personId);
        if (best === undefined || s.countryCode < best) first.set(s.personId, s.countryCode);
      }
      yield personIds
        .filter((id) => !present.has(id) && !staff.has(id) && first.get(id) === country)
        .map((personId) => ({ personId, reason: 'subscriber' as const }));
      if (personIds.length < size) break;
    }
  }
}

// Each phase excludes whoever an earlier phase reached, so a person appears once, under the first reason.
async function* findAll(db: Db, area: CompiledArea, day: string, size: number): AsyncGenerator<Found[]> {
  yield* presentSubjects(db, area, day, size);
  yield* siteStaff(db, area, day, size);
  yield* subscribers(db, area, day, size);
}

async function withContacts(db: Db, found: Found[]): Promise<Recipient[]> {
  const locales = new Map<string, string>();
  const channels = new Map<string, RecipientChannel[]>();
  const missing = found.filter((f) => f.contact === undefined);
  for (const c of await listContacts(db, unique(missing.map((f) => f.dependentOf ?? f.personId)))) {
    locales.set(c.personId, c.locale);
    const list = channels.get(c.personId) ?? [];
    if (c.kind !== null && c.address !== null)
      list.push({ kind: c.kind, address: c.address, verified: c.verifiedAt !== null });
    channels.set(c.personId, list);
  }
  return found.map((f) => {
    const id = f.dependentOf ?? f.personId;
    const { locale, channels: reach } = f.contact ?? {
      locale: locales.get(id) ?? '',
      channels: channels.get(id) ?? [],
    };
    return f.dependentOf === undefined
      ? { personId: f.personId, channels: reach, locale, reason: f.reason }
      : { personId: f.personId, dependentOf: f.dependentOf, channels: reach, locale, reason: f.reason };
  });
}

function prepare(areaInput: unknown, at: string | Date): { area: CompiledArea; day: string } {
  return { area: compileArea(validateArea(areaInput)), day: validateAt(at).toISOString().slice(0, 10) };
}

/**
 * Who is in the area at a moment: the registered persons and dependents present there, then the staff of
 * business sites there, then the subscribers of the area's countries — each once, with the channels and
 * language to reach them. Streams batches of up to `batchSize` read page by page from the indexes, so memory
 * does not grow with the result. Throws AreaError (400) for a bad area or time, before reading anything.
 */
export async function* targetRecipients(
  db: Db,
  areaInput: unknown,
  options: TargetOptions,
): AsyncGenerator<Recipient[]> {
  const { area, day } = prepare(areaInput, options.at);
  const size = options.batchSize ?? 1000;
  const page = options.pageSize ?? 2000;
  for (const [name, value] of [
    ['batchSize', size],
    ['pageSize', page],
  ] as const)
    if (!Number.isInteger(value) || value < 1 || value > 10_000)
      throw new AreaError('invalid_shape', `/${name}`, `${name} must be an integer from 1 to 10000`);
  let pending: Found[] = [];
  for await (const found of findAll(db, area, day, page)) {
    pending = pending.concat(found);
    while (pending.length >= size) yield withContacts(db, pending.splice(0, size));
  }
  if (pending.length > 0) yield withContacts(db, pending);
}

/** How many recipients `targetRecipients` would yield: the composer's live count. */
export async function countRecipients(db: Db, areaInput: unknown, at: string | Date): Promise<number> {
  const { area, day } = prepare(areaInput, at);
  let count = 0;
  for await (const found of findAll(db, area, day, 5000)) count += found.length;
  return count;
}

/** How many recipients `targetRecipients` would yield, per reason: the count behind the console's answer. */
export interface RecipientCounts {
  total: number;
  byReason: Record<RecipientReason, number>;
}

/** `countRecipients` split by reason; the same walk, so `total` always equals `countRecipients`. */
export async function countRecipientsByReason(db: Db, areaInput: unknown, at: string | Date): Promise<RecipientCounts> {
  const { area, day } = prepare(areaInput, at);
  const byReason: Record<RecipientReason, number> = { present: 0, site_staff: 0, subscriber: 0 };
  for await (const found of findAll(db, area, day, 5000)) for (const f of found) byReason[f.reason] += 1;
  return { total: byReason.present + byReason.site_staff + byReason.subscriber, byReason };
}
