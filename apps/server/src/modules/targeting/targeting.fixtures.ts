import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Db } from '../../db/schema.ts';
import type { ChannelKind, PresenceKind } from '../../db/tables/registry.table.ts';
import {
  insertBusinesses,
  insertBusinessSites,
  insertBusinessStaff,
  insertCountrySubscriptions,
  insertDependents,
  insertPersonChannels,
  insertPersons,
  insertPresences,
} from '../registry/registry.repo.ts';
import type { Area } from './targeting.schema.ts';

// A small registry held in memory, written to a test database and judged by brute force: every presence and
// site tested against every part of the area, with no index, no cover and no paging.

export interface Place {
  countryCode: string;
  regionCode: string | null;
  lat: number | null;
  lon: number | null;
}

export interface WorldPerson {
  id: string;
  locale: string;
  channels: { kind: ChannelKind; address: string; verified: boolean }[];
  dependents: string[];
  subscriptions: string[];
}

export interface WorldPresence extends Place {
  id: string;
  personId: string;
  dependentId: string | null;
  kind: PresenceKind;
  arrivalOn: string;
  departureOn: string | null;
}

export interface WorldSite extends Place {
  id: string;
  staff: string[];
}

export interface World {
  persons: WorldPerson[];
  presences: WorldPresence[];
  sites: WorldSite[];
}

const REGISTRY_TABLES = [
  'businessStaff',
  'businessSites',
  'businesses',
  'countrySubscriptions',
  'presences',
  'dependents',
  'personChannels',
  'persons',
] as const;

export async function clearRegistry(db: Db): Promise<void> {
  for (const table of REGISTRY_TABLES) await db.deleteFrom(table).execute();
}

export async function writeWorld(db: Db, world: World): Promise<void> {
  const now = '2026-11-28T00:00:00.000Z';
  await insertPersons(
    db,
    world.persons.map((p, i) => ({
      id: p.id,
      familyName: `Family ${i}`,
      givenName: 'Test',
      locale: p.locale,
      createdAt: now,
      updatedAt: now,
    })),
  );
  await insertPersonChannels(
    db,
    world.persons.flatMap((p) =>
      p.channels.map((c, i) => ({
        id: `${p.id}-c${i}`,
        personId: p.id,
        kind: c.kind,
        address: c.address,
        verifiedAt: c.verified ? now : null,
        createdAt: now,
      })),
    ),
  );
  await insertDependents(
    db,
    world.persons.flatMap((p) =>
      p.dependents.map((id) => ({
        id,
        personId: p.id,
        familyName: 'Dependent',
        givenName: 'Test',
        relationship: 'child',
        createdAt: now,
        updatedAt: now,
      })),
    ),
  );
  await insertPresences(
    db,
    world.presences.map((p) => ({
      ...p,
      cityId: null,
      preciseConsent: false,
      purpose: null,
      createdAt: now,
    })),
  );
  await insertCountrySubscriptions(
    db,
    world.persons.flatMap((p) =>
      p.subscriptions.map((countryCode) => ({ personId: p.id, countryCode, createdAt: now })),
    ),
  );
  if (world.sites.length > 0) {
    await insertBusinesses(db, [{ id: 'business-1', name: 'Test Co', createdAt: now, updatedAt: now }]);
    await insertBusinessSites(
      db,
      world.sites.map((s) => ({
        id: s.id,
        businessId: 'business-1',
        name: s.id,
        countryCode: s.countryCode,
        regionCode: s.regionCode,
        lat: s.lat,
        lon: s.lon,
        createdAt: now,
      })),
    );
    await insertBusinessStaff(
      db,
      world.sites.flatMap((s) => [...new Set(s.staff)].map((personId) => ({ siteId: s.id, personId, createdAt: now }))),
    );
  }
}

function bruteHaversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * r) / 2) ** 2 +
    Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(a)));
}

export function bruteInArea(area: Area, place: Place): boolean {
  if (area.countries?.includes(place.countryCode)) return true;
  if (place.regionCode !== null && area.regions?.includes(place.regionCode)) return true;
  const { lat, lon } = place;
  if (lat === null || lon === null) return false;
  if (area.circles?.some((c) => bruteHaversineKm(c.lat, c.lon, lat, lon) <= c.radiusKm)) return true;
  return area.polygons?.some((p) => booleanPointInPolygon([lon, lat], p)) ?? false;
}

/** The expected recipients as `personId|dependentOf|reason` keys. */
export function bruteRecipients(world: World, area: Area, day: string): Set<string> {
  const bySubject = new Map<string, WorldPresence[]>();
  for (const p of world.presences) {
    if (p.arrivalOn > day || (p.departureOn !== null && p.departureOn < day)) continue;
    const key = `${p.dependentId ?? p.personId}|${p.dependentId ? p.personId : ''}`;
    bySubject.set(key, [...(bySubject.get(key) ?? []), p]);
  }
  const out = new Set<string>();
  const reached = new Set<string>();
  for (const [key, current] of bySubject) {
    const trips = current.filter((p) => p.kind === 'trip');
    if ((trips.length > 0 ? trips : current).some((p) => bruteInArea(area, p))) {
      out.add(`${key}|present`);
      reached.add(key.split('|')[0] ?? '');
    }
  }
  for (const site of world.sites) {
    if (!bruteInArea(area, site)) continue;
    for (const id of site.staff) if (!reached.has(id)) out.add(`${id}||site_staff`);
  }
  for (const key of out) reached.add(key.split('|')[0] ?? '');
  const countries = new Set([...(area.countries ?? []), ...(area.regions ?? []).map((r) => r.slice(0, 2))]);
  for (const person of world.persons) {
    if (reached.has(person.id)) continue;
    if (person.subscriptions.some((c) => countries.has(c))) out.add(`${person.id}||subscriber`);
  }
  return out;
}
