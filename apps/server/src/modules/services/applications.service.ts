import type {
  Application,
  ApplicationList,
  ApplicationListQuery,
  ApplicationStatus,
  Locale,
  SaveDraftBody,
  SubmitApplicationBody,
} from '@homeward/shared';
import type { Kysely } from 'kysely';
import { isoNow, newId } from '../../clock.ts';
import type { Database, Db } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { ProblemError } from '../../http/problem.ts';
import type { Actor } from '../../policy/actor.ts';
import { applicationListScope, canEditApplication, canViewApplication } from '../../policy/services.policy.ts';
import type { CheckedFile } from '../attachments/attachments.service.ts';
import { type AuditSource, appendAudit } from '../audit/audit.service.ts';
import { nextCounterValue } from '../cases/cases.repo.ts';
import { findMission } from '../missions/missions.repo.ts';
import { checkAnswers, normalizeAnswers } from './services.answers.ts';
import { checkDocument } from './services.documents.ts';
import { checkEligibility } from './services.eligibility.ts';
import { notifyApplicant } from './services.notify.ts';
import { parseAnswers, parseDefinition, toApplicationDto, toApplicationSummaryDto } from './services.presenter.ts';
import {
  type ApplicationListRow,
  type ApplicationRow,
  deleteFieldDocuments,
  findApplication,
  findCurrentDefinition,
  findDefinitionById,
  findDocument,
  insertApplication,
  insertApplicationEvent,
  insertDocument,
  listApplicationEvents,
  listApplications,
  listDocuments,
  updateApplication,
} from './services.repo.ts';
import { offeredAt } from './services.service.ts';

const notFound = () => new ProblemError(404, 'not_found');
const today = (now: Date) => now.toISOString().slice(0, 10);

/** The application with its service version, or 404 when missing or not the actor's to see. */
async function load(db: Db, actor: Actor, id: string) {
  const row = await findApplication(db, id);
  if (!row || !canViewApplication(actor, row)) throw notFound();
  const definitionRow = await findDefinitionById(db, row.definitionId);
  if (!definitionRow) throw new Error(`application ${id} points at a missing definition`);
  return { row, definitionRow, definition: parseDefinition(definitionRow.definition) };
}

async function present(db: Db, id: string): Promise<Application> {
  const row = await findApplication(db, id);
  if (!row) throw notFound();
  const definitionRow = await findDefinitionById(db, row.definitionId);
  const user = await db.selectFrom('users').select('displayName').where('id', '=', row.userId).executeTakeFirst();
  if (!definitionRow || !user) throw new Error(`application ${id} lost its definition or applicant`);
  const listRow: ApplicationListRow = {
    ...row,
    applicantName: user.displayName,
    definition: definitionRow.definition,
    serviceVersion: definitionRow.version,
  };
  return toApplicationDto(listRow, definitionRow, await listDocuments(db, id), await listApplicationEvents(db, id));
}

export async function addEvent(
  trx: Db,
  row: Pick<ApplicationRow, 'id'>,
  kind: Parameters<typeof insertApplicationEvent>[1]['kind'],
  status: ApplicationStatus,
  actor: Actor,
  message: string | null,
  at: string,
): Promise<void> {
  await insertApplicationEvent(trx, {
    id: newId(),
    applicationId: row.id,
    kind,
    status,
    message,
    actorUserId: actor.id,
    byStaff: actor.role === 'citizen' ? 0 : 1,
    createdAt: at,
  });
}

export function conflict(): ProblemError {
  return new ProblemError(409, 'conflict', 'the application changed meanwhile; load it again');
}

/** A citizen starts an application for a service they may use: a draft on the version in force. */
export async function createApplication(
  db: Kysely<Database>,
  actor: Actor,
  serviceId: string,
  locale: Locale,
  now: Date = new Date(),
): Promise<Application> {
  const definitionRow = await findCurrentDefinition(db, serviceId);
  if (!definitionRow) throw new ProblemError(404, 'service_unknown', serviceId);
  const definition = parseDefinition(definitionRow.definition);
  const reasons = await checkEligibility(db, actor.id, definition, today(now), locale);
  if (reasons.length > 0) throw new ProblemError(422, 'service_not_eligible', serviceId, reasons);
  const id = newId();
  const at = isoNow(now);
  await inTransaction(db, async (trx) => {
    await insertApplication(trx, {
      id,
      reference: null,
      serviceId,
      definitionId: definitionRow.id,
      userId: actor.id,
      missionCode: null,
      status: 'draft',
      answers: '{}',
      feeAmountMinor: definition.fee.amountMinor,
      feeCurrency: definition.fee.currency,
      decisionReason: null,
      version: 1,
      createdAt: at,
      updatedAt: at,
      submittedAt: null,
    });
    await addEvent(trx, { id }, 'created', 'draft', actor, null, at);
  });
  return present(db, id);
}

/** Saves the answers as they are (auto-save from the phone); only questions the form lacks are refused. */
export async function saveDraft(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  body: SaveDraftBody,
  locale: Locale,
  now: Date = new Date(),
): Promise<Application> {
  const { row, definition } = await load(db, actor, id);
  if (!canEditApplication(actor, row)) throw new ProblemError(409, 'application_transition_not_allowed', row.status);
  const errors = checkAnswers(definition, body.answers, new Set(), { complete: false, today: today(now), locale });
  if (errors.length > 0) throw new ProblemError(422, 'validation_failed', 'unknown questions', errors);
  if (
    body.missionCode !== null &&
    (!(await findMission(db, body.missionCode)) || !offeredAt(definition, body.missionCode))
  ) {
    throw new ProblemError(422, 'service_not_offered', body.missionCode, [
      {
        field: '/missionCode',
        message: locale === 'en' ? 'Choose a mission that offers this service' : '请选择提供此项服务的使领馆',
      },
    ]);
  }
  const answers = Object.fromEntries(Object.entries(body.answers).filter(([, v]) => v.trim() !== ''));
  const changed = await updateApplication(db, id, body.version, {
    answers: JSON.stringify(answers),
    missionCode: body.missionCode,
    updatedAt: isoNow(now),
  });
  if (changed !== 1) throw conflict();
  return present(db, id);
}

/** Adds a photo or scan for a file question; a new file for the same question replaces the old one. */
export async function addApplicationDocument(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  fieldId: string,
  file: CheckedFile,
  locale: Locale,
  now: Date = new Date(),
): Promise<Application> {
  const { row, definition } = await load(db, actor, id);
  if (!canEditApplication(actor, row)) throw new ProblemError(409, 'application_transition_not_allowed', row.status);
  const field = definition.fields.find((f) => f.id === fieldId);
  if (field?.type !== 'file') {
    throw new ProblemError(422, 'validation_failed', `no file question ${fieldId}`, [
      {
        field: '/headers/x-document-field',
        message: locale === 'en' ? 'This form has no such document' : '此表单没有这项材料',
      },
    ]);
  }
  const { width, height } = checkDocument(field, file, locale);
  await inTransaction(db, async (trx) => {
    // While the application is a draft a new file replaces the old; once submitted, earlier files are evidence.
    if (row.status === 'draft') await deleteFieldDocuments(trx, id, fieldId);
    await insertDocument(trx, {
      id: newId(),
      applicationId: id,
      field: fieldId,
      fileName: file.fileName,
      mediaType: file.mediaType,
      sizeBytes: file.content.byteLength,
      width,
      height,
      sha256: file.sha256,
      content: file.content,
      uploadedBy: actor.id,
      createdAt: isoNow(now),
    });
    if ((await updateApplication(trx, id, row.version, { updatedAt: isoNow(now) })) !== 1) throw conflict();
  });
  return present(db, id);
}

/**
 * Submits a draft, or sends the answer to a request for more information. Every rule of the form is checked
 * first; a refusal lists each missing or wrong answer and document by field, and nothing changes.
 */
export async function submitApplication(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  body: SubmitApplicationBody,
  locale: Locale,
  now: Date = new Date(),
): Promise<Application> {
  return inTransaction(db, async (trx) => {
    const { row, definition } = await load(trx, actor, id);
    if (!canEditApplication(actor, row)) throw new ProblemError(409, 'application_transition_not_allowed', row.status);
    if (row.version !== body.version) throw conflict();
    const answers = parseAnswers(row.answers);
    const documentFields = new Set((await listDocuments(trx, id)).map((d) => d.field));
    const errors = checkAnswers(definition, answers, documentFields, { complete: true, today: today(now), locale });
    if (row.missionCode === null) {
      errors.unshift({ field: '/missionCode', message: locale === 'en' ? 'Choose the mission' : '请选择使领馆' });
    }
    const answering = row.status === 'more_info_requested';
    const message = body.message?.trim() ?? '';
    if (answering && message === '') {
      errors.push({ field: '/message', message: locale === 'en' ? 'Enter your answer' : '请填写您的答复' });
    }
    errors.push(...(await checkEligibility(trx, actor.id, definition, today(now), locale)));
    if (errors.length > 0) throw new ProblemError(422, 'application_incomplete', `${errors.length} problem(s)`, errors);
    const at = isoNow(now);
    const year = at.slice(0, 4);
    const reference =
      row.reference ?? `HW-A-${year}-${String(await nextCounterValue(trx, `application:${year}`)).padStart(6, '0')}`;
    const changed = await updateApplication(trx, id, row.version, {
      status: 'submitted',
      reference,
      answers: JSON.stringify(normalizeAnswers(definition, answers)),
      submittedAt: row.submittedAt ?? at,
      updatedAt: at,
    });
    if (changed !== 1) throw conflict();
    await addEvent(
      trx,
      row,
      answering ? 'info_provided' : 'submitted',
      'submitted',
      actor,
      answering ? message : null,
      at,
    );
    if (!answering) await notifyApplicant(trx, { ...row, reference, version: row.version + 1 }, 'submitted');
    return present(trx, id);
  });
}

/** One application with its history; a staff member opening it is written to the audit log. */
export async function viewApplication(db: Db, actor: Actor, id: string, source: AuditSource): Promise<Application> {
  const { row } = await load(db, actor, id);
  if (actor.role !== 'citizen') {
    await appendAudit(db, source, {
      action: 'application.view',
      record: { type: 'service_application', id, missionCode: row.missionCode },
    });
  }
  return present(db, id);
}

/** The citizen's own applications (newest first), or a staff queue (oldest submission first). */
export async function listApplicationsFor(db: Db, actor: Actor, query: ApplicationListQuery): Promise<ApplicationList> {
  const scope = applicationListScope(actor);
  if (!scope) throw new ProblemError(403, 'forbidden');
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const filter = {
    status: query.status,
    serviceId: query.serviceId,
    mission: query.mission,
    q: query.q,
    ...(scope.kind === 'own' ? { userId: scope.userId } : { excludeDrafts: true }),
    ...(scope.kind === 'missions' ? { missions: scope.missions } : {}),
  };
  const { rows, total } = await listApplications(db, filter, page, pageSize, scope.kind === 'own' ? 'recent' : 'queue');
  return { items: rows.map(toApplicationSummaryDto), page, pageSize, total };
}

/** A document's bytes for download; staff downloads are audited (personal data). */
export async function openApplicationDocument(
  db: Db,
  actor: Actor,
  id: string,
  documentId: string,
  source: AuditSource,
) {
  const { row } = await load(db, actor, id);
  const document = await findDocument(db, id, documentId);
  if (!document) throw notFound();
  if (actor.role !== 'citizen') {
    await appendAudit(db, source, {
      action: 'application.document_download',
      record: { type: 'service_application', id, missionCode: row.missionCode },
      details: { documentId, field: document.field },
    });
  }
  return document;
}

export { load as loadApplication, present as presentApplication };
