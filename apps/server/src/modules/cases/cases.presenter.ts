import type { Case } from '@homeward/shared';
import type { CaseRow } from './cases.repo.ts';

/** What leaves the server about a case; who created it internally and the reporter's id stay inside. */
export function toCaseDto(row: CaseRow): Case {
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
  };
}
