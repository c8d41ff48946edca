import type { Country, Mission, MissionBody, MissionPage } from '@homeward/shared';
import { putJson } from '../../lib/api.client.ts';

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

/** Creates the mission when the code is new, otherwise replaces its details and consular district. */
export function saveMission(code: string, body: MissionBody): Promise<Mission> {
  return putJson(`/api/v1/missions/${encodeURIComponent(code)}`, body);
}

export type { Country, Mission, MissionBody, MissionPage };
