import type { CaseDetail, CaseEvent, CaseEventList, CasePage, CaseStatus, LiveCaseEvent } from '@homeward/shared';
import { getJson, sendJson } from '../../lib/api.client.ts';

// The citizen's own cases (issue 5): the list, one case with its citizen-visible timeline, and messages to the
// mission. Personal data: pages load these with `keepOnDevice: false`.

export type { CaseDetail, CaseEvent, CaseEventList, CasePage, LiveCaseEvent };

// The shared schema's list, repeated as plain values: importing it would pull TypeBox into this chunk.
const STATUSES = [
  'new',
  'triaged',
  'assigned',
  'in_progress',
  'waiting',
  'resolved',
  'closed',
] as const satisfies readonly CaseStatus[];

export function isCaseStatus(value: unknown): value is CaseStatus {
  return typeof value === 'string' && (STATUSES as readonly string[]).includes(value);
}

const V1 = '/api/v1';
export const CASES_PAGE_SIZE = 20;

export function casesPath(page: number): string {
  return `${V1}/cases?${new URLSearchParams({ page: String(page), pageSize: String(CASES_PAGE_SIZE), sort: 'newest' })}`;
}

export function casePath(id: string): string {
  return `${V1}/cases/${encodeURIComponent(id)}`;
}

export function eventsPath(id: string, after?: string): string {
  return `${casePath(id)}/events${after ? `?${new URLSearchParams({ after })}` : ''}`;
}

export function attachmentPath(caseId: string, attachmentId: string): string {
  return `${casePath(caseId)}/attachments/${encodeURIComponent(attachmentId)}`;
}

export function fetchEvents(id: string, after: string | undefined, signal?: AbortSignal): Promise<CaseEventList> {
  return getJson(eventsPath(id, after), signal);
}

export function sendMessage(id: string, body: string, idempotencyKey: string): Promise<unknown> {
  return sendJson('POST', `${casePath(id)}/messages`, { body }, { idempotencyKey });
}

/** The SSE stream of case events (decision 0012); events are named `case`. */
export const LIVE_PATH = `${V1}/live`;
export const LIVE_EVENT = 'case';
