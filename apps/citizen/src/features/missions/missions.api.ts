import type { Country, Mission, MissionPage } from '@homeward/shared';

export const PAGE_SIZE = 20;

export interface MissionQuery {
  q?: string;
  country?: string;
  page?: number;
  sort?: 'name' | 'country' | 'city';
}

/** The URL of a missions search; also the key its last answer is saved under for offline use. */
export function missionsPath(query: MissionQuery): string {
  const params = new URLSearchParams();
  if (query.country) params.set('country', query.country);
  if (query.q) params.set('q', query.q);
  params.set('page', String(query.page ?? 1));
  params.set('pageSize', String(PAGE_SIZE));
  if (query.sort) params.set('sort', query.sort);
  return `/api/v1/missions?${params}`;
}

export function missionPath(code: string): string {
  return `/api/v1/missions/${encodeURIComponent(code)}`;
}

export const COUNTRIES_PATH = '/api/v1/countries';

export type { Country, Mission, MissionPage };
