import { findCity, findRegion } from '@homeward/gazetteer';
import type {
  RegistrantDetail,
  RegistrantExportBody,
  RegistrantFilter,
  RegistrantPage,
  RegistrantsSummary,
  RegistrantsSummaryQuery,
} from '@homeward/shared';
import { isoNow } from '../../clock.ts';
import type { Db } from '../../db/schema.ts';
import { ProblemError } from '../../http/problem.ts';
import type { Actor } from '../../policy/actor.ts';
import { canViewRegistrant, isExportReason, registrantScope } from '../../policy/registrants.policy.ts';
import { type AuditSource, appendAudit } from '../audit/audit.service.ts';
import {
  findBusinessName,
  findPerson,
  listBusinessesOf,
  listChannelsOf,
  listDependentsOf,
  listEmergencyContactsOf,
  listPresencesOf,
  listSubscriptionsOf,
} from './registrant-page.repo.ts';
import { CSV_HEADER, csvLine, UTF8_BOM } from './registrants.csv.ts';
import { missionResolver } from './registrants.districts.ts';
import { toRegistrantDetail, toRegistrantRow } from './registrants.presenter.ts';
import {
  countByPlace,
  countLocated,
  type LocatedFilter,
  listContactChannels,
  listLocated,
  loadDistricts,
  pageLocated,
} from './registrants.repo.ts';

const today = () => isoNow().slice(0, 10);

async function filterFor(db: Db, actor: Actor, query: RegistrantFilter): Promise<LocatedFilter> {
  const scope = registrantScope(actor);
  if (!scope) throw new ProblemError(403, 'forbidden');
  const now = today();
  const districts = await loadDistricts(db);
  return { scope, districts, today: now, day: query.at ?? now, ...query, ...(query.q ? { q: query.q.trim() } : {}) };
}

/** The filters as the audit log records them: what was asked, not who was found. */
function auditedFilters(f: LocatedFilter): Record<string, unknown> {
  const { scope: _scope, districts: _districts, today: _today, ...filters } = f;
  return filters;
}

/** People present on a day per country, and with `country` per region and city, in the actor's scope. */
export async function summarizeRegistrants(
  db: Db,
  actor: Actor,
  query: RegistrantsSummaryQuery,
): Promise<RegistrantsSummary> {
  const f = await filterFor(db, actor, query);
  const places = await countByPlace(db, f);
  const countries = new Map<string, number>();
  const regions = new Map<string | null, number>();
  const cities = new Map<number, number>();
  for (const p of places) {
    countries.set(p.countryCode, (countries.get(p.countryCode) ?? 0) + p.count);
    if (p.countryCode !== f.country) continue;
    regions.set(p.regionCode, (regions.get(p.regionCode) ?? 0) + p.count);
    if (p.cityId !== null) cities.set(p.cityId, (cities.get(p.cityId) ?? 0) + p.count);
  }
  const byCount = <K>(a: [K, number], b: [K, number]) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0]));
  return {
    at: f.day,
    country: f.country ?? null,
    total: places.reduce((sum, p) => sum + p.count, 0),
    countries: [...countries].sort(byCount).map(([countryCode, count]) => ({ countryCode, count })),
    regions: [...regions].sort(byCount).map(([regionCode, count]) => ({
      regionCode,
      name: regionCode ? (findRegion(regionCode)?.name ?? null) : null,
      count,
    })),
    cities: [...cities]
      .sort(byCount)
      .slice(0, 500)
      .flatMap(([cityId, count]) => {
        const city = findCity(cityId);
        return city ? [{ cityId, name: city.name, lat: city.lat, lon: city.lon, count }] : [];
      }),
  };
}

/** A page of the people present on a day; listing names is personal data, so each request is audited. */
export async function listRegistrants(
  db: Db,
  actor: Actor,
  query: RegistrantFilter & { page: number; pageSize: number },
  source: AuditSource,
): Promise<RegistrantPage> {
  const { page, pageSize, ...filters } = query;
  const f = await filterFor(db, actor, filters);
  const [total, rows] = await Promise.all([countLocated(db, f), listLocated(db, f, pageSize, (page - 1) * pageSize)]);
  const missionOf = missionResolver(f.districts);
  await appendAudit(db, source, {
    action: 'registrant.list',
    details: { filters: auditedFilters(f), page, pageSize, total, shown: rows.length },
  });
  return { at: f.day, items: rows.map((r) => toRegistrantRow(r, missionOf(r))), total, page, pageSize };
}

/** One person's page; out of scope and missing answer the same 404. The read is audited. */
export async function viewRegistrant(
  db: Db,
  actor: Actor,
  personId: string,
  source: AuditSource,
): Promise<RegistrantDetail> {
  const person = await findPerson(db, personId);
  if (!person) throw new ProblemError(404, 'not_found');
  const [presences, districts] = await Promise.all([listPresencesOf(db, personId), loadDistricts(db)]);
  const missionOf = missionResolver(districts);
  const placed = presences.map((p) => ({ ...p, missionCode: missionOf(p) }));
  if (!canViewRegistrant(actor, placed, today())) throw new ProblemError(404, 'not_found');
  const [channels, dependents, contacts, subscriptions, businesses] = await Promise.all([
    listChannelsOf(db, personId),
    listDependentsOf(db, personId),
    listEmergencyContactsOf(db, personId),
    listSubscriptionsOf(db, personId),
    listBusinessesOf(db, personId),
  ]);
  if (person.businessId && !businesses.some((b) => b.businessId === person.businessId)) {
    const name = await findBusinessName(db, person.businessId);
    if (name)
      businesses.push({ businessId: person.businessId, businessName: name, siteName: '', countryCode: '', role: null });
  }
  await appendAudit(db, source, {
    action: 'registrant.view',
    record: { type: 'person', id: person.id },
  });
  return toRegistrantDetail({ person, channels, dependents, contacts, presences: placed, subscriptions, businesses });
}

export interface RegistrantExport {
  rowCount: number;
  fileName: string;
  lines: AsyncGenerator<string>;
}

const EXPORT_PAGE = 1000;

/**
 * Starts a CSV export: checks the reason, counts the rows and writes the audit entry (reason, filters, row
 * count) before a byte leaves, then yields the file page by page (keyset on presence id, flat memory).
 * @throws ProblemError 422 `reason_required` without a reason of 10–500 characters (nothing is audited)
 */
export async function exportRegistrants(
  db: Db,
  actor: Actor,
  body: RegistrantExportBody,
  source: AuditSource,
  pageSize = EXPORT_PAGE,
): Promise<RegistrantExport> {
  const { reason, ...filters } = body;
  const f = await filterFor(db, actor, filters);
  if (!isExportReason(reason)) {
    const message = 'give a reason of 10 to 500 characters';
    throw new ProblemError(422, 'reason_required', message, [{ field: '/reason', message }]);
  }
  const rowCount = await countLocated(db, f);
  await appendAudit(db, source, {
    action: 'registrant.export',
    reason: reason.trim(),
    details: { filters: auditedFilters(f), rowCount },
  });
  const missionOf = missionResolver(f.districts);
  async function* lines(): AsyncGenerator<string> {
    yield UTF8_BOM + CSV_HEADER;
    let after: string | null = null;
    for (;;) {
      const rows = await pageLocated(db, f, after, pageSize);
      const last = rows[rows.length - 1];
      if (!last) return;
      after = last.presenceId;
      const channels = await listContactChannels(db, [...new Set(rows.map((r) => r.personId))]);
      const email = new Map<string, string>();
      const phone = new Map<string, string>();
      for (const c of channels) {
        const into = c.kind === 'email' ? email : phone;
        if (!into.has(c.personId)) into.set(c.personId, c.address);
      }
      let chunk = '';
      for (const r of rows) {
        chunk += csvLine([
          r.personId,
          r.dependentId,
          r.familyName,
          r.givenName,
          r.nativeName,
          r.birthDate,
          r.sex,
          r.passportNumber,
          r.kind,
          r.countryCode,
          r.regionCode,
          r.cityId === null ? null : (findCity(r.cityId)?.name ?? null),
          r.arrivalOn,
          r.departureOn,
          missionOf(r),
          email.get(r.personId),
          phone.get(r.personId),
        ]);
      }
      yield chunk;
      if (rows.length < pageSize) return;
    }
  }
  return { rowCount, fileName: `registrants-${f.day}.csv`, lines: lines() };
}
