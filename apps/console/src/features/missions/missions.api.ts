import type { Country, Mission, MissionPage } from '@homeward/shared';

export const PAGE_SIZE = 20;
export const SORTS = ['name', 'country', 'city'] as const;
export type MissionSort = (typeof SORTS)[number];

export function isSort(value: string | null): value is MissionSort {
  return value !== null && (SORTS as readonly string[]).includes(value);
}

export function missionsPath(query: { q: string; country: string; sort: MissionSort; page: number }): string {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.country) params.set('country', query.country);
  params.set('sort', query.sort);
  params.set('page', String(query.page));
  params.set('pageSize', String(PAGE_SIZE));
  return `/api/v1/missions?${params}`;
}

export const COUNTRIES_PATH = '/api/v1/countries';

export type { Country, Mission, MissionPage };
