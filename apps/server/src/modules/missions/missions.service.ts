import { readFileSync } from 'node:fs';
import { findRegion } from '@homeward/gazetteer';
import {
  type FieldError,
  type Locale,
  type Mission,
  type MissionBody,
  type MissionPage,
  MissionSchema,
} from '@homeward/shared';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { type CountryCode as PhoneCountry, parsePhoneNumberFromString } from 'libphonenumber-js';
import { isoNow } from '../../clock.ts';
import { ConfigError } from '../../config.ts';
import type { Db } from '../../db/schema.ts';
import { ProblemError } from '../../http/problem.ts';
import { type AuditSource, appendAudit } from '../audit/audit.service.ts';
import { isCountryCode } from '../meta/countries.service.ts';
import { toMissionDto } from './missions.presenter.ts';
import {
  findClaimsByOthers,
  findMission,
  type JurisdictionRow,
  listJurisdictions,
  listMissions,
  type MissionRow,
  upsertMission,
} from './missions.repo.ts';

export interface MissionQuery {
  country?: string;
  q?: string;
  sort?: 'name' | 'country' | 'city';
  page: number;
  pageSize: number;
}

/**
 * Orders missions the way a reader of the language expects: zh-CN by pinyin (Intl.Collator), en
 * alphabetically. SQL cannot collate Chinese by pinyin on both engines, and the list is small, so the
 * sort happens here.
 */
const collators = new Map<Locale, Intl.Collator>();

function sortMissions(rows: MissionRow[], sort: MissionQuery['sort'], locale: Locale): MissionRow[] {
  // Building a collator costs far more than using one: keep one per locale.
  let collator = collators.get(locale);
  if (!collator) {
    collator = new Intl.Collator(locale);
    collators.set(locale, collator);
  }
  const zh = locale === 'zh-CN';
  const key = (r: MissionRow) =>
    sort === 'city' ? (zh ? r.cityZh : r.cityEn) : sort === 'country' ? r.countryCode : zh ? r.nameZh : r.nameEn;
  return [...rows].sort((a, b) => collator.compare(key(a), key(b)) || a.code.localeCompare(b.code));
}

/** Lists missions, optionally those whose consular district covers a country, matching a search text. */
export async function searchMissions(db: Db, query: MissionQuery, locale: Locale): Promise<MissionPage> {
  const filter = { country: query.country?.toUpperCase(), q: query.q?.trim() || undefined };
  const all = sortMissions(await listMissions(db, filter), query.sort ?? 'name', locale);
  const total = all.length;
  const rows = all.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
  const jurisdictions = await listJurisdictions(
    db,
    rows.map((r) => r.code),
  );
  return { items: rows.map((r) => toMissionDto(r, jurisdictions)), total, page: query.page, pageSize: query.pageSize };
}

/** @throws ProblemError 404 when no mission has this code */
export async function getMission(db: Db, code: string): Promise<Mission> {
  const row = await findMission(db, code.toUpperCase());
  if (!row) throw new ProblemError(404, 'not_found', `no mission ${code}`);
  return toMissionDto(row, await listJurisdictions(db, [row.code]));
}

/** A mission as a reference-data file states it; the display form of the phone is derived. */
const MissionFileSchema = Type.Omit(MissionSchema, ['phoneDisplay']);
type MissionFileEntry = Omit<Mission, 'phoneDisplay'>;

/**
 * Reads a missions file (an array of Mission objects) and checks it against the shared schema.
 * @throws ConfigError naming the file, the entry and the field that do not match
 */
export function readMissionsFile(path: string): MissionFileEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!Array.isArray(data)) throw new ConfigError(`${path}: expected a JSON array of missions`);
  data.forEach((entry, index) => {
    const first = Value.Errors(MissionFileSchema, entry).First();
    if (first) throw new ConfigError(`${path}: mission #${index + 1} field ${first.path || '/'}: ${first.message}`);
  });
  return data as MissionFileEntry[]; // boundary: every entry was checked against the schema above
}

type MissionRows = [MissionRow, JurisdictionRow[]];

/** The rows that store a mission and its consular district; `now` stamps both times (an update keeps createdAt). */
function missionRows(m: MissionFileEntry, now: string): MissionRows {
  const code = m.code.toUpperCase();
  return [
    {
      code,
      kind: m.kind,
      nameZh: m.name['zh-CN'],
      nameEn: m.name.en,
      cityZh: m.city['zh-CN'],
      cityEn: m.city.en,
      countryCode: m.countryCode.toUpperCase(),
      timezone: m.timezone,
      phone: m.phone,
      lat: m.location?.lat ?? null,
      lon: m.location?.lon ?? null,
      createdAt: now,
      updatedAt: now,
    },
    [
      ...m.jurisdiction.countries.map((c) => ({ missionCode: code, countryCode: c.toUpperCase(), regionCode: '' })),
      ...m.jurisdiction.regions.map((r) => ({
        missionCode: code,
        countryCode: r.slice(0, 2).toUpperCase(),
        regionCode: r.toUpperCase(),
      })),
    ],
  ];
}

/** Creates or updates missions with their consular districts; running it twice changes nothing. */
export async function importMissions(db: Db, missions: MissionFileEntry[]): Promise<number> {
  const now = isoNow();
  for (const m of missions) await upsertMission(db, ...missionRows(m, now));
  return missions.length;
}

function canonicalTimezone(zone: string): string | null {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/**
 * Checks what the body schema cannot and answers the mission as it will be stored. Regions must be ISO 3166-2
 * admin-1 codes, except those the mission already holds: reference data may name older codes, and sending
 * a district back unchanged must not fail.
 * @throws ProblemError 400 validation_failed with one error per offending field
 */
function checkMission(code: string, body: MissionBody, before: Mission | null): MissionFileEntry {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, message });
  for (const field of ['name', 'city'] as const) {
    for (const lang of ['zh-CN', 'en'] as const) {
      if (!body[field][lang].trim()) fail(`/${field}/${lang}`, `enter the ${field} in ${lang}`);
    }
  }
  const countryCode = body.countryCode.toUpperCase();
  if (!isCountryCode(countryCode)) fail('/countryCode', `${body.countryCode} is not an ISO 3166-1 country code`);
  const timezone = canonicalTimezone(body.timezone);
  if (!timezone) fail('/timezone', `${body.timezone} is not an IANA time zone`);
  let phone: string | null = null;
  if (body.phone !== null) {
    // boundary: an unknown country code only means the number must be written with its + prefix
    const parsed = parsePhoneNumberFromString(body.phone, countryCode as PhoneCountry);
    if (parsed?.isValid()) phone = parsed.number;
    else fail('/phone', `${body.phone} is not a valid phone number`);
  }
  const countries = [...new Set(body.jurisdiction.countries.map((c) => c.trim().toUpperCase()))];
  countries.forEach((c, i) => {
    if (!isCountryCode(c) || c.length !== 2) fail(`/jurisdiction/countries/${i}`, `${c} is not a country code`);
  });
  const held = new Set(before?.jurisdiction.regions ?? []);
  const regions = [...new Set(body.jurisdiction.regions.map((r) => r.trim().toUpperCase()))];
  regions.forEach((r, i) => {
    if (!findRegion(r) && !held.has(r)) fail(`/jurisdiction/regions/${i}`, `${r} is not an ISO 3166-2 region code`);
  });
  if (!body.reason.trim()) fail('/reason', 'give the reason for the change');
  if (errors.length > 0) throw new ProblemError(400, 'validation_failed', errors[0]?.message, errors);
  return {
    code,
    kind: body.kind,
    name: { 'zh-CN': body.name['zh-CN'].trim(), en: body.name.en.trim() },
    city: { 'zh-CN': body.city['zh-CN'].trim(), en: body.city.en.trim() },
    countryCode,
    timezone: timezone ?? body.timezone,
    phone,
    location: body.location,
    jurisdiction: { countries, regions },
  };
}

/** The field error for another mission's claim that overlaps the district asked for, on the entry it overlaps. */
function overlapError(claim: JurisdictionRow, countries: string[], regions: string[]): FieldError {
  const place = claim.regionCode || claim.countryCode;
  const message = `${place} is in the consular district of ${claim.missionCode}`;
  const region = regions.findIndex(
    (r) => r === claim.regionCode || (claim.regionCode === '' && r.startsWith(`${claim.countryCode}-`)),
  );
  if (region >= 0) return { field: `/jurisdiction/regions/${region}`, message };
  return { field: `/jurisdiction/countries/${countries.indexOf(claim.countryCode)}`, message };
}

/**
 * Creates a mission or replaces one's details and consular district, as HQ administrators do; the reason,
 * before and after go to the audit log in the same transaction.
 * @throws ProblemError 400 validation_failed, 409 conflict (a country or region in another mission's district)
 */
export async function saveMission(
  db: Db,
  source: AuditSource,
  rawCode: string,
  body: MissionBody,
): Promise<{ created: boolean; mission: Mission }> {
  const code = rawCode.toUpperCase();
  return db.transaction().execute(async (trx) => {
    const existing = await findMission(trx, code);
    const before = existing ? toMissionDto(existing, await listJurisdictions(trx, [code])) : null;
    const entry = checkMission(code, body, before);
    const { countries, regions } = entry.jurisdiction;
    const claims = await findClaimsByOthers(trx, code, countries, regions);
    if (claims.length > 0) {
      const errors = claims.map((c) => overlapError(c, countries, regions));
      throw new ProblemError(409, 'conflict', errors[0]?.message, errors);
    }
    const [row, jurisdictions] = missionRows(entry, isoNow());
    await upsertMission(trx, existing ? { ...row, createdAt: existing.createdAt } : row, jurisdictions);
    const after = await getMission(trx, code);
    await appendAudit(trx, source, {
      action: existing ? 'mission.update' : 'mission.create',
      record: { type: 'mission', id: code, missionCode: code },
      reason: body.reason.trim(),
      details: { before, after },
    });
    return { created: !existing, mission: after };
  });
}
