import type {
  Answers,
  Application,
  ApplicationDocument,
  ApplicationEvent,
  ApplicationSummary,
  Service,
  ServiceDefinition,
} from '@homeward/shared';
import type { ApplicationEventRow, ApplicationListRow, DefinitionRow, DocumentMeta } from './services.repo.ts';

export function parseDefinition(text: string): ServiceDefinition {
  return JSON.parse(text) as ServiceDefinition; // stored only after validateDefinition()
}

export function toServiceDto(row: DefinitionRow): Service {
  return { ...parseDefinition(row.definition), version: row.version, updatedAt: row.createdAt };
}

export function parseAnswers(text: string): Answers {
  return JSON.parse(text) as Answers; // written only by this module, from AnswersSchema-checked bodies
}

export function toApplicationSummaryDto(row: ApplicationListRow): ApplicationSummary {
  const definition = parseDefinition(row.definition);
  return {
    id: row.id,
    reference: row.reference,
    serviceId: row.serviceId,
    serviceName: definition.name,
    serviceVersion: row.serviceVersion,
    status: row.status,
    missionCode: row.missionCode,
    applicantName: row.applicantName,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    submittedAt: row.submittedAt,
    version: row.version,
  };
}

export function toDocumentDto(row: DocumentMeta): ApplicationDocument {
  return {
    id: row.id,
    field: row.field,
    fileName: row.fileName,
    mediaType: row.mediaType,
    sizeBytes: Number(row.sizeBytes),
    width: row.width === null ? null : Number(row.width),
    height: row.height === null ? null : Number(row.height),
    createdAt: row.createdAt,
  };
}

export function toEventDto(row: ApplicationEventRow): ApplicationEvent {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    message: row.message,
    byStaff: Boolean(row.byStaff),
    at: row.createdAt,
  };
}

/** Where the applicant books the visit to the mission once the application allows it (the appointments booking page). */
export function appointmentPathOf(row: ApplicationListRow, definition: ServiceDefinition): string | null {
  if (definition.inPersonVisit !== 'collection' || !['approved', 'issued'].includes(row.status)) return null;
  const mission = row.missionCode ? `&mission=${encodeURIComponent(row.missionCode)}` : '';
  return `/appointments/new?service=${encodeURIComponent(row.serviceId)}&application=${encodeURIComponent(row.id)}${mission}`;
}

export function toApplicationDto(
  row: ApplicationListRow,
  definitionRow: DefinitionRow,
  documents: DocumentMeta[],
  events: ApplicationEventRow[],
): Application {
  const service = toServiceDto(definitionRow);
  return {
    ...toApplicationSummaryDto(row),
    service,
    answers: parseAnswers(row.answers),
    documents: documents.map(toDocumentDto),
    events: events.map(toEventDto),
    fee: { amountMinor: Number(row.feeAmountMinor), currency: row.feeCurrency },
    decisionReason: row.decisionReason,
    appointmentPath: appointmentPathOf(row, service),
  };
}
