import type { Advisory, AdvisoryCountry, AdvisoryLevel, AdvisoryList, PublishAdvisoryBody } from '@homeward/shared';
import { postJson } from '../../lib/api.client.ts';

// Travel advisories (issue 6, item 1): the public reads, and publishing for alert managers and HQ.

export type { Advisory, AdvisoryCountry, AdvisoryLevel, AdvisoryList, PublishAdvisoryBody };

export const ADVISORIES_PATH = '/api/v1/advisories';
export const HISTORY_PAGE_SIZE = 10;

export function countryAdvisoriesPath(country: string, page = 1): string {
  return `/api/v1/advisories/${encodeURIComponent(country)}?page=${page}&pageSize=${HISTORY_PAGE_SIZE}`;
}

export function publishAdvisory(body: PublishAdvisoryBody): Promise<Advisory> {
  return postJson<Advisory>(ADVISORIES_PATH, body);
}
