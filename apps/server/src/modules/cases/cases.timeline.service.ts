import type {
  CaseEvent,
  CaseMessageBody,
  CaseNoteBody,
  CasePerson,
  CasePersonAddBody,
  CaseTask,
  CaseTaskCreateBody,
  CaseTaskUpdateBody,
} from '@homeward/shared';
import { newId } from '../../clock.ts';
import type { Db } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { ProblemError } from '../../http/problem.ts';
import { enqueueMail } from '../../mail/mail.jobs.ts';
import type { Actor } from '../../policy/actor.ts';
import { canAnnotateCase, canManageCase, canMessageCase } from '../../policy/cases.policy.ts';
import { applyStatus, loadForChange } from './cases.changes.service.ts';
import { appendCaseEvent, type CaseEventRow } from './cases.events.repo.ts';
import {
  deleteCasePerson,
  findCasePerson,
  findCaseTask,
  insertCasePerson,
  insertCaseTask,
  isMissionStaff,
  personExists,
  updateCaseTask,
  userName,
} from './cases.parts.repo.ts';
import { toCaseEventDto, toCasePersonDto, toCaseTaskDto } from './cases.presenter.ts';
import { updateCaseQuietly } from './cases.repo.ts';
import { businessCalendar, slaOnStaffUpdate } from './cases.sla.ts';

async function present(db: Db, actor: Actor, row: CaseEventRow): Promise<CaseEvent> {
  return toCaseEventDto({ ...row, authorName: await userName(db, actor.id) });
}

/** An internal note (staff only) or a note shown to the person; the hotline may add notes to any case. */
export async function addNote(db: Db, actor: Actor, id: string, body: CaseNoteBody): Promise<CaseEvent> {
  return inTransaction(db, async (trx) => {
    const row = await loadForChange(trx, actor, id, canAnnotateCase);
    const event = await appendCaseEvent(trx, {
      caseId: row.id,
      kind: 'note',
      visibility: body.visibility,
      authorUserId: actor.id,
      authorKind: 'staff',
      body: body.body,
    });
    await updateCaseQuietly(trx, row.id, { updatedAt: event.createdAt });
    return present(trx, actor, event);
  });
}

/**
 * A message in the thread between the person and the mission. From staff it answers the person (first
 * response, next update) and queues a "you have a reply" mail to the reporter; from the reporter it takes a
 * case that was waiting on them back to `in_progress`. The text is stored as typed and never interpreted.
 * @throws ProblemError 409 `case_closed` on a closed case
 */
export async function addMessage(db: Db, actor: Actor, id: string, body: CaseMessageBody): Promise<CaseEvent> {
  return inTransaction(db, async (trx) => {
    const row = await loadForChange(trx, actor, id, canMessageCase);
    if (row.status === 'closed') throw new ProblemError(409, 'case_closed');
    const fromCitizen = actor.role === 'citizen';
    const now = new Date();
    const event = await appendCaseEvent(trx, {
      caseId: row.id,
      kind: 'message',
      visibility: 'citizen',
      authorUserId: actor.id,
      authorKind: fromCitizen ? 'citizen' : 'staff',
      body: body.body,
    });
    if (fromCitizen) {
      const change =
        row.status === 'waiting'
          ? await applyStatus(trx, row, 'in_progress', { userId: null, kind: 'system' }, undefined, now)
          : {};
      // A system move out of `waiting` competes with nobody's edit on purpose: the version still moves on.
      await updateCaseQuietly(trx, row.id, {
        ...change,
        updatedAt: event.createdAt,
        ...(change.status ? { version: Number(row.version) + 1 } : {}),
      });
    } else {
      const sla = slaOnStaffUpdate(row, businessCalendar(row.missionTimeZone), now);
      await updateCaseQuietly(trx, row.id, { ...sla, updatedAt: event.createdAt });
      if (row.reporterUserId) {
        await enqueueMail(
          trx,
          { template: 'case_reply', userId: row.reporterUserId, caseId: row.id, caseNumber: row.number },
          `case_reply:${event.id}`,
        );
      }
    }
    return present(trx, actor, event);
  });
}

/** The officer a task goes to must be staff of the case's mission. */
async function checkAssignee(db: Db, missionCode: string, userId: string | null | undefined): Promise<void> {
  if (!userId) return;
  if (!(await isMissionStaff(db, userId, missionCode))) {
    const message = 'not a staff member of this mission';
    throw new ProblemError(422, 'assignee_not_mission_staff', message, [{ field: '/assignedTo', message }]);
  }
}

export async function addTask(db: Db, actor: Actor, id: string, body: CaseTaskCreateBody): Promise<CaseTask> {
  return inTransaction(db, async (trx) => {
    const row = await loadForChange(trx, actor, id, canManageCase);
    await checkAssignee(trx, row.missionCode, body.assignedTo);
    const now = new Date().toISOString();
    const taskId = newId();
    const title = body.title.trim();
    await insertCaseTask(trx, {
      id: taskId,
      caseId: row.id,
      title,
      dueAt: body.dueAt ? new Date(body.dueAt).toISOString() : null,
      assigneeUserId: body.assignedTo ?? null,
      doneAt: null,
      createdBy: actor.id,
      createdAt: now,
    });
    await appendCaseEvent(trx, {
      caseId: row.id,
      kind: 'task',
      visibility: 'internal',
      authorUserId: actor.id,
      authorKind: 'staff',
      data: { taskId, title, action: 'added' },
    });
    await updateCaseQuietly(trx, row.id, { updatedAt: now });
    const task = await findCaseTask(trx, row.id, taskId);
    if (!task) throw new Error(`task ${taskId} vanished inside its own transaction`);
    return toCaseTaskDto(task);
  });
}

/** Marks a task done or not done, or changes its title, due date or owner. */
export async function updateTask(
  db: Db,
  actor: Actor,
  id: string,
  taskId: string,
  body: CaseTaskUpdateBody,
): Promise<CaseTask> {
  return inTransaction(db, async (trx) => {
    const row = await loadForChange(trx, actor, id, canManageCase);
    const task = await findCaseTask(trx, row.id, taskId);
    if (!task) throw new ProblemError(404, 'not_found');
    await checkAssignee(trx, row.missionCode, body.assignedTo);
    const now = new Date().toISOString();
    const title = body.title?.trim() || task.title;
    const done = body.done === undefined ? task.doneAt !== null : body.done;
    await updateCaseTask(trx, task.id, {
      title,
      ...(body.dueAt !== undefined ? { dueAt: body.dueAt ? new Date(body.dueAt).toISOString() : null } : {}),
      ...(body.assignedTo !== undefined ? { assigneeUserId: body.assignedTo } : {}),
      doneAt: done ? (task.doneAt ?? now) : null,
    });
    if (done !== (task.doneAt !== null)) {
      await appendCaseEvent(trx, {
        caseId: row.id,
        kind: 'task',
        visibility: 'internal',
        authorUserId: actor.id,
        authorKind: 'staff',
        data: { taskId: task.id, title, action: done ? 'done' : 'reopened' },
      });
    }
    await updateCaseQuietly(trx, row.id, { updatedAt: now });
    const updated = await findCaseTask(trx, row.id, task.id);
    if (!updated) throw new Error(`task ${task.id} vanished inside its own transaction`);
    return toCaseTaskDto(updated);
  });
}

/**
 * Someone involved in the case: the person concerned, the reporter, next of kin — linked to their registry
 * record when `personId` is given (it must exist).
 */
export async function addPerson(db: Db, actor: Actor, id: string, body: CasePersonAddBody): Promise<CasePerson> {
  return inTransaction(db, async (trx) => {
    const row = await loadForChange(trx, actor, id, canManageCase);
    if (body.personId && !(await personExists(trx, body.personId))) {
      const message = 'no such person in the registry';
      throw new ProblemError(422, 'validation_failed', message, [{ field: '/personId', message }]);
    }
    const now = new Date().toISOString();
    const person = {
      id: newId(),
      caseId: row.id,
      role: body.role,
      personId: body.personId ?? null,
      name: body.name.trim(),
      phone: body.phone?.trim() || null,
      relation: body.relation?.trim() || null,
      createdAt: now,
    };
    await insertCasePerson(trx, person);
    await appendCaseEvent(trx, {
      caseId: row.id,
      kind: 'person',
      visibility: 'internal',
      authorUserId: actor.id,
      authorKind: 'staff',
      data: { casePersonId: person.id, role: person.role, name: person.name, action: 'added' },
    });
    await updateCaseQuietly(trx, row.id, {
      updatedAt: now,
      ...(person.role === 'subject' && person.personId && !row.subjectPersonId
        ? { subjectPersonId: person.personId }
        : {}),
    });
    return toCasePersonDto(person);
  });
}

export async function removePerson(db: Db, actor: Actor, id: string, casePersonId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = await loadForChange(trx, actor, id, canManageCase);
    const person = await findCasePerson(trx, row.id, casePersonId);
    if (!person) throw new ProblemError(404, 'not_found');
    await deleteCasePerson(trx, person.id);
    await appendCaseEvent(trx, {
      caseId: row.id,
      kind: 'person',
      visibility: 'internal',
      authorUserId: actor.id,
      authorKind: 'staff',
      data: { casePersonId: person.id, role: person.role, name: person.name, action: 'removed' },
    });
    const now = new Date().toISOString();
    await updateCaseQuietly(trx, row.id, {
      updatedAt: now,
      ...(person.personId && person.personId === row.subjectPersonId ? { subjectPersonId: null } : {}),
    });
  });
}
