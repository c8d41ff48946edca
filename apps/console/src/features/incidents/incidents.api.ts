import type {
  Incident,
  IncidentBoard,
  IncidentCreateBody,
  IncidentKind,
  IncidentPage,
  IncidentStatus,
} from '@homeward/shared';
import { INCIDENT_KINDS } from '@homeward/shared';
import { postJson } from '../../lib/api.client.ts';

export type { Incident, IncidentBoard, IncidentKind, IncidentPage, IncidentStatus };
export { INCIDENT_KINDS };

export const PAGE_SIZE = 20;

export function incidentsPath(query: { status: IncidentStatus | ''; page: number }): string {
  const params = new URLSearchParams();
  if (query.status) params.set('status', query.status);
  if (query.page > 1) params.set('page', String(query.page));
  params.set('pageSize', String(PAGE_SIZE));
  return `/api/v1/incidents?${params}`;
}

export function incidentBoardPath(id: string): string {
  return `/api/v1/incidents/${encodeURIComponent(id)}/board`;
}

export function createIncident(body: IncidentCreateBody): Promise<Incident> {
  return postJson<Incident>('/api/v1/incidents', body);
}
