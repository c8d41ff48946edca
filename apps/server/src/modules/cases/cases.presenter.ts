import type { Case, CaseAttachmentSummary, CaseEvent, CasePerson, CaseTask } from '@homeward/shared';
import type { Selectable } from 'kysely';
import type { CaseAttachmentsTable, CasePersonsTable } from '../../db/tables/cases.table.ts';
import type { CaseEventRow } from './cases.events.repo.ts';
import type { CaseViewRow } from './cases.repo.ts';
import { businessCalendar, slaView } from './cases.sla.ts';

/** What leaves the server about a case; who created it internally and the reporter's id stay inside. */
export function toCaseDto(row: CaseViewRow, now: Date = new Date()): Case {
  return {
    id: row.id,
    number: row.number,
    missionCode: row.missionCode,
    category: row.category,
    priority: row.priority,
    status: row.status,
    summary: row.summary,
    subjectName: row.subjectName,
    openedAt: row.openedAt,
    updatedAt: row.updatedAt,
    version: Number(row.version),
    source: row.source,
    description: row.description,
    location: row.locationCountry
      ? {
          country: row.locationCountry,
          region: row.locationRegion,
          city: row.locationCity,
          label: row.locationLabel,
          lat: row.locationLat === null ? null : Number(row.locationLat),
          lon: row.locationLon === null ? null : Number(row.locationLon),
        }
      : null,
    reporterRelation: row.reporterRelation,
    contactPhone: row.contactPhone,
    assignedTo: row.assignedTo ? { id: row.assignedTo, name: row.assigneeName ?? '' } : null,
    incidentId: row.incidentId,
    mergedIntoId: row.mergedIntoId,
    escalationLevel: Number(row.escalationLevel),
    closedAt: row.closedAt,
    sla: slaView(row, businessCalendar(row.missionTimeZone), now),
  };
}

/**
 * The case as the reporting citizen sees it: no internal owner, escalation or incident (they are staff
 * matters); the SLA stays, so the person sees when to expect an answer.
 */
export function toCitizenCaseDto(row: CaseViewRow, now: Date = new Date()): Case {
  return { ...toCaseDto(row, now), assignedTo: null, incidentId: null, escalationLevel: 0 };
}

export function toCasePersonDto(row: Selectable<CasePersonsTable>): CasePerson {
  return {
    id: row.id,
    role: row.role,
    personId: row.personId,
    name: row.name,
    phone: row.phone,
    relation: row.relation,
    createdAt: row.createdAt,
  };
}

export function toCaseTaskDto(row: {
  id: string;
  title: string;
  dueAt: string | null;
  assigneeUserId: string | null;
  assigneeName: string | null;
  doneAt: string | null;
  createdAt: string;
}): CaseTask {
  return {
    id: row.id,
    title: row.title,
    dueAt: row.dueAt,
    assignedTo: row.assigneeUserId ? { id: row.assigneeUserId, name: row.assigneeName ?? '' } : null,
    doneAt: row.doneAt,
    createdAt: row.createdAt,
  };
}

export function toCaseAttachmentDto(
  row: Pick<Selectable<CaseAttachmentsTable>, 'id' | 'fileName' | 'mediaType' | 'sizeBytes' | 'createdAt'>,
): CaseAttachmentSummary {
  return {
    id: row.id,
    fileName: row.fileName,
    mediaType: row.mediaType,
    sizeBytes: Number(row.sizeBytes),
    createdAt: row.createdAt,
  };
}

/** One timeline entry; the author is named for staff, and shown as "consular staff" to citizens by the UI. */
export function toCaseEventDto(row: CaseEventRow & { authorName?: string | null }): CaseEvent {
  return {
    id: row.id,
    caseId: row.caseId,
    kind: row.kind,
    visibility: row.visibility,
    author: { kind: row.authorKind, name: row.authorName ?? null },
    body: row.body,
    data: row.data ? (JSON.parse(row.data) as Record<string, unknown>) : null,
    createdAt: row.createdAt,
  };
}
