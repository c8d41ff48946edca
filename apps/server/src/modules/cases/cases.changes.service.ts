import type {
  Case,
  CaseAssigneeList,
  CaseEscalateBody,
  CaseMergeBody,
  CaseStatus,
  CaseTransitionBody,
  CaseUpdateBody,
} from '@homeward/shared';
import type { Updateable } from 'kysely';
import type { Db } from '../../db/schema.ts';
import type { CasesTable } from '../../db/tables/cases.table.ts';
import { inTransaction } from '../../db/transaction.ts';
import { ProblemError } from '../../http/problem.ts';
import type { Actor } from '../../policy/actor.ts';
import {
  type CaseScope,
  canManageCase,
  canMergeCases,
  canTransitionCase,
  canViewCase,
} from '../../policy/cases.policy.ts';
import { appendCaseEvent } from './cases.events.repo.ts';
import { isMissionStaff, listMissionStaff } from './cases.parts.repo.ts';
import { type CaseViewRow, findCase, findCaseByNumber, updateCaseAt } from './cases.repo.ts';
import { presentCase } from './cases.service.ts';
import { businessCalendar, type SlaColumns, slaOnPriority, slaOnStaffUpdate, slaOnStatus } from './cases.sla.ts';
import { checkTransition } from './cases.workflow.ts';

/** 409 with the case as it is now, so the UI can show the newer state next to the refused change. */
export function versionConflict(actor: Actor, current: CaseViewRow): ProblemError {
  return new ProblemError(
    409,
    'case_version_conflict',
    `the case is at version ${current.version}`,
    undefined,
    undefined,
    {
      current: presentCase(actor, current),
    },
  );
}

/**
 * The case for a change: 404 when the actor may not see it (existence does not leak), 403 when they may see
 * it but not make this change, 409 when their version is stale.
 */
export async function loadForChange(
  db: Db,
  actor: Actor,
  id: string,
  may: (actor: Actor, kase: CaseScope) => boolean,
  version?: number,
): Promise<CaseViewRow> {
  const row = await findCase(db, id);
  if (!row || !canViewCase(actor, row)) throw new ProblemError(404, 'not_found');
  if (!may(actor, row)) throw new ProblemError(403, 'forbidden');
  if (version !== undefined && Number(row.version) !== version) throw versionConflict(actor, row);
  return row;
}

/** Writes the change if nobody else changed the case since it was read; 409 otherwise. */
export async function saveChange(
  db: Db,
  actor: Actor,
  row: CaseViewRow,
  change: Updateable<CasesTable>,
  now: Date,
): Promise<void> {
  const saved = await updateCaseAt(db, row.id, Number(row.version), { ...change, updatedAt: now.toISOString() });
  if (!saved) {
    const current = await findCase(db, row.id);
    if (!current) throw new ProblemError(404, 'not_found');
    throw versionConflict(actor, current);
  }
}

async function reload(db: Db, actor: Actor, id: string): Promise<Case> {
  const row = await findCase(db, id);
  if (!row) throw new Error(`case ${id} vanished inside its own transaction`);
  return presentCase(actor, row);
}

const calendarOf = (row: CaseViewRow) => businessCalendar(row.missionTimeZone);

/**
 * The columns and events of a status change, inside the caller's transaction: the SLA pauses in `waiting`,
 * resumes after it, stops when resolved; a staff transition past triage answers the person (first
 * response, next update); closing sets `closedAt`, reopening clears it.
 */
export async function applyStatus(
  db: Db,
  row: CaseViewRow,
  to: CaseStatus,
  author: { userId: string | null; kind: 'staff' | 'citizen' | 'system' },
  reason: string | undefined,
  now: Date,
): Promise<Updateable<CasesTable>> {
  const calendar = calendarOf(row);
  let sla: SlaColumns = slaOnStatus(row, to, calendar, now);
  if (author.kind === 'staff' && to !== 'triaged') {
    sla = { ...sla, ...slaOnStaffUpdate({ ...row, ...sla, status: to } as CaseViewRow, calendar, now) };
  }
  await appendCaseEvent(db, {
    caseId: row.id,
    kind: 'status',
    visibility: 'citizen',
    authorUserId: author.userId,
    authorKind: author.kind,
    body: reason ?? null,
    data: { from: row.status, to, ...(reason ? { reason } : {}) },
  });
  return {
    ...sla,
    status: to,
    closedAt: to === 'closed' ? now.toISOString() : to === 'in_progress' ? null : row.closedAt,
  };
}

/**
 * Moves a case along the workflow (cases.workflow.ts). Accepting a case nobody owns makes the accepting
 * officer its owner.
 * @throws ProblemError 404/403/409 (see loadForChange), 409 `transition_not_allowed`, 400 without a needed reason
 */
export async function transitionCase(db: Db, actor: Actor, id: string, body: CaseTransitionBody): Promise<Case> {
  return inTransaction(db, async (trx) => {
    const row = await loadForChange(trx, actor, id, canTransitionCase, body.version);
    const check = checkTransition(actor.role, row.status, body.to);
    if (!check.allowed) {
      throw new ProblemError(409, 'transition_not_allowed', `${row.status} → ${body.to} is not allowed for you`);
    }
    const reason = body.reason?.trim() || undefined;
    if (check.reasonRequired && !reason) {
      const message = 'say why';
      throw new ProblemError(400, 'validation_failed', message, [{ field: '/reason', message }]);
    }
    const now = new Date();
    const change = await applyStatus(trx, row, body.to, { userId: actor.id, kind: 'staff' }, reason, now);
    if (body.to === 'assigned' && !row.assignedTo) {
      const self = await isMissionStaff(trx, actor.id, row.missionCode);
      if (!self) {
        const message = 'choose the officer who takes the case';
        throw new ProblemError(422, 'assignee_not_mission_staff', message, [{ field: '/to', message }]);
      }
      change.assignedTo = actor.id;
      await appendCaseEvent(trx, {
        caseId: row.id,
        kind: 'assigned',
        visibility: 'internal',
        authorUserId: actor.id,
        authorKind: 'staff',
        data: { userId: actor.id, name: self.name },
      });
    }
    await saveChange(trx, actor, row, change, now);
    return reload(trx, actor, row.id);
  });
}

/**
 * Changes priority, category, summary, owner or incident. Assigning a new or triaged case accepts it
 * (status `assigned`). Each change is one timeline event.
 * @throws ProblemError 404/403/409, 422 `assignee_not_mission_staff`, 422 for an unknown incident
 */
export async function updateCase(db: Db, actor: Actor, id: string, body: CaseUpdateBody): Promise<Case> {
  return inTransaction(db, async (trx) => {
    const row = await loadForChange(trx, actor, id, canManageCase, body.version);
    const now = new Date();
    const calendar = calendarOf(row);
    let change: Updateable<CasesTable> = {};
    const event = (kind: string, data: Record<string, unknown>, visibility: 'internal' | 'citizen' = 'internal') =>
      appendCaseEvent(trx, { caseId: row.id, kind, visibility, authorUserId: actor.id, authorKind: 'staff', data });

    if (body.priority !== undefined && body.priority !== row.priority) {
      change = { ...change, priority: body.priority, ...slaOnPriority(row, body.priority, calendar, now) };
      await event('priority', { from: row.priority, to: body.priority });
    }
    const edited: Record<string, unknown> = {};
    if (body.category !== undefined && body.category !== row.category) {
      change.category = body.category;
      edited.category = { from: row.category, to: body.category };
    }
    const summary = body.summary?.trim();
    if (summary && summary !== row.summary) {
      change.summary = summary;
      edited.summary = { from: row.summary, to: summary };
    }
    if (Object.keys(edited).length > 0) await event('updated', edited);

    if (body.assignedTo !== undefined && body.assignedTo !== row.assignedTo) {
      if (body.assignedTo === null) {
        change.assignedTo = null;
        await event('assigned', { userId: null, name: null });
      } else {
        const staff = await isMissionStaff(trx, body.assignedTo, row.missionCode);
        if (!staff) {
          const message = 'not a staff member of this mission';
          throw new ProblemError(422, 'assignee_not_mission_staff', message, [{ field: '/assignedTo', message }]);
        }
        change.assignedTo = body.assignedTo;
        await event('assigned', { userId: body.assignedTo, name: staff.name });
        if (row.status === 'new' || row.status === 'triaged') {
          const facts = { ...row, ...change } as CaseViewRow;
          change = {
            ...change,
            ...(await applyStatus(trx, facts, 'assigned', { userId: actor.id, kind: 'staff' }, undefined, now)),
          };
        }
      }
    }

    if (body.incidentId !== undefined && body.incidentId !== row.incidentId) {
      if (body.incidentId !== null) {
        const incident = await trx
          .selectFrom('incidents')
          .select(['id', 'title'])
          .where('id', '=', body.incidentId)
          .executeTakeFirst();
        if (!incident) {
          const message = 'no such incident';
          throw new ProblemError(422, 'validation_failed', message, [{ field: '/incidentId', message }]);
        }
        await event('incident', { incidentId: incident.id, title: incident.title });
      } else {
        await event('incident', { incidentId: null, title: null });
      }
      change.incidentId = body.incidentId;
    }

    if (Object.keys(change).length > 0) await saveChange(trx, actor, row, change, now);
    return reload(trx, actor, row.id);
  });
}

/** Raises a case to headquarters by hand (escalation level 2), with the reason on the timeline. */
export async function escalateCase(db: Db, actor: Actor, id: string, body: CaseEscalateBody): Promise<Case> {
  return inTransaction(db, async (trx) => {
    const row = await loadForChange(trx, actor, id, canManageCase, body.version);
    if (Number(row.escalationLevel) >= 2) {
      throw new ProblemError(409, 'transition_not_allowed', 'the case is already escalated to headquarters');
    }
    const now = new Date();
    await appendCaseEvent(trx, {
      caseId: row.id,
      kind: 'escalated',
      visibility: 'internal',
      authorUserId: actor.id,
      authorKind: 'staff',
      body: body.reason.trim(),
      data: { level: 2, reason: body.reason.trim() },
    });
    await saveChange(trx, actor, row, { escalationLevel: 2 }, now);
    return reload(trx, actor, row.id);
  });
}

/**
 * Merges a duplicate (this case) into another: the duplicate is closed and points at the case it went into;
 * its people and attachments stay where they are; both timelines say so. Same mission, or HQ across missions.
 * @throws ProblemError 404/403/409, 422 `merge_not_allowed`
 */
export async function mergeCase(db: Db, actor: Actor, id: string, body: CaseMergeBody): Promise<Case> {
  if ((body.intoId === undefined) === (body.intoNumber === undefined)) {
    const message = 'name the case to merge into by its number or its id';
    throw new ProblemError(400, 'validation_failed', message, [{ field: '/intoNumber', message }]);
  }
  return inTransaction(db, async (trx) => {
    const row = await loadForChange(trx, actor, id, canManageCase, body.version);
    const field = body.intoNumber !== undefined ? '/intoNumber' : '/intoId';
    const refuse = (message: string) => new ProblemError(422, 'merge_not_allowed', message, [{ field, message }]);
    const into = body.intoId ? await findCase(trx, body.intoId) : await findCaseByNumber(trx, body.intoNumber ?? '');
    if (!into || !canViewCase(actor, into)) throw refuse('there is no such case');
    if (into.id === row.id) throw refuse('a case cannot be merged into itself');
    if (row.mergedIntoId) throw refuse('this case was merged already');
    if (row.status === 'closed') throw refuse('this case is closed; reopen it first');
    if (into.status === 'closed' || into.mergedIntoId) throw refuse('the other case is closed');
    if (!canMergeCases(actor, row, into)) throw refuse('only headquarters merges cases of different missions');
    const now = new Date();
    const change = await applyStatus(trx, row, 'closed', { userId: actor.id, kind: 'staff' }, 'merged', now);
    await appendCaseEvent(trx, {
      caseId: row.id,
      kind: 'merged',
      visibility: 'citizen',
      authorUserId: actor.id,
      authorKind: 'staff',
      data: { intoId: into.id, intoNumber: into.number },
    });
    await appendCaseEvent(trx, {
      caseId: into.id,
      kind: 'merged_from',
      visibility: 'internal',
      authorUserId: actor.id,
      authorKind: 'staff',
      data: { fromId: row.id, fromNumber: row.number },
    });
    await saveChange(trx, actor, row, { ...change, mergedIntoId: into.id }, now);
    return reload(trx, actor, row.id);
  });
}

/** Who may own the case (for the assign control): the active staff of its mission. */
export async function listAssignees(db: Db, actor: Actor, id: string): Promise<CaseAssigneeList> {
  const row = await loadForChange(db, actor, id, canManageCase);
  return { items: await listMissionStaff(db, row.missionCode) };
}
