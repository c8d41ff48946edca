import { nearestCity } from '@homeward/gazetteer';
import type { ArrivalPositionBody, ArrivalPositionResult } from '@homeward/shared';
import type { Kysely } from 'kysely';
import { isoNow } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Database, Db } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { ProblemError } from '../../http/problem.ts';
import type { Actor } from '../../policy/actor.ts';
import { arrivalContent } from './notifications.arrivals.ts';
import { enqueuePersonNotification } from './notifications.service.ts';

/** The source of the on-arrival message sent when the app is first opened in a new country (decision 0025). */
export const APP_ARRIVAL_SOURCE = 'arrival_app';
// A position farther than this from any town (at sea, in a desert) names no country.
const COUNTRY_RADIUS_KM = 100;

/** Rounds to 0.1° (about 11 km): whatever the app sent, no finer position is used. */
const coarse = (value: number) => Math.round(value * 10) / 10;

/** The country of a coarse position, offline: that of the nearest of the gazetteer's towns. */
export function countryAt(lat: number, lon: number): string | null {
  return nearestCity(coarse(lat), coarse(lon), COUNTRY_RADIUS_KM)?.country ?? null;
}

async function ownPerson(db: Db, userId: string) {
  return db.selectFrom('persons').select(['id']).where('userId', '=', userId).executeTakeFirst();
}

/** Whether the registry already welcomed this stay: a current own presence there with its arrival message. */
async function welcomedByRegistration(db: Db, personId: string, country: string, today: string): Promise<boolean> {
  const row = await db
    .selectFrom('presences as p')
    .innerJoin('notificationMessages as m', (join) =>
      join.on('m.sourceKind', '=', 'arrival').onRef('m.sourceId', '=', 'p.id'),
    )
    .select('p.id')
    .where('p.personId', '=', personId)
    .where('p.dependentId', 'is', null)
    .where('p.countryCode', '=', country)
    .where('p.arrivalOn', '<=', today)
    .where((eb) => eb.or([eb('p.departureOn', 'is', null), eb('p.departureOn', '>=', today)]))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The citizen app reports, with consent, where it was opened. The country is resolved offline and kept as the
 * person's last seen country (the position is not kept). When it differs from the previous one — an arrival — the
 * country's on-arrival message is published once: the source (`arrival_app`, person/country/arrival number) is
 * unique, and the arrival is counted by a conditional update, so two reports at once welcome once. The first
 * report only records where the person is; home (the sending state) and a stay the registry already welcomed send
 * nothing.
 */
export async function reportAppPosition(
  db: Kysely<Database>,
  config: Config,
  actor: Actor,
  body: ArrivalPositionBody,
): Promise<ArrivalPositionResult> {
  if (actor.role !== 'citizen') throw new ProblemError(403, 'forbidden');
  const country = countryAt(body.lat, body.lon);
  const person = await ownPerson(db, actor.id);
  if (!country || !person) return { country, welcomed: false };
  const now = new Date();
  const at = isoNow(now);
  return inTransaction(db, async (trx) => {
    const last = await trx.selectFrom('lastCountries').selectAll().where('personId', '=', person.id).executeTakeFirst();
    if (!last) {
      await trx
        .insertInto('lastCountries')
        .values({ personId: person.id, country, seenAt: at, arrivedAt: at, arrivals: 0 })
        .onConflict((oc) => oc.column('personId').doNothing())
        .execute();
      return { country, welcomed: false };
    }
    if (last.country === country) {
      await trx.updateTable('lastCountries').set({ seenAt: at }).where('personId', '=', person.id).execute();
      return { country, welcomed: false };
    }
    const arrival = last.arrivals + 1;
    const moved = await trx
      .updateTable('lastCountries')
      .set({ country, seenAt: at, arrivedAt: at, arrivals: arrival })
      .where('personId', '=', person.id)
      .where('arrivals', '=', last.arrivals)
      .executeTakeFirst();
    // Another report of the same move won the update: it sends the message.
    if (Number(moved.numUpdatedRows) === 0) return { country, welcomed: false };
    if (country === config.state.code || (await welcomedByRegistration(trx, person.id, country, at.slice(0, 10))))
      return { country, welcomed: false };
    await enqueuePersonNotification(trx, {
      source: { kind: APP_ARRIVAL_SOURCE, id: `${person.id}/${country}/${arrival}` },
      personIds: [person.id],
      content: await arrivalContent(trx, config, country, now),
    });
    return { country, welcomed: true };
  });
}
