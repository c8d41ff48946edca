import type {
  Case,
  CaseDetail,
  CaseEventList,
  CaseListQuery,
  CasePage,
  CaseSource,
  OpenCaseBody,
} from '@homeward/shared';
import { newId } from '../../clock.ts';
import type { Db } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { ProblemError } from '../../http/problem.ts';
import type { Actor } from '../../policy/actor.ts';
import { canManageCase, canOpenCase, canViewCase, caseListScope } from '../../policy/cases.policy.ts';
import { type AuditSource, appendAudit } from '../audit/audit.service.ts';
import { findMission } from '../missions/missions.repo.ts';
import { appendCaseEvent, listCaseEvents } from './cases.events.repo.ts';
import { listCaseAttachments, listCasePersons, listCaseTasks, personExists } from './cases.parts.repo.ts';
import {
  toCaseAttachmentDto,
  toCaseDto,
  toCaseEventDto,
  toCasePersonDto,
  toCaseTaskDto,
  toCitizenCaseDto,
} from './cases.presenter.ts';
import {
  type CaseFilter,
  type CaseViewRow,
  countCases,
  findCase,
  insertCase,
  listCases,
  nextCounterValue,
} from './cases.repo.ts';
import { caseTextSearch } from './cases.search.ts';
import { businessCalendar, slaOnOpen } from './cases.sla.ts';
import { allowedTransitions } from './cases.workflow.ts';

/** HW-2026-000123: the year the case was opened and a number that counts up within it. */
export function formatCaseNumber(year: number, n: number): string {
  return `HW-${year}-${String(n).padStart(6, '0')}`;
}

/** The case as this actor may see it: the citizen view for the reporter, the full one for staff. */
export function presentCase(actor: Actor, row: CaseViewRow): Case {
  return actor.role === 'citizen' ? toCitizenCaseDto(row) : toCaseDto(row);
}

/** A case the actor may see, or the same 404 as a missing one (a case's existence does not leak). */
export async function loadVisibleCase(db: Db, actor: Actor, id: string): Promise<CaseViewRow> {
  const row = await findCase(db, id);
  if (!row || !canViewCase(actor, row)) throw new ProblemError(404, 'not_found');
  return row;
}

export interface OpenCaseOptions {
  /** How the case came in; defaults to `hotline` for hotline agents and `staff` otherwise. */
  source?: CaseSource;
}

/**
 * Staff open a case for a mission they may act for; the readable number is allocated atomically, the SLA
 * clock starts, and the people named are added. Runs in the caller's transaction when given one.
 * @throws ProblemError 403 outside the actor's missions, 400 for an unknown mission or registry person
 */
export async function openCase(
  db: Db,
  actor: Actor,
  body: OpenCaseBody,
  audit: AuditSource,
  options: OpenCaseOptions = {},
): Promise<Case> {
  if (!canOpenCase(actor, body.missionCode)) throw new ProblemError(403, 'forbidden', 'not a mission you act for');
  return inTransaction(db, async (trx) => {
    const mission = await findMission(trx, body.missionCode);
    if (!mission) {
      const message = `unknown mission ${body.missionCode}`;
      throw new ProblemError(400, 'validation_failed', message, [{ field: '/missionCode', message }]);
    }
    for (const [index, person] of (body.persons ?? []).entries()) {
      if (person.personId && !(await personExists(trx, person.personId))) {
        const message = 'no such person in the registry';
        throw new ProblemError(422, 'validation_failed', message, [{ field: `/persons/${index}/personId`, message }]);
      }
    }
    const now = new Date();
    const iso = now.toISOString();
    const year = now.getUTCFullYear();
    const location = body.location;
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
      openedAt: iso,
      updatedAt: iso,
      version: 1,
      source: options.source ?? (actor.role === 'hotline_agent' ? 'hotline' : 'staff'),
      description: body.description?.trim() ?? '',
      locationCountry: location?.country ?? null,
      locationRegion: location?.region ?? null,
      locationCity: location?.city ?? null,
      locationLabel: location?.label?.trim() || null,
      locationLat: location?.lat ?? null,
      locationLon: location?.lon ?? null,
      reporterRelation: body.reporterRelation?.trim() || 'self',
      contactPhone: body.contactPhone?.trim() || null,
      subjectPersonId: body.persons?.find((p) => p.role === 'subject' && p.personId)?.personId ?? null,
      ...slaOnOpen(body.priority, businessCalendar(mission.timezone), now),
    };
    await insertCase(trx, row);
    await appendCaseEvent(trx, {
      caseId: row.id,
      kind: 'created',
      visibility: 'citizen',
      authorUserId: actor.id,
      authorKind: 'staff',
      data: { source: row.source, priority: row.priority, category: row.category },
    });
    for (const person of body.persons ?? []) {
      await trx
        .insertInto('casePersons')
        .values({
          id: newId(),
          caseId: row.id,
          role: person.role,
          personId: person.personId ?? null,
          name: person.name.trim(),
          phone: person.phone?.trim() || null,
          relation: person.relation?.trim() || null,
          createdAt: iso,
        })
        .execute();
    }
    await appendAudit(trx, audit, {
      action: 'case.open',
      record: { type: 'case', id: row.id, missionCode: row.missionCode },
      details: { number: row.number, category: row.category, priority: row.priority },
    });
    const stored = await findCase(trx, row.id);
    if (!stored) throw new Error(`case ${row.id} vanished inside its own transaction`);
    return toCaseDto(stored);
  });
}

/** Staff reads of a case are written to the audit log; the reporter's own reads are not. */
async function auditView(db: Db, actor: Actor, row: CaseViewRow, audit: AuditSource): Promise<void> {
  if (actor.role === 'citizen') return;
  await appendAudit(db, audit, {
    action: 'case.view',
    record: { type: 'case', id: row.id, missionCode: row.missionCode },
  });
}

/**
 * One case, if the actor may see it. Out-of-scope and missing cases answer the same 404, so a case's
 * existence does not leak. Staff reads are written to the audit log.
 */
export async function viewCase(db: Db, actor: Actor, id: string, audit: AuditSource): Promise<Case> {
  const row = await loadVisibleCase(db, actor, id);
  await auditView(db, actor, row, audit);
  return presentCase(actor, row);
}

/**
 * A case with its people, tasks, attachment list and the transitions the actor may make. The reporting
 * citizen gets the citizen view: no people, tasks or transitions (staff matters).
 */
export async function viewCaseDetail(db: Db, actor: Actor, id: string, audit: AuditSource): Promise<CaseDetail> {
  const row = await loadVisibleCase(db, actor, id);
  await auditView(db, actor, row, audit);
  const staff = actor.role !== 'citizen';
  const [persons, tasks, attachments, mergedInto] = await Promise.all([
    staff ? listCasePersons(db, row.id) : [],
    staff ? listCaseTasks(db, row.id) : [],
    listCaseAttachments(db, row.id, { citizenOnly: !staff }),
    row.mergedIntoId ? findCase(db, row.mergedIntoId) : undefined,
  ]);
  return {
    case: presentCase(actor, row),
    persons: persons.map(toCasePersonDto),
    tasks: tasks.map(toCaseTaskDto),
    attachments: attachments.map(toCaseAttachmentDto),
    allowedTransitions: staff && canWorkflow(actor, row) ? allowedTransitions(actor.role, row.status) : [],
    mergedInto: mergedInto && canViewCase(actor, mergedInto) ? { id: mergedInto.id, number: mergedInto.number } : null,
  };
}

function canWorkflow(actor: Actor, row: CaseViewRow): boolean {
  return canManageCase(actor, row) || actor.role === 'hotline_agent';
}

/** The timeline of a case, optionally after an event id; the reporter sees only citizen-visible events. */
export async function listEventsOfCase(
  db: Db,
  actor: Actor,
  id: string,
  after: string | undefined,
  audit: AuditSource,
): Promise<CaseEventList> {
  const row = await loadVisibleCase(db, actor, id);
  // A staff read of the whole timeline is audited like the case itself; the live stream's catch-up reads
  // (`after`) are not: they show only what arrived since a read that was.
  if (!after) await auditView(db, actor, row, audit);
  const citizenOnly = actor.role === 'citizen';
  const events = await listCaseEvents(db, row.id, { citizenOnly, afterId: after, limit: 500 });
  const authorIds = [...new Set(events.map((e) => e.authorUserId).filter((v): v is string => v !== null))];
  const authors =
    authorIds.length === 0
      ? []
      : await db.selectFrom('users').select(['id', 'displayName']).where('id', 'in', authorIds).execute();
  const names = new Map(authors.map((a) => [a.id, a.displayName]));
  return {
    items: events.map((event) =>
      toCaseEventDto({
        ...event,
        // The citizen sees that consular staff wrote, not which officer (the UI names "consular staff").
        authorName:
          event.authorUserId && (!citizenOnly || event.authorKind === 'citizen')
            ? (names.get(event.authorUserId) ?? null)
            : null,
      }),
    ),
  };
}

/** The cases the actor may see, filtered, sorted and paged. @throws ProblemError 403 for roles that see none */
export async function searchCases(db: Db, actor: Actor, query: CaseListQuery): Promise<CasePage> {
  const scope = caseListScope(actor);
  if (!scope) throw new ProblemError(403, 'forbidden');
  const status = query.status === undefined ? undefined : Array.isArray(query.status) ? query.status : [query.status];
  const filter: CaseFilter = {
    scope,
    status,
    priority: query.priority,
    category: query.category,
    missionCode: query.missionCode,
    assignedTo: query.assignedTo === 'me' ? actor.id : query.assignedTo,
    incidentId: query.incidentId,
    sla: query.sla,
    source: query.source,
  };
  // A search is run once, and its total counted only up to a cap (decision 0013).
  const text = query.q ? await caseTextSearch(db, actor, query.q, filter) : null;
  const listed: CaseFilter = text ? { ...filter, where: [text.where] } : filter;
  const offset = (query.page - 1) * query.pageSize;
  const [total, rows] = await Promise.all([
    text ? text.total : countCases(db, listed),
    listCases(db, listed, query.pageSize, offset, query.sort ?? 'newest'),
  ]);
  return {
    items: rows.map((row) => presentCase(actor, row)),
    total,
    totalCapped: text?.totalCapped ?? false,
    page: query.page,
    pageSize: query.pageSize,
  };
}
