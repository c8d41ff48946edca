import type { CampaignProgress } from '@homeward/shared';
import type { Db } from '../../db/schema.ts';
import { utcDay } from '../registry/registry.rules.ts';
import { eligibilityOf, siteName } from './campaigns.presenter.ts';
import { listSessionsOf, listSitesOf } from './campaigns.repo.ts';
import { slotsOfSession } from './campaigns.rules.ts';
import { campaignOr404 } from './campaigns.service.ts';

/** HQ's progress of a campaign (decision 0024): grouped counts only, no person. Queries and their assembly. */

const SEATED = ['allocated', 'checked_in', 'completed', 'no_show'] as const;
const CAME = ['checked_in', 'completed'] as const;

async function registrationsByCountry(db: Db, campaignId: string) {
  return db
    .selectFrom('campaignRegistrations')
    .select(['country', 'status', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('campaignId', '=', campaignId)
    .where('status', '<>', 'cancelled')
    .groupBy(['country', 'status'])
    .execute();
}

async function dosesBy(db: Db, campaignId: string) {
  return db
    .selectFrom('campaignDoses as d')
    .innerJoin('campaignRegistrations as r', 'r.id', 'd.registrationId')
    .select(['r.country', 'd.siteId', 'd.administeredOn', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('d.campaignId', '=', campaignId)
    .groupBy(['r.country', 'd.siteId', 'd.administeredOn'])
    .execute();
}

async function seatsBySite(db: Db, campaignId: string) {
  return db
    .selectFrom('campaignSeats as s')
    .innerJoin('campaignRegistrations as r', 'r.id', 's.registrationId')
    .select(['s.siteId', 'r.status', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('s.campaignId', '=', campaignId)
    .groupBy(['s.siteId', 'r.status'])
    .execute();
}

/** Registered persons present (residence or trip) in each country today. */
async function presentByCountry(db: Db, countries: string[], day: string): Promise<Map<string, number>> {
  if (countries.length === 0) return new Map();
  const rows = await db
    .selectFrom('presences')
    .select(['countryCode', (eb) => eb.fn.count<string | number>('personId').distinct().as('n')])
    .where('countryCode', 'in', countries)
    .where('dependentId', 'is', null)
    .where('arrivalOn', '<=', day)
    .where((eb) => eb.or([eb('departureOn', 'is', null), eb('departureOn', '>=', day)]))
    .groupBy('countryCode')
    .execute();
  return new Map(rows.map((r) => [r.countryCode, Number(r.n)]));
}

const add = (map: Map<string, number>, key: string, n: number) => map.set(key, (map.get(key) ?? 0) + n);

/** Per country (present, registered, seated, came, doses), per site (capacity, seated, came, doses), per day. */
export async function campaignProgress(db: Db, campaignId: string, now: Date = new Date()): Promise<CampaignProgress> {
  const campaign = await campaignOr404(db, campaignId);
  const countries = eligibilityOf(campaign).countries;
  const [registrations, doses, seats, sites, sessions, present] = await Promise.all([
    registrationsByCountry(db, campaignId),
    dosesBy(db, campaignId),
    seatsBySite(db, campaignId),
    listSitesOf(db, campaignId),
    listSessionsOf(db, campaignId),
    presentByCountry(db, countries, utcDay(now)),
  ]);
  const registered = new Map<string, number>();
  const seated = new Map<string, number>();
  const came = new Map<string, number>();
  for (const r of registrations) {
    const n = Number(r.n);
    add(registered, r.country, n);
    if ((SEATED as readonly string[]).includes(r.status)) add(seated, r.country, n);
    if ((CAME as readonly string[]).includes(r.status)) add(came, r.country, n);
  }
  const dosesByCountry = new Map<string, number>();
  const dosesBySite = new Map<string, number>();
  const dosesByDay = new Map<string, number>();
  for (const d of doses) {
    const n = Number(d.n);
    add(dosesByCountry, d.country, n);
    add(dosesBySite, d.siteId, n);
    add(dosesByDay, d.administeredOn, n);
  }
  const siteSeated = new Map<string, number>();
  const siteCame = new Map<string, number>();
  for (const s of seats) {
    add(siteSeated, s.siteId, Number(s.n));
    if ((CAME as readonly string[]).includes(s.status)) add(siteCame, s.siteId, Number(s.n));
  }
  const capacity = new Map<string, number>();
  const zones = new Map(sites.map((s) => [s.id, s.timeZone]));
  for (const session of sessions) {
    const zone = zones.get(session.siteId);
    if (zone) add(capacity, session.siteId, slotsOfSession(session, zone).length * session.capacityPerSlot);
  }
  const allCountries = [...new Set([...countries, ...registered.keys()])].sort();
  return {
    byCountry: allCountries.map((country) => ({
      country,
      present: present.get(country) ?? 0,
      registered: registered.get(country) ?? 0,
      allocated: seated.get(country) ?? 0,
      checkedIn: came.get(country) ?? 0,
      doses: dosesByCountry.get(country) ?? 0,
    })),
    bySite: sites.map((site) => ({
      siteId: site.id,
      name: siteName(site),
      country: site.country,
      capacity: capacity.get(site.id) ?? 0,
      allocated: siteSeated.get(site.id) ?? 0,
      checkedIn: siteCame.get(site.id) ?? 0,
      doses: dosesBySite.get(site.id) ?? 0,
    })),
    byDay: [...dosesByDay.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, n]) => ({ date, doses: n })),
  };
}
