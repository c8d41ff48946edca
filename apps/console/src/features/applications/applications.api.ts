import type { Application, ApplicationList, ApplicationStatus, Service, ServiceList } from '@homeward/shared';

export const QUEUE_PAGE_SIZE = 25;

export function applicationPath(id: string): string {
  return `/api/v1/applications/${encodeURIComponent(id)}`;
}

export interface QueueFilter {
  q: string;
  status: string;
  serviceId: string;
  mission: string;
  page: number;
}

/** The queue's URL; the filter lives in the page address (shareable, Back works). */
export function queuePath(filter: QueueFilter): string {
  const params = new URLSearchParams();
  if (filter.q) params.set('q', filter.q);
  if (filter.status) params.set('status', filter.status);
  if (filter.serviceId) params.set('serviceId', filter.serviceId);
  if (filter.mission) params.set('mission', filter.mission);
  params.set('page', String(filter.page));
  params.set('pageSize', String(QUEUE_PAGE_SIZE));
  return `/api/v1/applications?${params}`;
}

/** Statuses an officer filters by; drafts never reach the queue. */
export const QUEUE_STATUSES = [
  'submitted',
  'more_info_requested',
  'approved',
  'refused',
  'issued',
  'collected',
] as const satisfies readonly ApplicationStatus[];

export type { Application, ApplicationList, ApplicationStatus, Service, ServiceList };
