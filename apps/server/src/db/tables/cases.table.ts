import type { CaseCategory, CasePriority, CaseSource, CaseStatus, SlaState } from '@homeward/shared';
import type { Generated } from 'kysely';

export interface CasesTable {
  id: string;
  number: string;
  missionCode: string;
  category: CaseCategory;
  priority: CasePriority;
  status: CaseStatus;
  summary: string;
  subjectName: string;
  reporterUserId: string | null;
  createdBy: string | null;
  openedAt: string;
  updatedAt: string;
  /** Optimistic concurrency: every change increments it; a stale write is refused. */
  version: number;
  /** How the case came in: `staff` (opened in the console), `citizen` (help request), `hotline` (a call). */
  source: Generated<CaseSource>;
  /** The reporter's own words; `summary` is the one-line gist staff keep current. */
  description: Generated<string>;
  /** Where it happened: ISO 3166-1 alpha-2, ISO 3166-2, GeoNames city id, free text, and a point. */
  locationCountry: string | null;
  locationRegion: string | null;
  locationCity: string | null;
  locationLabel: string | null;
  locationLat: number | null;
  locationLon: number | null;
  /** The reporter's relation to the subject: `self` when they ask for themselves. */
  reporterRelation: Generated<string>;
  contactPhone: string | null;
  /** The registry record of the person concerned, when known. */
  subjectPersonId: string | null;
  /** The officer who owns the case. */
  assignedTo: string | null;
  incidentId: string | null;
  /** Set when this case was merged into another as a duplicate. */
  mergedIntoId: string | null;
  /** 0 none, 1 the mission head, 2 headquarters. */
  escalationLevel: Generated<number>;
  closedAt: string | null;
  /** SLA clock (migration 1510, decision 0011): the first staff answer and the last update to the person. */
  firstResponseAt: string | null;
  lastUpdateAt: string | null;
  /** Set while the case waits on the person (status `waiting`): the clock stands still. */
  slaPausedSince: string | null;
  /** When each running target is due (null when met, not started or stopped) and the earliest of them. */
  slaFirstDueAt: string | null;
  slaNextDueAt: string | null;
  slaDueAt: string | null;
  /** The state last recorded per target, and the worst of them (for the breach list). */
  slaFirstState: Generated<SlaState>;
  slaNextState: Generated<SlaState>;
  slaState: Generated<SlaState>;
}

/** Someone involved in a case, linked to the registry when they are in it. */
export interface CasePersonsTable {
  id: string;
  caseId: string;
  role: 'subject' | 'reporter' | 'next_of_kin';
  personId: string | null;
  name: string;
  phone: string | null;
  relation: string | null;
  createdAt: string;
}

/**
 * The case timeline, append-only: every transition, note, message, assignment, escalation, merge,
 * attachment and task change. `visibility` `citizen` events are shown to the reporter; `internal` ones
 * only to staff. `data` is JSON (e.g. `{"from":"new","to":"triaged"}`). Ids are UUIDv7, so they sort by time.
 */
export interface CaseEventsTable {
  id: string;
  caseId: string;
  kind: string;
  visibility: 'internal' | 'citizen';
  authorUserId: string | null;
  authorKind: 'citizen' | 'staff' | 'system';
  body: string | null;
  data: string | null;
  createdAt: string;
}

/** A photo or PDF attached to a case, kept in the database with the case (≤ 10 MB, type sniffed). */
export interface CaseAttachmentsTable {
  id: string;
  caseId: string;
  eventId: string | null;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  content: Uint8Array;
  uploadedBy: string | null;
  createdAt: string;
}

export interface CaseTasksTable {
  id: string;
  caseId: string;
  title: string;
  dueAt: string | null;
  assigneeUserId: string | null;
  doneAt: string | null;
  createdBy: string | null;
  createdAt: string;
}

/** Many cases grouped under one event (an earthquake, an evacuation); `countries` is a JSON array. */
export interface IncidentsTable {
  id: string;
  title: string;
  kind: string;
  description: Generated<string>;
  countries: Generated<string>;
  status: Generated<'active' | 'closed'>;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Named counters for readable numbers (HW-2026-000123), incremented atomically on both engines. */
export interface CountersTable {
  name: string;
  value: number;
}
