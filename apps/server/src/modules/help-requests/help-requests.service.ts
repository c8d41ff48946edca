import {
  type HelpRequestAnswer,
  type HelpRequestInput,
  type HelpRequestStatus,
  type Locale,
  type Problem,
  problemTitle,
} from '@homeward/shared';
import { sql } from 'kysely';
import { isoNow, newId } from '../../clock.ts';
import type { Db } from '../../db/schema.ts';
import { ProblemError } from '../../http/problem.ts';
import { type AuditSource, appendAudit } from '../audit/audit.service.ts';
import { appendCaseEvent } from '../cases/cases.events.repo.ts';
import { insertCase, nextCounterValue } from '../cases/cases.repo.ts';
import { routeCase } from '../cases/cases.routing.ts';
import { formatCaseNumber } from '../cases/cases.service.ts';
import { businessCalendar, slaOnOpen } from '../cases/cases.sla.ts';
import { findPersonByUserId } from '../registry/persons.repo.ts';
import { checkPhone, fieldProblem } from '../registry/registry.fields.ts';
import { resolveHelpPlace } from './help-requests.location.ts';
import { helpRequestPriority } from './help-requests.priority.ts';
import {
  findIntakeCase,
  findMissionTimeZone,
  findUserName,
  type IntakeRow,
  insertCasePersons,
  settleIntake,
  takeReceivedIntake,
} from './help-requests.repo.ts';

/** The signed-in citizen asking for help, and the language their field errors are in. */
export interface HelpCaller {
  userId: string;
  locale: Locale;
}

/** The one-line gist staff see in queues: the first line of the person's own words, cut at 200 characters. */
export function summaryOf(description: string): string {
  const firstLine = description.trim().split(/\r?\n/, 1)[0]?.trim() ?? '';
  return firstLine.length > 200 ? `${firstLine.slice(0, 199)}…` : firstLine;
}

/** The checks that need no database: phones in E.164, a relation when asking for someone else. */
function checkFields(body: HelpRequestInput, locale: Locale) {
  const contactPhone = checkPhone(body.contactPhone, '/contactPhone', locale);
  if (!contactPhone) {
    throw fieldProblem(422, 'phone_invalid', '/contactPhone', locale, 'a call-back number is needed', 'required');
  }
  const subjectPhone = checkPhone(body.subjectPhone, '/subjectPhone', locale);
  const relation = body.forSelf ? 'self' : (body.reporterRelation ?? null);
  if (relation === null) {
    throw fieldProblem(400, 'validation_failed', '/reporterRelation', locale, 'who is the person to you', 'required');
  }
  const description = body.description.trim();
  const subjectName = body.subjectName.trim();
  if (!description) throw fieldProblem(400, 'validation_failed', '/description', locale, 'empty', 'required');
  if (!subjectName) throw fieldProblem(400, 'validation_failed', '/subjectName', locale, 'empty', 'required');
  return { contactPhone, subjectPhone, relation, description, subjectName };
}

/**
 * A citizen asks for help (for themselves or someone else): the request becomes a case of the mission whose
 * consular district holds the place, with a priority from category and urgency, the people involved, a
 * `created` event the citizen sees, and an audit entry. Runs inside the caller's transaction (a unit of the
 * group commit). Text is stored as typed: the apps render it escaped.
 * @throws ProblemError 422 for a bad phone, place or a place no mission covers; 400 for a missing relation
 */
export async function submitHelpRequest(
  trx: Db,
  caller: HelpCaller,
  body: HelpRequestInput,
  source: AuditSource,
  now: Date = new Date(),
): Promise<HelpRequestAnswer> {
  const fields = checkFields(body, caller.locale);
  const place = await resolveHelpPlace(trx, body, caller, now);
  const missionCode = await routeCase(trx, place);
  const timeZone = await findMissionTimeZone(trx, missionCode);
  if (!timeZone) throw new ProblemError(500, 'internal_error', `routed to unknown mission ${missionCode}`);
  const person = body.forSelf ? await findPersonByUserId(trx, caller.userId) : undefined;
  const at = isoNow(now);
  const year = now.getUTCFullYear();
  const priority = helpRequestPriority(body.category, body.urgency);
  const id = newId();
  const number = formatCaseNumber(year, await nextCounterValue(trx, `case:${year}`));
  await insertCase(trx, {
    id,
    number,
    missionCode,
    category: body.category,
    priority,
    status: 'new',
    summary: summaryOf(fields.description),
    subjectName: fields.subjectName,
    reporterUserId: caller.userId,
    createdBy: caller.userId,
    openedAt: at,
    updatedAt: at,
    version: 1,
    source: 'citizen',
    description: fields.description,
    locationCountry: place.country,
    locationRegion: place.region,
    locationCity: place.city,
    locationLabel: place.label,
    locationLat: place.lat,
    locationLon: place.lon,
    reporterRelation: fields.relation,
    contactPhone: fields.contactPhone,
    subjectPersonId: person?.id ?? null,
    ...slaOnOpen(priority, businessCalendar(timeZone), now),
  });
  const reporterName = body.forSelf ? fields.subjectName : ((await findUserName(trx, caller.userId)) ?? '');
  await insertCasePersons(trx, [
    {
      id: newId(),
      caseId: id,
      role: 'subject',
      personId: person?.id ?? null,
      name: fields.subjectName,
      phone: fields.subjectPhone ?? (body.forSelf ? fields.contactPhone : null),
      relation: null,
      createdAt: at,
    },
    {
      id: newId(),
      caseId: id,
      role: 'reporter',
      personId: person?.id ?? null,
      name: reporterName,
      phone: fields.contactPhone,
      relation: fields.relation,
      createdAt: at,
    },
  ]);
  await appendCaseEvent(trx, {
    caseId: id,
    kind: 'created',
    visibility: 'citizen',
    authorUserId: caller.userId,
    authorKind: 'citizen',
    data: { source: 'citizen', urgency: body.urgency, priority, missionCode, locationSource: place.source },
  });
  await appendAudit(trx, source, {
    action: 'case.help_request',
    record: { type: 'case', id, missionCode },
    details: { number, category: body.category, priority, urgency: body.urgency, forSelf: body.forSelf },
  });
  // Everything the answer holds was just written; reading the row back would cost the batch a query.
  return { case: { id, number, status: 'new', priority, category: body.category, missionCode, openedAt: at } };
}

/**
 * The checks a help request must pass before it is acknowledged (decision 0012): fields and phones, and the
 * place (the gazetteer is in memory; without a place, one look at where the registry has the citizen today).
 * What only opening the case can find (no mission covers the place) fails the request later, visibly.
 * @throws ProblemError 4xx as `submitHelpRequest` would
 */
export async function checkHelpRequest(db: Db, caller: HelpCaller, body: HelpRequestInput, now: Date): Promise<void> {
  checkFields(body, caller.locale);
  await resolveHelpPlace(db, body, caller, now);
}

/** A problem as the citizen will read it later, in the language of their request. */
function problemOf(error: ProblemError, locale: Locale, instance: string): Problem {
  return {
    type: `https://homeward.example/problems/${error.code.replaceAll('_', '-')}`,
    title: problemTitle(error.code, locale),
    status: error.status,
    code: error.code,
    ...(error.detail ? { detail: error.detail } : {}),
    instance,
    ...(error.errors?.length ? { errors: error.errors } : {}),
  };
}

export type OpenOutcome = 'opened' | 'failed' | 'skipped';

/**
 * Opens the case of one received help request, exactly once, inside the caller's transaction (a unit of the
 * group commit): the row is taken only while still `received` (locked on PostgreSQL), the case is opened as
 * `submitHelpRequest` does, at the time the request was received, and the row is marked `opened` with the case
 * in the same transaction. A refusal (4xx, e.g. no mission for the place) rolls back what was started and marks
 * the row `failed` with the problem; any other error rolls the whole unit back (tried again later).
 */
export async function openHelpRequest(trx: Db, id: string): Promise<OpenOutcome> {
  const row = await takeReceivedIntake(trx, id);
  if (!row) return 'skipped';
  const locale = row.locale as Locale;
  const caller = { userId: row.userId, locale };
  const source: AuditSource = { actor: { id: row.userId, role: 'citizen' }, ip: row.sourceIp };
  const body = JSON.parse(row.body) as HelpRequestInput;
  await sql`savepoint help_open`.execute(trx);
  try {
    const answer = await submitHelpRequest(trx, caller, body, source, new Date(row.receivedAt));
    await sql`release savepoint help_open`.execute(trx);
    await settleIntake(trx, id, { state: 'opened', caseId: answer.case.id }, isoNow());
    return 'opened';
  } catch (error) {
    await sql`rollback to savepoint help_open`.execute(trx);
    await sql`release savepoint help_open`.execute(trx);
    if (!(error instanceof ProblemError) || error.status >= 500) throw error;
    const problem = problemOf(error, locale, `/api/v1/help-requests/${id}`);
    await settleIntake(trx, id, { state: 'failed', problem: JSON.stringify(problem) }, isoNow());
    return 'failed';
  }
}

/** A request that could not be opened after repeated unexpected errors: failed, asking the citizen to call. */
export function internalProblem(locale: Locale, id: string): string {
  return JSON.stringify(
    problemOf(
      new ProblemError(500, 'internal_error', 'the case could not be opened'),
      locale,
      `/api/v1/help-requests/${id}`,
    ),
  );
}

/** What the citizen sees of a received request: its state, the case once opened, the problem if it failed. */
export async function presentIntake(db: Db, row: IntakeRow): Promise<HelpRequestStatus> {
  const opened = row.state === 'opened' && row.caseId ? await findIntakeCase(db, row.caseId) : undefined;
  return {
    request: {
      id: row.id,
      state: row.state,
      receivedAt: row.receivedAt,
      problem: row.state === 'failed' && row.problem ? (JSON.parse(row.problem) as Problem) : null,
    },
    case: opened ?? null,
  };
}
