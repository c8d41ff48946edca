import type { HotlineCall, HotlineCallPage, HotlineCallQuery, LogCallBody, OpenCaseBody } from '@homeward/shared';
import { fieldMessage, type Locale } from '@homeward/shared';
import { isoNow, newId } from '../../clock.ts';
import type { Db } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { ProblemError } from '../../http/problem.ts';
import type { Actor } from '../../policy/actor.ts';
import { callListScope, canViewCall, canWorkHotline } from '../../policy/hotline.policy.ts';
import { type AuditSource, appendAudit } from '../audit/audit.service.ts';
import { appendCaseEvent } from '../cases/cases.events.repo.ts';
import { findCase } from '../cases/cases.repo.ts';
import { routeCase } from '../cases/cases.routing.ts';
import { openCase } from '../cases/cases.service.ts';
import { findMission } from '../missions/missions.repo.ts';
import { findPerson } from '../registrants/registrant-page.repo.ts';
import { countCalls, findCall, insertCall, listCalls } from './hotline.calls.repo.ts';
import { personName, toCallDto } from './hotline.presenter.ts';
import { callerE164, DEFAULT_PRIORITY, durationSeconds } from './hotline.rules.ts';

/** A refusal naming one field of the call, in the agent's language. */
function fieldError(status: number, field: string, locale: Locale, detail: string, kind: 'invalid' | 'required') {
  const name = field.slice(1);
  return new ProblemError(status, 'validation_failed', detail, [{ field, message: fieldMessage(kind, name, locale) }]);
}

// A call is logged while or right after it happens: a start more than a day back is a typing mistake.
const MAX_CALL_AGE_MS = 24 * 3_600_000;

/**
 * Logs a call. With the outcome `case_opened` the case is opened in the same transaction (mission chosen by
 * the agent, else routed from the location) and its timeline gets a `call` event; `transferred` needs the
 * mission. Nothing is stored when any part is refused.
 * @throws ProblemError 403 for roles other than the hotline's, 400/422 for bad input
 */
export async function logCall(
  db: Db,
  actor: Actor,
  body: LogCallBody,
  source: AuditSource,
  locale: Locale,
  now: Date = new Date(),
): Promise<HotlineCall> {
  if (!canWorkHotline(actor)) throw new ProblemError(403, 'forbidden');
  const endedAt = isoNow(now);
  const startedAt = body.startedAt ? new Date(body.startedAt).toISOString() : endedAt;
  if (startedAt > endedAt || Date.parse(startedAt) < now.getTime() - MAX_CALL_AGE_MS)
    throw new ProblemError(400, 'dates_invalid', 'the call must have started within the last 24 hours', [
      { field: '/startedAt', message: fieldMessage('range', 'startedAt', locale) },
    ]);
  const rawPhone = body.callerPhone?.trim() ?? '';
  const callerPhone = rawPhone ? callerE164(rawPhone, body.phoneCountry) : null;
  if (rawPhone && !callerPhone)
    throw new ProblemError(422, 'phone_invalid', `${rawPhone} is not a possible phone number`, [
      { field: '/callerPhone', message: fieldMessage('format', 'callerPhone', locale) },
    ]);
  if (body.outcome === 'transferred' && !body.missionCode)
    throw fieldError(400, '/missionCode', locale, 'a transfer needs the mission', 'required');
  if (body.outcome === 'case_opened' && body.caseId)
    throw fieldError(400, '/caseId', locale, 'a new case is opened; do not link another', 'invalid');

  return inTransaction(db, async (trx) => {
    const person = body.personId ? await findPerson(trx, body.personId) : undefined;
    if (body.personId && !person) throw fieldError(400, '/personId', locale, 'no such registry person', 'invalid');
    if (body.missionCode && !(await findMission(trx, body.missionCode)))
      throw fieldError(400, '/missionCode', locale, `unknown mission ${body.missionCode}`, 'invalid');
    let caseId = body.caseId ?? null;
    if (caseId && !(await findCase(trx, caseId))) throw fieldError(400, '/caseId', locale, 'no such case', 'invalid');

    const callId = newId();
    const callerName = body.callerName?.trim() || null;
    let missionCode = body.missionCode ?? null;
    if (body.outcome === 'case_opened') {
      missionCode ??= await missionFromLocation(trx, body.locationCountry ?? null, locale);
      const subjectName = body.subjectName?.trim() || (person ? personName(person) : null) || callerName;
      if (!subjectName) throw fieldError(400, '/subjectName', locale, 'whom is the case about?', 'required');
      const opened = await openCase(trx, actor, caseBody(body, missionCode, subjectName, callerPhone), source, {
        source: 'hotline',
      });
      caseId = opened.id;
      await appendCaseEvent(trx, {
        caseId: opened.id,
        kind: 'call',
        visibility: 'internal',
        authorUserId: actor.id,
        authorKind: 'staff',
        body: body.summary.trim(),
        data: { callId },
      });
    }
    const agent = await trx.selectFrom('users').select('displayName').where('id', '=', actor.id).executeTakeFirst();
    await insertCall(trx, {
      id: callId,
      agentUserId: actor.id,
      agentName: agent?.displayName ?? '',
      startedAt,
      endedAt,
      durationSeconds: durationSeconds(startedAt, endedAt),
      callerPhone,
      callerName,
      personId: person?.id ?? null,
      caseId,
      category: body.category,
      summary: body.summary.trim(),
      outcome: body.outcome,
      missionCode: body.outcome === 'advice' ? null : missionCode,
      locationCountry: body.locationCountry ?? null,
      language: body.language,
      createdAt: endedAt,
    });
    await appendAudit(trx, source, {
      action: 'hotline.call.log',
      record: { type: 'hotline_call', id: callId, missionCode },
      details: { outcome: body.outcome, category: body.category, personId: person?.id ?? null, caseId },
    });
    const stored = await findCall(trx, callId);
    if (!stored) throw new Error(`call ${callId} vanished inside its own transaction`);
    return toCallDto(stored);
  });
}

async function missionFromLocation(db: Db, country: string | null, locale: Locale): Promise<string> {
  if (!country) throw fieldError(400, '/missionCode', locale, 'choose the mission or give the country', 'required');
  try {
    return await routeCase(db, { country });
  } catch (error) {
    if (error instanceof ProblemError)
      throw new ProblemError(error.status, error.code, error.detail, [
        { field: '/locationCountry', message: fieldMessage('invalid', 'locationCountry', locale) },
      ]);
    throw error;
  }
}

function caseBody(body: LogCallBody, missionCode: string, subjectName: string, phone: string | null): OpenCaseBody {
  const callerName = body.callerName?.trim();
  return {
    missionCode,
    category: body.category,
    priority: body.priority ?? DEFAULT_PRIORITY[body.category],
    summary: body.summary.trim(),
    subjectName,
    description: body.summary.trim(),
    ...(body.locationCountry ? { location: { country: body.locationCountry } } : {}),
    contactPhone: phone,
    reporterRelation: callerName && callerName !== subjectName ? 'other' : 'self',
    ...(body.personId ? { persons: [{ role: 'subject' as const, name: subjectName, personId: body.personId }] } : {}),
  };
}

/** One call, if the actor may read it; out of scope answers 404 like a missing call. Reads are audited. */
export async function viewCall(db: Db, actor: Actor, id: string, source: AuditSource): Promise<HotlineCall> {
  const row = await findCall(db, id);
  if (!row || !canViewCall(actor, row)) throw new ProblemError(404, 'not_found');
  await appendAudit(db, source, {
    action: 'hotline.call.view',
    record: { type: 'hotline_call', id: row.id, missionCode: row.missionCode },
  });
  return toCallDto(row);
}

/** The calls the actor may read, newest first. @throws ProblemError 403 for roles that read none */
export async function searchCalls(db: Db, actor: Actor, query: HotlineCallQuery): Promise<HotlineCallPage> {
  const scope = callListScope(actor);
  if (!scope) throw new ProblemError(403, 'forbidden');
  const digits = query.phone?.replace(/\D/g, '');
  const filter = {
    scope,
    from: query.from,
    to: query.to,
    outcome: query.outcome,
    category: query.category,
    missionCode: query.missionCode,
    phoneDigits: digits && digits.length >= 3 ? digits : undefined,
  };
  const [total, rows] = await Promise.all([
    countCalls(db, filter),
    listCalls(db, filter, query.pageSize, (query.page - 1) * query.pageSize),
  ]);
  return { items: rows.map(toCallDto), total, page: query.page, pageSize: query.pageSize };
}
