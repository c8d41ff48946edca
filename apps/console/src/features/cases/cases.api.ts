import type {
  Case,
  CaseCategory,
  CaseConflict,
  CaseDetail,
  CaseEvent,
  CaseEventList,
  CasePage,
  CasePersonAddBody,
  CasePriority,
  CaseStatus,
  CaseTaskCreateBody,
  CaseTaskUpdateBody,
  CaseUpdateBody,
  SlaState,
} from '@homeward/shared';
import { CASE_CATEGORIES, CASE_PRIORITIES, CASE_STATUSES } from '@homeward/shared';
import { ApiError, deleteJson, patchJson, postJson } from '../../lib/api.client.ts';

export type { Case, CaseDetail, CaseEvent, CaseEventList, CasePage, CaseStatus, SlaState };

export const CASE_STATUS_KEYS = Object.keys(CASE_STATUSES) as CaseStatus[];
export const CASE_CATEGORY_KEYS = Object.keys(CASE_CATEGORIES) as CaseCategory[];
export const CASE_SORTS = ['newest', 'oldest', 'sla'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];
export const PAGE_SIZE = 25;

export function isCaseStatus(value: string | null): value is CaseStatus {
  return value !== null && (CASE_STATUS_KEYS as string[]).includes(value);
}
export function isPriority(value: string | null): value is CasePriority {
  return value !== null && (CASE_PRIORITIES as readonly string[]).includes(value);
}
export function isCategory(value: string | null): value is CaseCategory {
  return value !== null && (CASE_CATEGORY_KEYS as string[]).includes(value);
}
export function isSort(value: string | null): value is CaseSort {
  return value !== null && (CASE_SORTS as readonly string[]).includes(value);
}

/** The queue's filters, as they stand in the page URL and go to the API. */
export interface CaseFilters {
  q: string;
  status: CaseStatus[];
  priority: CasePriority | '';
  category: CaseCategory | '';
  missionCode: string;
  mine: boolean;
  sla: 'amber' | 'red' | '';
  incidentId: string;
  sort: CaseSort;
  page: number;
}

const MISSION_CODE = /^[A-Z]{2}-[A-Z]{3}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads the filters from the page URL; anything unknown is dropped rather than sent to the server. */
export function filtersFromParams(params: URLSearchParams): CaseFilters {
  const priority = params.get('priority');
  const category = params.get('category');
  const sla = params.get('sla');
  const sort = params.get('sort');
  const mission = (params.get('missionCode') ?? '').toUpperCase();
  const incident = params.get('incidentId') ?? '';
  return {
    q: (params.get('q') ?? '').trim(),
    status: params.getAll('status').filter(isCaseStatus),
    priority: isPriority(priority) ? priority : '',
    category: isCategory(category) ? category : '',
    missionCode: MISSION_CODE.test(mission) ? mission : '',
    mine: params.get('assignedTo') === 'me',
    sla: sla === 'amber' || sla === 'red' ? sla : '',
    incidentId: UUID.test(incident) ? incident : '',
    sort: isSort(sort) ? sort : 'newest',
    page: Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1),
  };
}

/** The same filters as URL parameters (the page's and the API's names are the same). */
export function filtersToParams(filters: CaseFilters, options: { withPage?: boolean } = {}): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  for (const status of filters.status) params.append('status', status);
  if (filters.priority) params.set('priority', filters.priority);
  if (filters.category) params.set('category', filters.category);
  if (filters.missionCode) params.set('missionCode', filters.missionCode);
  if (filters.mine) params.set('assignedTo', 'me');
  if (filters.sla) params.set('sla', filters.sla);
  if (filters.incidentId) params.set('incidentId', filters.incidentId);
  if (filters.sort !== 'newest') params.set('sort', filters.sort);
  if (options.withPage && filters.page > 1) params.set('page', String(filters.page));
  return params;
}

export function casesPath(filters: CaseFilters): string {
  const params = filtersToParams(filters, { withPage: true });
  params.set('pageSize', String(PAGE_SIZE));
  return `/api/v1/cases?${params}`;
}

export function casePath(id: string): string {
  return `/api/v1/cases/${encodeURIComponent(id)}`;
}

export function caseEventsPath(id: string, after?: string): string {
  return `${casePath(id)}/events${after ? `?after=${encodeURIComponent(after)}` : ''}`;
}

export function attachmentPath(caseId: string, attachmentId: string): string {
  return `${casePath(caseId)}/attachments/${encodeURIComponent(attachmentId)}`;
}

/** A stale write: the server answers 409 with the case as it is now. */
export function conflictOf(error: unknown): Case | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  // Boundary: the problem body of `case_version_conflict` follows CaseConflictSchema.
  const problem = error.problem as Partial<CaseConflict> | null;
  return problem?.code === 'case_version_conflict' && problem.current ? problem.current : null;
}

export function transitionCase(id: string, body: { to: CaseStatus; version: number; reason?: string }) {
  return postJson<unknown>(`${casePath(id)}/transitions`, body);
}

export function updateCase(id: string, body: CaseUpdateBody) {
  return patchJson<unknown>(casePath(id), body);
}

export function escalateCase(id: string, body: { version: number; reason: string }) {
  return postJson<unknown>(`${casePath(id)}/escalate`, body);
}

export function mergeCase(id: string, body: { version: number; intoNumber: string }) {
  return postJson<unknown>(`${casePath(id)}/merge`, body);
}

export function postMessage(id: string, body: string) {
  return postJson<unknown>(`${casePath(id)}/messages`, { body });
}

export function postNote(id: string, body: string) {
  return postJson<unknown>(`${casePath(id)}/notes`, { body, visibility: 'internal' });
}

export function addTask(id: string, body: CaseTaskCreateBody) {
  return postJson<unknown>(`${casePath(id)}/tasks`, body);
}

export function updateTask(id: string, taskId: string, body: CaseTaskUpdateBody) {
  return patchJson<unknown>(`${casePath(id)}/tasks/${encodeURIComponent(taskId)}`, body);
}

export function addPerson(id: string, body: CasePersonAddBody) {
  return postJson<unknown>(`${casePath(id)}/persons`, body);
}

export function removePerson(id: string, casePersonId: string) {
  return deleteJson(`${casePath(id)}/persons/${encodeURIComponent(casePersonId)}`);
}
