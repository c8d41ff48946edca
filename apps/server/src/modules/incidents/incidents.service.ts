import {
  CASE_PRIORITIES,
  CASE_STATUSES,
  type CaseStatus,
  type Incident,
  type IncidentBoard,
  type IncidentCreateBody,
  type IncidentPage,
  type IncidentUpdateBody,
} from '@homeward/shared';
import { newId } from '../../clock.ts';
import type { Db } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { ProblemError } from '../../http/problem.ts';
import { type Actor, isMissionScoped } from '../../policy/actor.ts';
import { canCreateIncident, canEditIncident, canViewIncident, caseListScope } from '../../policy/cases.policy.ts';
import { type AuditSource, appendAudit } from '../audit/audit.service.ts';
import { toCaseDto } from '../cases/cases.presenter.ts';
import { listCases } from '../cases/cases.repo.ts';
import { toIncidentDto } from './incidents.presenter.ts';
import {
  countCasesByIncident,
  countIncidents,
  countriesOfMissions,
  findIncident,
  hasCasesOfMissions,
  type IncidentListScope,
  type IncidentRow,
  insertIncident,
  listIncidents,
  removeIncident,
  updateIncident,
} from './incidents.repo.ts';

/** The largest board: an incident with more cases is worked through the filtered case list. */
const BOARD_LIMIT = 1000;

/** Whose cases the caller counts: every mission's (null) or their own missions'. */
function missionsOf(actor: Actor): readonly string[] | null {
  return isMissionScoped(actor) ? actor.missions : null;
}

async function contextFor(db: Db, actor: Actor, incident: IncidentRow) {
  const missions = missionsOf(actor) ?? [];
  const [missionCountries, hasOwnCases] = await Promise.all([
    countriesOfMissions(db, missions),
    hasCasesOfMissions(db, incident.id, missions),
  ]);
  return { missionCountries, hasOwnCases };
}

const countriesOfRow = (row: IncidentRow) => JSON.parse(row.countries) as string[];

/** The incident if the caller may see it; the same 404 as a missing one otherwise. */
async function loadVisible(db: Db, actor: Actor, id: string) {
  const row = await findIncident(db, id);
  if (!row) throw new ProblemError(404, 'not_found');
  const context = await contextFor(db, actor, row);
  if (!canViewIncident(actor, { countries: countriesOfRow(row) }, context)) throw new ProblemError(404, 'not_found');
  return { row, context };
}

async function present(db: Db, actor: Actor, row: IncidentRow): Promise<Incident> {
  const counts = await countCasesByIncident(db, [row.id], missionsOf(actor));
  return toIncidentDto(row, counts.get(row.id) ?? 0);
}

/** Incidents the caller may see, newest first. @throws ProblemError 403 for roles that see none */
export async function listIncidentsFor(
  db: Db,
  actor: Actor,
  query: { status?: 'active' | 'closed'; page: number; pageSize: number },
): Promise<IncidentPage> {
  let scope: IncidentListScope;
  if (actor.role === 'hq_admin' || actor.role === 'hotline_agent') scope = { all: true };
  else if (isMissionScoped(actor)) {
    scope = { countries: await countriesOfMissions(db, actor.missions), missions: actor.missions };
  } else throw new ProblemError(403, 'forbidden');
  const [total, rows] = await Promise.all([
    countIncidents(db, scope, query.status),
    listIncidents(db, scope, query.status, query.pageSize, (query.page - 1) * query.pageSize),
  ]);
  const counts = await countCasesByIncident(
    db,
    rows.map((r) => r.id),
    missionsOf(actor),
  );
  return {
    items: rows.map((row) => toIncidentDto(row, counts.get(row.id) ?? 0)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Declares an incident (HQ, mission staff). Mission staff declare it for countries their missions cover. */
export async function createIncident(
  db: Db,
  actor: Actor,
  body: IncidentCreateBody,
  audit: AuditSource,
): Promise<Incident> {
  if (!canCreateIncident(actor)) throw new ProblemError(403, 'forbidden');
  return inTransaction(db, async (trx) => {
    if (isMissionScoped(actor)) {
      const covered = await countriesOfMissions(trx, actor.missions);
      const outside = body.countries.findIndex((c) => !covered.includes(c));
      if (outside >= 0) {
        const message = 'a country your missions do not cover; ask headquarters';
        throw new ProblemError(403, 'forbidden', message, [{ field: `/countries/${outside}`, message }]);
      }
    }
    const now = new Date().toISOString();
    const row: IncidentRow = {
      id: newId(),
      title: body.title.trim(),
      kind: body.kind,
      description: body.description?.trim() ?? '',
      countries: JSON.stringify([...body.countries].sort()),
      status: 'active',
      createdBy: actor.id,
      createdAt: now,
      updatedAt: now,
    };
    await insertIncident(trx, row);
    await appendAudit(trx, audit, {
      action: 'incident.create',
      record: { type: 'incident', id: row.id },
      details: { title: row.title, kind: row.kind, countries: body.countries },
    });
    return toIncidentDto(row, 0);
  });
}

export async function viewIncident(db: Db, actor: Actor, id: string): Promise<Incident> {
  const { row } = await loadVisible(db, actor, id);
  return present(db, actor, row);
}

/** Changes an incident's title, kind, description, countries or status (closing it when it is over). */
export async function editIncident(db: Db, actor: Actor, id: string, body: IncidentUpdateBody): Promise<Incident> {
  return inTransaction(db, async (trx) => {
    const { row, context } = await loadVisible(trx, actor, id);
    if (!canEditIncident(actor, { countries: countriesOfRow(row) }, context)) {
      throw new ProblemError(403, 'forbidden');
    }
    await updateIncident(trx, row.id, {
      ...(body.title !== undefined ? { title: body.title.trim() } : {}),
      ...(body.kind !== undefined ? { kind: body.kind } : {}),
      ...(body.description !== undefined ? { description: body.description.trim() } : {}),
      ...(body.countries !== undefined ? { countries: JSON.stringify([...body.countries].sort()) } : {}),
      ...(body.status !== undefined ? { status: body.status } : {}),
      updatedAt: new Date().toISOString(),
    });
    const updated = await findIncident(trx, row.id);
    if (!updated) throw new Error(`incident ${row.id} vanished inside its own transaction`);
    return present(trx, actor, updated);
  });
}

/** The incident's cases the caller may see, by status, with counts per mission and priority. */
export async function incidentBoard(db: Db, actor: Actor, id: string): Promise<IncidentBoard> {
  const { row } = await loadVisible(db, actor, id);
  const scope = caseListScope(actor);
  if (!scope) throw new ProblemError(403, 'forbidden');
  const cases = await listCases(db, { scope, incidentId: row.id }, BOARD_LIMIT, 0, 'sla');
  const dtos = cases.map((c) => toCaseDto(c));
  const statuses = Object.keys(CASE_STATUSES) as CaseStatus[];
  const byMission = new Map<string, number>();
  for (const c of dtos) byMission.set(c.missionCode, (byMission.get(c.missionCode) ?? 0) + 1);
  return {
    incident: toIncidentDto(row, dtos.length),
    columns: statuses.map((status) => {
      const inColumn = dtos.filter((c) => c.status === status);
      return { status, total: inColumn.length, cases: inColumn };
    }),
    byMission: [...byMission.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([missionCode, total]) => ({ missionCode, total })),
    byPriority: CASE_PRIORITIES.map((priority) => ({
      priority,
      total: dtos.filter((c) => c.priority === priority).length,
    })),
  };
}

/**
 * Deletes an incident declared by mistake (HQ only). One that holds cases is closed instead, so the cases'
 * history keeps its grouping. @throws ProblemError 409 `conflict` while cases point at it
 */
export async function deleteIncident(db: Db, actor: Actor, id: string, audit: AuditSource): Promise<void> {
  await inTransaction(db, async (trx) => {
    const { row } = await loadVisible(trx, actor, id);
    const counts = await countCasesByIncident(trx, [row.id], null);
    if ((counts.get(row.id) ?? 0) > 0) {
      throw new ProblemError(409, 'conflict', 'cases belong to this incident: close it instead');
    }
    await removeIncident(trx, row.id);
    await appendAudit(trx, audit, {
      action: 'incident.delete',
      record: { type: 'incident', id: row.id },
      details: { title: row.title },
    });
  });
}
