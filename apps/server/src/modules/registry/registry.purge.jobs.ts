import type { Db } from '../../db/schema.ts';
import { deleteTripsEndedBefore } from './presences.repo.ts';
import { daysBefore, utcDay } from './registry.rules.ts';

/** The recurring job that forgets past trips (issue 4, privacy); residences are never purged by it. */
export const PURGE_TRIPS_JOB = 'registry.purge_trips';

/**
 * Deletes trips (with the dependents' copies) whose departure is more than `retentionDays` days before
 * `now`'s UTC date. @returns how many presence rows went
 */
export async function purgeEndedTrips(db: Db, retentionDays: number, now: Date = new Date()): Promise<number> {
  return deleteTripsEndedBefore(db, daysBefore(utcDay(now), retentionDays));
}
