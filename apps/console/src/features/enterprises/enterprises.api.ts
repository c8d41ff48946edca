import type {
  BusinessSector,
  EnterpriseSiteDetail,
  EnterpriseSitePage,
  EnterpriseSummary,
  StaffMemberPage,
} from '@homeward/shared';

// Enterprises abroad as staff see them (issue 4): per country, their sites, one site with its staff list.
// The server scopes every answer to the caller's missions and audits the reads of contacts and staff.

export type { BusinessSector, EnterpriseSiteDetail, EnterpriseSitePage, EnterpriseSummary, StaffMemberPage };

const V1 = '/api/v1/enterprises';
export const SUMMARY_PATH = `${V1}/summary`;

export interface SiteFilter {
  country: string;
  sector: string;
  q: string;
  page: number;
}

export function sitesPath(filter: SiteFilter): string {
  const params = new URLSearchParams({ page: String(filter.page), pageSize: '25' });
  if (filter.country) params.set('country', filter.country);
  if (filter.sector) params.set('sector', filter.sector);
  if (filter.q) params.set('q', filter.q);
  return `${V1}/sites?${params}`;
}

export const sitePath = (siteId: string) => `${V1}/sites/${encodeURIComponent(siteId)}`;
export const siteStaffPath = (siteId: string, page: number) => `${sitePath(siteId)}/staff?page=${page}&pageSize=25`;
