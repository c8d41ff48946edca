import type { Advisory, AdvisoryCountry, AdvisoryLevel, AdvisoryList, AdvisorySummary } from '@homeward/shared';

// Travel advisories (issue 6, item 1): public reads; following a country uses the registry's subscriptions.

export type { Advisory, AdvisoryCountry, AdvisoryLevel, AdvisoryList, AdvisorySummary };

export const ADVISORIES_PATH = '/api/v1/advisories';
export const HISTORY_PAGE_SIZE = 5;

export function countryAdvisoriesPath(country: string, page = 1): string {
  return `/api/v1/advisories/${encodeURIComponent(country)}?page=${page}&pageSize=${HISTORY_PAGE_SIZE}`;
}

/** MFA colours by level (GLOSSARY: 蓝色, 黄色, 橙色, 红色); the level number and words always go with them. */
export const LEVEL_FILLS: Record<AdvisoryLevel, string> = {
  1: '#1d70b8',
  2: '#ffdd00',
  3: '#f47738',
  4: '#b3261e',
};
