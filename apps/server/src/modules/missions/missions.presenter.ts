import type { Mission } from '@homeward/shared';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { JurisdictionRow, MissionRow } from './missions.repo.ts';

/** What leaves the server about a mission: public reference data only. */
export function toMissionDto(row: MissionRow, jurisdictions: JurisdictionRow[]): Mission {
  const own = jurisdictions.filter((j) => j.missionCode === row.code);
  return {
    code: row.code,
    kind: row.kind,
    name: { 'zh-CN': row.nameZh, en: row.nameEn },
    city: { 'zh-CN': row.cityZh, en: row.cityEn },
    countryCode: row.countryCode,
    timezone: row.timezone,
    phone: row.phone,
    phoneDisplay: row.phone ? (parsePhoneNumberFromString(row.phone)?.formatInternational() ?? row.phone) : null,
    location: row.lat === null || row.lon === null ? null : { lat: row.lat, lon: row.lon },
    jurisdiction: {
      countries: own.filter((j) => j.regionCode === '').map((j) => j.countryCode),
      regions: own.filter((j) => j.regionCode !== '').map((j) => j.regionCode),
    },
  };
}
