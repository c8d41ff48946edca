import type { Case, CasePage, CaseStatus } from '@homeward/shared';
import { CASE_STATUSES } from '@homeward/shared';

export type { Case, CasePage, CaseStatus };

export const CASE_STATUS_KEYS = Object.keys(CASE_STATUSES) as CaseStatus[];

export function isCaseStatus(value: string | null): value is CaseStatus {
  return value !== null && (CASE_STATUS_KEYS as string[]).includes(value);
}

export function casesPath(filter: { status?: string; missionCode?: string; page?: number }): string {
  const params = new URLSearchParams();
  if (filter.status) params.set('status', filter.status);
  if (filter.missionCode) params.set('missionCode', filter.missionCode);
  if (filter.page && filter.page > 1) params.set('page', String(filter.page));
  params.set('pageSize', '25');
  return `/api/v1/cases?${params}`;
}

export function casePath(id: string): string {
  return `/api/v1/cases/${encodeURIComponent(id)}`;
}
