import { readFileSync } from 'node:fs';
import { type Locale, type Mission, type MissionPage, MissionSchema } from '@homeward/shared';
import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { isoNow } from '../../clock.ts';
import { ConfigError } from '../../config.ts';
import type { Db } from '../../db/schema.ts';
import { ProblemError } from '../../http/problem.ts';
import { toMissionDto } from './missions.presenter.ts';
import { findMission, listJurisdictions, listMissions, type MissionRow, upsertMission } from './missions.repo.ts';

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

/** Creates or updates missions with their consular districts; running it twice changes nothing. */
export async function importMissions(db: Db, missions: MissionFileEntry[]): Promise<number> {
  const now = isoNow();
  for (const m of missions) {
    await upsertMission(
      db,
      {
        code: m.code.toUpperCase(),
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
        ...m.jurisdiction.countries.map((c) => ({ missionCode: m.code, countryCode: c, regionCode: '' })),
        ...m.jurisdiction.regions.map((r) => ({
          missionCode: m.code,
          countryCode: r.slice(0, 2).toUpperCase(),
          regionCode: r.toUpperCase(),
        })),
      ],
    );
  }
  return missions.length;
}
