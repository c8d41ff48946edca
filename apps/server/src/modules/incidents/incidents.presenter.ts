import type { Incident, IncidentKind } from '@homeward/shared';
import type { IncidentRow } from './incidents.repo.ts';

/** An incident as the console shows it; `caseCount` is what the caller may see of it. */
export function toIncidentDto(row: IncidentRow, caseCount: number): Incident {
  return {
    id: row.id,
    title: row.title,
    kind: row.kind as IncidentKind, // boundary: written only through IncidentKindSchema
    description: row.description,
    countries: JSON.parse(row.countries) as string[], // boundary: a JSON array the service writes
    status: row.status,
    caseCount,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
