import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { dialectOf } from '../../db/dialect/dialect.ts';
import { retryDeadlocks } from '../../db/retry.ts';
import type { Db } from '../../db/schema.ts';
import type { JobHandler } from '../../jobs/jobs.worker.ts';
import { registerRecipientList, releaseListNotifications } from '../notifications/notifications.service.ts';
import { type CompiledArea, compileArea, firstSourceKind, inShapes } from '../targeting/targeting.area.ts';
import { type ScanCursor, type ScanSource, scanSites } from '../targeting/targeting.repo.ts';
import { validateArea, validateAt } from '../targeting/targeting.validate.ts';
import { countRecipientRows, findAlert, insertRecipients, markRecipientsReady } from './alerts.repo.ts';

export const ALERT_RECIPIENTS_JOB = 'alert.recipients';

/** The notifications module fans an alert's messages out from its recipient rows (decision 0025). */
export const ALERT_LIST = 'alert';
registerRecipientList(ALERT_LIST, { table: 'alert_recipients', column: 'alert_id' });

// Presences per INSERT … SELECT (one transaction each): a million recipients take 20 commits on SQLite's single
// writer, each short enough that the API's writes wait a fraction of a second.
const PRESENCE_CHUNK = 50_000;
// Candidates read per page where only the exact shape test (in JavaScript) decides.
const PAGE = 5000;

/**
 * "Where am I now" as SQL: a presence current on the day counts if it is a trip, or if its subject (the person or
 * the dependent) has no trip that day — the same rule as the targeting engine's `canonicalPresences`.
 */
function counts(day: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`p.arrival_on <= ${day} and (p.departure_on is null or p.departure_on >= ${day})
    and (p.kind = 'trip' or not exists (
      select 1 from presences t
      where t.person_id = p.person_id
        and (t.dependent_id = p.dependent_id or (t.dependent_id is null and p.dependent_id is null))
        and t.kind = 'trip' and t.arrival_on <= ${day} and (t.departure_on is null or t.departure_on >= ${day})
    ))`;
}

const RECIPIENT_COLUMNS = sql`(alert_id, person_id, dependent_of, locale, reason, reminders)`;

/**
 * The present subjects found by a named country or region, one chunk of presence ids at a time, inserted by the
 * database itself; a subject present twice (two presences, or a region inside a named country) is kept once by the
 * primary key (alert, person). PostgreSQL inserts two chunks at once (a server process each, decision 0032),
 * each chunk tried again if it loses a deadlock on a subject present in both; SQLite has one writer.
 */
async function insertNamedPresences(
  db: Db,
  alertId: string,
  column: 'country_code' | 'region_code',
  code: string,
  day: string,
  chunk: number,
) {
  const chunks: { after: string; upto: string | null }[] = [];
  for (let after = ''; ; ) {
    const { rows } = await sql<{ id: string }>`
      select id from presences where ${sql.ref(column)} = ${code} and id > ${after}
      order by id limit 1 offset ${chunk - 1}`.execute(db);
    const upto = rows[0]?.id ?? null;
    chunks.push({ after, upto });
    if (upto === null) break;
    after = upto;
  }
  const insertChunk = ({ after, upto }: { after: string; upto: string | null }) => {
    const until = upto === null ? sql`` : sql`and p.id <= ${upto}`;
    return retryDeadlocks(() =>
      sql`
        insert into alert_recipients ${RECIPIENT_COLUMNS}
        select ${alertId}, coalesce(p.dependent_id, p.person_id),
          case when p.dependent_id is null then null else p.person_id end, s.locale, 'present', 0
        from presences p join persons s on s.id = p.person_id
        where p.${sql.ref(column)} = ${code} and p.id > ${after} ${until} and ${counts(day)}
        on conflict (alert_id, person_id) do nothing`.execute(db),
    );
  };
  const lanes = dialectOf(db).name === 'postgres' ? 2 : 1;
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      for (let range = chunks[next++]; range; range = chunks[next++]) await insertChunk(range);
    }),
  );
}

interface Candidate {
  id: string;
  personId: string;
  dependentId: string | null;
  countryCode: string;
  regionCode: string | null;
  cell: string | null;
  lat: number | null;
  lon: number | null;
  locale: string;
}

/**
 * The present subjects of one range of geohash cells: the database narrows to the cells (and applies "where am I
 * now"), the exact circle and polygon test runs here, and the hits are inserted in multi-row statements.
 */
async function insertShapePresences(db: Db, alertId: string, area: CompiledArea, source: ScanSource, day: string) {
  if (source.kind !== 'cells') return;
  let after: ScanCursor | null = null;
  for (;;) {
    const lo: string = after?.cell && after.cell > source.range.lo ? after.cell : source.range.lo;
    const hi = source.range.hi === null ? sql`` : sql`and p.cell < ${source.range.hi}`;
    const resume: RawBuilder<unknown> = after ? sql`and (p.cell > ${after.cell} or p.id > ${after.id})` : sql``;
    const { rows }: { rows: Candidate[] } = await sql<Candidate>`
      select p.id, p.person_id, p.dependent_id, p.country_code, p.region_code, p.cell, p.lat, p.lon, s.locale
      from presences p join persons s on s.id = p.person_id
      where p.cell >= ${lo} ${hi} ${resume} and ${counts(day)}
      order by p.cell, p.id limit ${PAGE}`.execute(db);
    const last: Candidate | undefined = rows[rows.length - 1];
    if (!last) return;
    after = { cell: last.cell, id: last.id };
    const hits = rows.filter((r) => firstSourceKind(area, r) === 'cells' && inShapes(area, r.lat, r.lon));
    await insertRecipients(
      db,
      hits.map((r) => ({
        alertId,
        personId: r.dependentId ?? r.personId,
        dependentOf: r.dependentId ? r.personId : null,
        locale: r.locale,
        reason: 'present',
        answer: null,
        answeredAt: null,
        reminders: 0,
        remindedAt: null,
        caseId: null,
      })),
    );
    if (rows.length < PAGE) return;
  }
}

/** The staff of business sites in the area who are not already recipients (present there themselves). */
async function insertSiteStaff(db: Db, alertId: string, area: CompiledArea): Promise<void> {
  const staffOf = (where: RawBuilder<SqlBool>) => sql`
    insert into alert_recipients ${RECIPIENT_COLUMNS}
    select ${alertId}, st.person_id, null, s.locale, 'site_staff', 0
    from business_sites b join business_staff st on st.site_id = b.id join persons s on s.id = st.person_id
    where ${where}
    on conflict (alert_id, person_id) do nothing`;
  const named: RawBuilder<SqlBool>[] = [];
  if (area.countries.size > 0) named.push(sql<SqlBool>`b.country_code in (${sql.join([...area.countries])})`);
  if (area.regions.size > 0) named.push(sql<SqlBool>`b.region_code in (${sql.join([...area.regions])})`);
  if (named.length > 0) await staffOf(sql<SqlBool>`(${sql.join(named, sql` or `)})`).execute(db);
  for (const source of area.sources) {
    if (source.kind !== 'cells') continue;
    let after: ScanCursor | null = null;
    for (;;) {
      const sites = await scanSites(db, source, after, PAGE);
      const last = sites[sites.length - 1];
      if (!last) break;
      after = { cell: last.cell, id: last.id };
      const ids = sites
        .filter((s) => firstSourceKind(area, s) === 'cells' && inShapes(area, s.lat, s.lon))
        .map((s) => s.id);
      for (let i = 0; i < ids.length; i += 1000)
        await staffOf(sql<SqlBool>`b.id in (${sql.join(ids.slice(i, i + 1000))})`).execute(db);
      if (sites.length < PAGE) break;
    }
  }
}

/** The subscribers of the area's countries who are neither present nor site staff there. */
async function insertSubscribers(db: Db, alertId: string, area: CompiledArea): Promise<void> {
  if (area.subscriptionCountries.length === 0) return;
  await sql`
    insert into alert_recipients ${RECIPIENT_COLUMNS}
    select ${alertId}, cs.person_id, null, s.locale, 'subscriber', 0
    from country_subscriptions cs join persons s on s.id = cs.person_id
    where cs.country_code in (${sql.join(area.subscriptionCountries)})
    on conflict (alert_id, person_id) do nothing`.execute(db);
}

/**
 * Fixes an alert's recipients set-wise (decision 0025): the same people as the targeting engine's
 * `targetRecipients` at `at` — present there, then site staff there, then subscribers, each once under the first
 * reason — written by `INSERT … SELECT` where the area is named countries and regions, and by a cell-range
 * prefilter plus the exact shape test here for circles and polygons. Idempotent: the primary key (alert, person)
 * skips whoever a previous run inserted, and the phases run in order, so a retried job ends with the same rows.
 * Returns how many recipients the alert has. `presenceChunk` (presences per statement for a named place) is smaller
 * in tests, so that a small world takes several chunks and both of PostgreSQL's lanes.
 */
export async function fixRecipients(
  db: Db,
  alertId: string,
  areaInput: unknown,
  at: string,
  { presenceChunk = PRESENCE_CHUNK }: { presenceChunk?: number } = {},
): Promise<number> {
  const area = compileArea(validateArea(areaInput));
  const day = validateAt(at).toISOString().slice(0, 10);
  for (const code of area.countries) await insertNamedPresences(db, alertId, 'country_code', code, day, presenceChunk);
  for (const code of area.regions) await insertNamedPresences(db, alertId, 'region_code', code, day, presenceChunk);
  for (const source of area.sources) await insertShapePresences(db, alertId, area, source, day);
  await insertSiteStaff(db, alertId, area);
  await insertSubscribers(db, alertId, area);
  return countRecipientRows(db, alertId);
}

/**
 * The `alert.recipients` job, enqueued in the approval's transaction: fixes the recipients, then in one
 * transaction marks them ready with their count and starts the fan-out of the alert's messages waiting for them.
 */
export function alertRecipientHandlers() {
  const run: JobHandler = async ({ db, log }, payload) => {
    const alertId = (payload as { alertId?: unknown })?.alertId; // boundary: job payload
    if (typeof alertId !== 'string') throw new Error(`${ALERT_RECIPIENTS_JOB}: payload has no alertId`);
    const alert = await findAlert(db, alertId);
    if (!alert || alert.recipientsState === 'ready' || !alert.publishedAt) return;
    const began = Date.now();
    const recipients = await fixRecipients(db, alertId, JSON.parse(alert.area), alert.publishedAt);
    const released = await db.transaction().execute(async (trx) => {
      // The alert row is written first: an Update or Cancel racing this waits on it, then sees 'ready' and starts
      // its own fan-out; one that committed before is released here.
      await markRecipientsReady(trx, alertId, recipients);
      return releaseListNotifications(trx, { name: ALERT_LIST, id: alertId });
    });
    log.info({ alertId, recipients, released, ms: Date.now() - began }, 'alert recipients fixed');
  };
  return { [ALERT_RECIPIENTS_JOB]: run } satisfies Record<string, JobHandler>;
}
