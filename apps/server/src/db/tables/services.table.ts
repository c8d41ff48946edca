import type { ApplicationEventKind, ApplicationStatus } from '@homeward/shared';

/** One version of a service definition (decision 0020); rows are never edited, a change is a new version. */
export interface ServiceDefinitionsTable {
  id: string;
  serviceId: string;
  version: number;
  /** The definition as JSON text, valid against ServiceDefinitionSchema. */
  definition: string;
  /** Of the canonical JSON: a file already loaded once is not loaded again. */
  sha256: string;
  source: 'file' | 'console';
  createdBy: string | null;
  createdAt: string;
}

/** A citizen's application for a service, from the first draft to collection. */
export interface ServiceApplicationsTable {
  id: string;
  /** HW-A-2026-000123, given at the first submission; null for a draft. */
  reference: string | null;
  serviceId: string;
  /** The definition version the form was made with. */
  definitionId: string;
  userId: string;
  missionCode: string | null;
  status: ApplicationStatus;
  /** JSON object of field id → answer text. */
  answers: string;
  feeAmountMinor: number;
  feeCurrency: string;
  decisionReason: string | null;
  /** Optimistic concurrency: every change adds one. */
  version: number;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
}

export interface ServiceApplicationEventsTable {
  id: string;
  applicationId: string;
  kind: ApplicationEventKind;
  /** The status the application had after the event. */
  status: ApplicationStatus;
  message: string | null;
  actorUserId: string | null;
  /** 0/1 on SQLite, 0/1 on PostgreSQL (integer column): read through Boolean(). */
  byStaff: number;
  createdAt: string;
}

export interface ServiceApplicationDocumentsTable {
  id: string;
  applicationId: string;
  /** The file field of the definition the document answers. */
  field: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  width: number | null;
  height: number | null;
  sha256: string;
  content: Uint8Array;
  uploadedBy: string | null;
  createdAt: string;
}
