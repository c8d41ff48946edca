import type { Insertable } from 'kysely';
import type { Db } from '../../db/schema.ts';
import type {
  BusinessesTable,
  BusinessSitesTable,
  BusinessStaffTable,
  CountrySubscriptionsTable,
  DependentsTable,
  PersonChannelsTable,
  PersonsTable,
  PresenceKind,
} from '../../db/tables/registry.table.ts';
import { cellOf } from './registry.cell.ts';

// Rows per INSERT: keeps every statement under SQLite's and PostgreSQL's bound-parameter limits.
const CHUNK = 500;

async function inChunks<T>(rows: readonly T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

export interface NewPresence {
  id: string;
  personId: string;
  dependentId: string | null;
  kind: PresenceKind;
  countryCode: string;
  regionCode: string | null;
  cityId: number | null;
  /** The city's coordinates, or the precise point when `preciseConsent`; null when only the country is known. */
  lat: number | null;
  lon: number | null;
  preciseConsent: boolean;
  arrivalOn: string;
  departureOn: string | null;
  purpose: string | null;
  createdAt: string;
}

/** Inserts presences in bulk, deriving each one's spatial index cell from its coordinates. */
export async function insertPresences(db: Db, presences: readonly NewPresence[]): Promise<void> {
  await inChunks(presences, (chunk) =>
    db
      .insertInto('presences')
      .values(
        chunk.map((p) => ({
          ...p,
          cell: cellOf(p.lat, p.lon),
          preciseConsent: p.preciseConsent ? 1 : 0,
          updatedAt: p.createdAt,
        })),
      )
      .execute(),
  );
}

export async function insertPersons(db: Db, persons: readonly Insertable<PersonsTable>[]): Promise<void> {
  await inChunks(persons, (chunk) => db.insertInto('persons').values(chunk).execute());
}

export async function insertPersonChannels(
  db: Db,
  channels: readonly Insertable<PersonChannelsTable>[],
): Promise<void> {
  await inChunks(channels, (chunk) => db.insertInto('personChannels').values(chunk).execute());
}

export async function insertDependents(db: Db, dependents: readonly Insertable<DependentsTable>[]): Promise<void> {
  await inChunks(dependents, (chunk) => db.insertInto('dependents').values(chunk).execute());
}

export async function insertCountrySubscriptions(
  db: Db,
  subscriptions: readonly Insertable<CountrySubscriptionsTable>[],
): Promise<void> {
  await inChunks(subscriptions, (chunk) =>
    db
      .insertInto('countrySubscriptions')
      .values(chunk)
      .onConflict((oc) => oc.columns(['personId', 'countryCode']).doNothing())
      .execute(),
  );
}

export async function insertBusinesses(db: Db, businesses: readonly Insertable<BusinessesTable>[]): Promise<void> {
  await inChunks(businesses, (chunk) => db.insertInto('businesses').values(chunk).execute());
}

export type NewBusinessSite = Omit<Insertable<BusinessSitesTable>, 'cell' | 'updatedAt'>;

/** Inserts business sites, deriving each one's spatial index cell from its coordinates. */
export async function insertBusinessSites(db: Db, sites: readonly NewBusinessSite[]): Promise<void> {
  await inChunks(sites, (chunk) =>
    db
      .insertInto('businessSites')
      .values(chunk.map((s) => ({ ...s, cell: cellOf(s.lat ?? null, s.lon ?? null), updatedAt: s.createdAt })))
      .execute(),
  );
}

export async function insertBusinessStaff(db: Db, staff: readonly Insertable<BusinessStaffTable>[]): Promise<void> {
  await inChunks(staff, (chunk) => db.insertInto('businessStaff').values(chunk).execute());
}
