import type { CaseCategory, CasePriority, CaseStatus } from '@homeward/shared';

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
}

/** Named counters for readable numbers (HW-2026-000123), incremented atomically on both engines. */
export interface CountersTable {
  name: string;
  value: number;
}
