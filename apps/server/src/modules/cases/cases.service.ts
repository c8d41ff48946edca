import type { Case, CasePage, OpenCaseBody } from '@homeward/shared';
import { isoNow, newId } from '../../clock.ts';
import type { Db } from '../../db/schema.ts';
import { ProblemError } from '../../http/problem.ts';
import type { Actor } from '../../policy/actor.ts';
import { canOpenCase, canViewCase, caseListScope } from '../../policy/cases.policy.ts';
import { type AuditSource, appendAudit } from '../audit/audit.service.ts';
import { findMission } from '../missions/missions.repo.ts';
import { toCaseDto } from './cases.presenter.ts';
import { countCases, findCase, insertCase, listCases, nextCounterValue } from './cases.repo.ts';

/** HW-2026-000123: the year the case was opened and a number that counts up within it. */
export function formatCaseNumber(year: number, n: number): string {
  return `HW-${year}-${String(n).padStart(6, '0')}`;
}

/**
 * Staff open a case for a mission they may act for; the readable number is allocated atomically.
 * @throws ProblemError 403 outside the actor's missions, 400 for an unknown mission
 */
export async function openCase(db: Db, actor: Actor, body: OpenCaseBody, source: AuditSource): Promise<Case> {
  if (!canOpenCase(actor, body.missionCode)) throw new ProblemError(403, 'forbidden', 'not a mission you act for');
  return db.transaction().execute(async (trx) => {
    if (!(await findMission(trx, body.missionCode))) {
      const message = `unknown mission ${body.missionCode}`;
      throw new ProblemError(400, 'validation_failed', message, [{ field: '/missionCode', message }]);
    }
    const now = isoNow();
    const year = new Date(now).getUTCFullYear();
    const row = {
      id: newId(),
      number: formatCaseNumber(year, await nextCounterValue(trx, `case:${year}`)),
      missionCode: body.missionCode,
      category: body.category,
      priority: body.priority,
      status: 'new' as const,
      summary: body.summary.trim(),
      subjectName: body.subjectName.trim(),
      reporterUserId: null,
      createdBy: actor.id,
      openedAt: now,
      updatedAt: now,
      version: 1,
    };
    await insertCase(trx, row);
    await appendAudit(trx, source, {
      action: 'case.open',
      record: { type: 'case', id: row.id, missionCode: row.missionCode },
      details: { number: row.number, category: row.category, priority: row.priority },
    });
    const stored = await findCase(trx, row.id);
    if (!stored) throw new Error(`case ${row.id} vanished inside its own transaction`);
    return toCaseDto(stored);
  });
}

/**
 * One case, if the actor may see it. Out-of-scope and missing cases answer the same 404, so a case's
 * existence does not leak. Staff reads are written to the audit log.
 */
export async function viewCase(db: Db, actor: Actor, id: string, source: AuditSource): Promise<Case> {
  const row = await findCase(db, id);
  if (!row || !canViewCase(actor, row)) throw new ProblemError(404, 'not_found');
  if (actor.role !== 'citizen') {
    await appendAudit(db, source, {
      action: 'case.view',
      record: { type: 'case', id: row.id, missionCode: row.missionCode },
    });
  }
  return toCaseDto(row);
}

export interface CaseQuery {
  status?: string;
  missionCode?: string;
  page: number;
  pageSize: number;
}

/** The cases the actor may see, newest first. @throws ProblemError 403 for roles that see no cases */
export async function searchCases(db: Db, actor: Actor, query: CaseQuery): Promise<CasePage> {
  const scope = caseListScope(actor);
  if (!scope) throw new ProblemError(403, 'forbidden');
  const filter = { scope, status: query.status, missionCode: query.missionCode };
  const [total, rows] = await Promise.all([
    countCases(db, filter),
    listCases(db, filter, query.pageSize, (query.page - 1) * query.pageSize),
  ]);
  return { items: rows.map(toCaseDto), total, page: query.page, pageSize: query.pageSize };
}
