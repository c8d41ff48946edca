export interface MissionsTable {
  code: string;
  kind: 'embassy' | 'consulate_general';
  nameZh: string;
  nameEn: string;
  cityZh: string;
  cityEn: string;
  countryCode: string;
  timezone: string;
  phone: string | null;
  lat: number | null;
  lon: number | null;
  createdAt: string;
  updatedAt: string;
}

/** One row per country (regionCode '') or admin-1 region a mission's consular district covers. */
export interface MissionJurisdictionsTable {
  missionCode: string;
  countryCode: string;
  regionCode: string;
}
