import { type RawBuilder, sql } from 'kysely';
import { isoNow } from '../../clock.ts';
import { sequentialIds } from '../../db/dialect/bulk.ts';
import type { Db } from '../../db/schema.ts';
import { OUTWARD_CHANNELS, type OutwardChannel, parseChannelOrder } from './notifications.fanout.ts';
import type { MessageRow } from './notifications.repo.ts';
import { type RecipientList, recipientListOf } from './notifications.service.ts';

// List rows per transaction: a million recipients take 50 commits, and SQLite's single writer is held for a
// fraction of a second each time.
export const LIST_CHUNK = 20_000;
/**
 * Contacts per batch (one send job per channel and batch). A job costs two durable commits of the queue and a lease;
 * at 5,000 a million recipients make some 400 jobs, still many more than workers.
 */
const PER_BATCH = 5000;
/** Batch numbers each chunk of a list may use (its deliveries, 1,000 per send job). */
export const LIST_BATCHES_PER_CHUNK = Math.ceil(LIST_CHUNK / PER_BATCH);

export interface ListChunkResult {
  /** Contacts that got at least one new delivery in this chunk. */
  recipients: number;
  /** The (channel, batch) pairs of new outward deliveries: one send job each. */
  sends: { channel: OutwardChannel; batch: number }[];
  /** Batch numbers used up by this chunk. */
  batches: number;
}

/** The last person id of the next chunk of the list after `after`, or null when the rest fits in one. */
export async function nextListBound(db: Db, list: RecipientList, id: string, after: string): Promise<string | null> {
  const { rows } = await sql<{ personId: string }>`
    select person_id from ${sql.table(list.table)} where ${sql.ref(list.column)} = ${id} and person_id > ${after}
    order by person_id limit 1 offset ${LIST_CHUNK - 1}`.execute(db);
  return rows[0]?.personId ?? null;
}

// The contacts of one chunk of the list: the registered person who is reached (a dependent's guardian), once,
// numbered for ids and batches.
function contactsOf(list: RecipientList, id: string, after: string, upto: string | null): RawBuilder<unknown> {
  const until = upto === null ? sql`` : sql`and r.person_id <= ${upto}`;
  return sql`contacts as (
    select contact, row_number() over (order by contact) as rn from (
      select distinct coalesce(r.dependent_of, r.person_id) as contact from ${sql.table(list.table)} r
      where r.${sql.ref(list.column)} = ${id} and r.person_id > ${after} ${until}
    ) d
  )`;
}

/**
 * The plan of the outward channel per contact, as SQL: each account's stored channel order is one of a few texts,
 * parsed here (`parseChannelOrder`) into an index; the index and which channels the contact can be reached on
 * (a push subscription, an e-mail address, a phone) make a key of at most 6 × 8 values, and for each key the first
 * reachable channel and the remaining ones (the fallbacks, by name: the address is looked up again if one is used)
 * are constants. The same choice as `planDeliveries`, computed by the database for a whole chunk.
 */
export interface ChannelPlan {
  order: RawBuilder<unknown>;
  first: RawBuilder<unknown>;
  rest: RawBuilder<unknown>;
}

export async function channelPlan(db: Db): Promise<ChannelPlan> {
  const texts = await db.selectFrom('notificationPreferences').select('channelOrder').distinct().execute();
  const orders: OutwardChannel[][] = [[...OUTWARD_CHANNELS]];
  const indexOf = new Map<string, number>();
  for (const { channelOrder } of texts) {
    const parsed = parseChannelOrder(channelOrder);
    let index = orders.findIndex((o) => o.join() === parsed.join());
    if (index < 0) index = orders.push(parsed) - 1;
    indexOf.set(channelOrder, index);
  }
  const order =
    indexOf.size === 0
      ? sql`0`
      : sql`case coalesce(pref.channel_order, '') ${sql.join(
          [...indexOf].map(([text, index]) => sql`when ${text} then ${sql.lit(index)}`),
          sql` `,
        )} else 0 end`;
  const firsts: RawBuilder<unknown>[] = [];
  const rests: RawBuilder<unknown>[] = [];
  orders.forEach((channels, index) => {
    for (let reach = 1; reach < 8; reach++) {
      const has = { push: (reach & 4) !== 0, email: (reach & 2) !== 0, sms: (reach & 1) !== 0 };
      const [first, ...rest] = channels.filter((c) => has[c]);
      if (!first) continue;
      const key = sql.lit(index * 8 + reach);
      firsts.push(sql`when ${key} then ${sql.lit(first)}`);
      rests.push(sql`when ${key} then ${sql.lit(JSON.stringify(rest))}`);
    }
  });
  return {
    order,
    first: sql`case k ${sql.join(firsts, sql` `)} end`,
    rest: sql`case k ${sql.join(rests, sql` `)} end`,
  };
}

const COLUMNS = sql`(id, message_id, person_id, user_id, channel, address, locale, batch, status, attempts,
  next_attempt_at, fallbacks, queued_at, sent_at, sent_ms)`;

/**
 * Writes the deliveries of one chunk of a recipient list in one `INSERT … SELECT` (decision 0025): the in-app item
 * of everyone with an account and the first outward channel of everyone reachable, with the unique key (message,
 * person, channel) skipping whatever a previous run committed. The contacts and what reaches them are worked out
 * once per chunk and kept (`materialized`): without it both engines inline the query and evaluate each address
 * lookup once per place it is used (decision 0031). Runs in the caller's transaction.
 */
export async function fanOutListChunk(
  db: Db,
  message: Pick<MessageRow, 'id' | 'publishedAt'>,
  plan: ChannelPlan,
  range: { list: string; id: string; after: string; upto: string | null; batchBase: number },
): Promise<ListChunkResult> {
  const list = recipientListOf(range.list);
  const contacts = contactsOf(list, range.id, range.after, range.upto);
  const now = isoNow();
  const sentMs = Math.max(0, Date.parse(now) - Date.parse(message.publishedAt));
  const batch = sql`cast(${range.batchBase} as integer) + (c.rn - 1) / ${sql.lit(PER_BATCH)} + 1`;
  const best = (kind: 'email' | 'sms') => sql`(select a.address from person_channels a
    where a.person_id = c.contact and a.kind = ${sql.lit(kind)}
    order by (a.verified_at is null), a.address limit 1)`;
  const { rows } = await sql<{ personId: string; channel: string; batch: number }>`
    with ${contacts},
    reach as materialized (
      select c.contact, c.rn, p.user_id, case when p.locale = 'en' then 'en' else 'zh-CN' end as locale,
        ${plan.order} as ord,
        case when p.user_id is not null
          and exists (select 1 from push_subscriptions s where s.user_id = p.user_id) then 1 else 0 end as push,
        ${best('email')} as email, ${best('sms')} as sms
      from contacts c join persons p on p.id = c.contact
      left join notification_preferences pref on pref.user_id = p.user_id
    ),
    keyed as (
      select reach.*, ord * 8 + push * 4 + (case when email is null then 0 else 2 end)
        + (case when sms is null then 0 else 1 end) as k
      from reach
    ),
    planned as (
      select keyed.*, ${plan.first} as channel, ${plan.rest} as fallbacks from keyed
    )
    insert into notification_deliveries ${COLUMNS}
    select ${sequentialIds(db, sql`c.rn`)}, ${message.id}, c.contact, c.user_id, 'inapp', null, c.locale,
      ${batch}, 'sent', 0, ${now}, '[]', ${now}, ${now}, cast(${sentMs} as integer)
    from reach c
    where c.user_id is not null
    union all
    select ${sequentialIds(db, sql`c.rn`)}, ${message.id}, c.contact, c.user_id, c.channel,
      case c.channel when 'email' then c.email when 'sms' then c.sms else null end, c.locale,
      ${batch}, 'queued', 0, ${now}, c.fallbacks, ${now}, null, null
    from planned c
    where c.channel is not null
    on conflict (message_id, person_id, channel) do nothing
    returning person_id, channel, batch`.execute(db);
  // The send jobs: one per outward channel and batch that got a new row (a re-run's batches are new numbers).
  const sends = new Map<string, { channel: OutwardChannel; batch: number }>();
  for (const r of rows)
    if (r.channel !== 'inapp')
      sends.set(`${r.channel}:${r.batch}`, { channel: r.channel as OutwardChannel, batch: r.batch }); // boundary: outward channels only
  const recipients = new Set(rows.map((r) => r.personId)).size;
  return {
    recipients,
    sends: [...sends.values()].sort((a, b) => a.batch - b.batch || a.channel.localeCompare(b.channel)),
    batches: LIST_BATCHES_PER_CHUNK,
  };
}
