import type { BusinessSector, Organisation, Site, StaffImport } from '@homeward/shared';
import { BUSINESS_SECTORS } from '@homeward/shared';
import { cityName, countryName, regionName } from './businesses.places.ts';
import type { BusinessRow, SiteRow, StaffImportRow } from './businesses.repo.ts';

export function sectorOf(value: string | null): BusinessSector | null {
  return value !== null && Object.hasOwn(BUSINESS_SECTORS, value) ? (value as BusinessSector) : null;
}

export function toOrganisationDto(row: BusinessRow, counts: { sites: number; staff: number }): Organisation {
  return {
    id: row.id,
    name: row.name,
    registrationNumber: row.registrationNumber,
    sector: sectorOf(row.sector),
    siteCount: counts.sites,
    staffCount: counts.staff,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toSiteDto(row: SiteRow, staffCount: number): Site {
  return {
    id: row.id,
    organisationId: row.businessId,
    name: row.name,
    countryCode: row.countryCode,
    countryName: countryName(row.countryCode),
    regionCode: row.regionCode,
    regionName: regionName(row.regionCode),
    cityId: row.cityId,
    cityName: cityName(row.cityId),
    lat: row.lat,
    lon: row.lon,
    headcount: row.headcount ?? 0,
    securityContactName: row.securityContactName,
    securityContactPhone: row.securityContactPhone,
    securityContactEmail: row.securityContactEmail,
    staffCount,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function errorReportUrl(row: Pick<StaffImportRow, 'id' | 'businessId'>): string {
  return `/api/v1/organisations/${row.businessId}/staff-imports/${row.id}/errors.csv`;
}

export function toStaffImportDto(row: StaffImportRow): StaffImport {
  const errors = JSON.parse(row.errors) as unknown[];
  return {
    id: row.id,
    fileName: row.fileName,
    status: row.status,
    rowCount: row.rowCount,
    importedCount: row.importedCount,
    errorCount: errors.length,
    errorReportUrl: row.status === 'rejected' ? errorReportUrl(row) : null,
    createdAt: row.createdAt,
  };
}
