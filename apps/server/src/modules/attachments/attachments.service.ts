import { createHash } from 'node:crypto';
import { ATTACHMENT_MAX_BYTES, type Attachment, type AttachmentAnswer, type Locale } from '@homeward/shared';
import { fileTypeFromBuffer } from 'file-type';
import { isoNow, newId } from '../../clock.ts';
import type { Db } from '../../db/schema.ts';
import { ProblemError } from '../../http/problem.ts';
import type { Actor } from '../../policy/actor.ts';
import { canViewCase } from '../../policy/cases.policy.ts';
import { type AuditSource, appendAudit } from '../audit/audit.service.ts';
import { appendCaseEvent } from '../cases/cases.events.repo.ts';
import { findCase } from '../cases/cases.repo.ts';
import { fieldProblem } from '../registry/registry.fields.ts';
import {
  type AttachmentMeta,
  findAttachmentMeta,
  insertAttachment,
  readAttachmentContent,
} from './attachments.repo.ts';

/** What the content may be, as sniffed from its first bytes (never the name or the declared type). */
export const ALLOWED_ATTACHMENT_TYPES: ReadonlySet<string> = new Set([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'image/heif',
  'application/pdf',
]);

/** The media type of `content` when it is an allowed photo or PDF, else null (a renamed zip or program). */
export async function sniffAttachmentType(content: Uint8Array): Promise<string | null> {
  const found = await fileTypeFromBuffer(content);
  return found && ALLOWED_ATTACHMENT_TYPES.has(found.mime) ? found.mime : null;
}

/**
 * The file name from the X-File-Name header (percent-encoded UTF-8): decoded, without any folder part or
 * control characters, at most 200 characters. Null when nothing usable is left.
 */
export function cleanFileName(header: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(header);
  } catch {
    return null;
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  const base = (decoded.split(/[/\\]/).at(-1) ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (!base || base === '.' || base === '..') return null;
  return Array.from(base).slice(0, 200).join('');
}

/** A file as received, checked: its clean name, sniffed type, size and digest. */
export interface CheckedFile {
  fileName: string;
  mediaType: string;
  content: Uint8Array;
  sha256: string;
}

/**
 * Checks an upload before it is queued for the commit: size, name, and type by content.
 * @throws ProblemError 413 attachment_too_large, 400 for a missing name or empty file, 415 attachment_type_not_allowed
 */
export async function checkUpload(content: Uint8Array, nameHeader: string, locale: Locale): Promise<CheckedFile> {
  if (content.byteLength > ATTACHMENT_MAX_BYTES) {
    throw new ProblemError(413, 'attachment_too_large', `${content.byteLength} bytes is more than 10 MB`);
  }
  const fileName = cleanFileName(nameHeader);
  if (!fileName) throw fieldProblem(400, 'validation_failed', '/headers/x-file-name', locale, 'no usable name');
  if (content.byteLength === 0) throw fieldProblem(400, 'validation_failed', '/', locale, 'the file is empty');
  const mediaType = await sniffAttachmentType(content);
  if (!mediaType) throw new ProblemError(415, 'attachment_type_not_allowed', 'not a JPEG, PNG, WebP, HEIC or PDF');
  return { fileName, mediaType, content, sha256: createHash('sha256').update(content).digest('hex') };
}

function toAttachmentDto(row: Omit<AttachmentMeta, 'visibility'>): Attachment {
  return {
    id: row.id,
    caseId: row.caseId,
    fileName: row.fileName,
    mediaType: row.mediaType,
    sizeBytes: Number(row.sizeBytes),
    sha256: row.sha256,
    createdAt: row.createdAt,
  };
}

const notFound = () => new ProblemError(404, 'not_found');

/**
 * Attaches a checked file to a case the actor may see (the reporting citizen, or staff of the case), with an
 * `attachment` event: visible to the citizen when they sent it, internal when staff did. Runs inside the
 * caller's transaction (a unit of the group commit). Out-of-scope and missing cases answer the same 404.
 */
export async function addAttachment(
  trx: Db,
  actor: Actor,
  caseId: string,
  file: CheckedFile,
  source: AuditSource,
): Promise<AttachmentAnswer> {
  const kase = await findCase(trx, caseId);
  if (!kase || !canViewCase(actor, kase)) throw notFound();
  const id = newId();
  const byCitizen = actor.role === 'citizen';
  const event = await appendCaseEvent(trx, {
    caseId,
    kind: 'attachment',
    visibility: byCitizen ? 'citizen' : 'internal',
    authorUserId: actor.id,
    authorKind: byCitizen ? 'citizen' : 'staff',
    data: { attachmentId: id, fileName: file.fileName, mediaType: file.mediaType, sizeBytes: file.content.byteLength },
  });
  const row = {
    id,
    caseId,
    eventId: event.id,
    fileName: file.fileName,
    mediaType: file.mediaType,
    sizeBytes: file.content.byteLength,
    sha256: file.sha256,
    content: file.content,
    uploadedBy: actor.id,
    createdAt: isoNow(),
  };
  await insertAttachment(trx, row);
  await appendAudit(trx, source, {
    action: 'case.attachment_add',
    record: { type: 'case', id: caseId, missionCode: kase.missionCode },
    details: { attachmentId: id, mediaType: file.mediaType, sizeBytes: row.sizeBytes, sha256: file.sha256 },
  });
  return { attachment: toAttachmentDto(row) };
}

/**
 * An attachment and its bytes for download. The citizen reporter gets only what was shown to them; staff
 * downloads are written to the audit log (they are personal data).
 */
export async function openAttachment(
  db: Db,
  actor: Actor,
  caseId: string,
  attachmentId: string,
  source: AuditSource,
): Promise<{ attachment: Attachment; content: Uint8Array }> {
  const kase = await findCase(db, caseId);
  if (!kase || !canViewCase(actor, kase)) throw notFound();
  const meta = await findAttachmentMeta(db, caseId, attachmentId);
  if (!meta) throw notFound();
  if (actor.role === 'citizen' && meta.visibility !== 'citizen' && meta.uploadedBy !== actor.id) throw notFound();
  const content = await readAttachmentContent(db, attachmentId);
  if (!content) throw notFound();
  if (actor.role !== 'citizen') {
    await appendAudit(db, source, {
      action: 'case.attachment_download',
      record: { type: 'case', id: caseId, missionCode: kase.missionCode },
      details: { attachmentId, fileName: meta.fileName },
    });
  }
  return { attachment: toAttachmentDto(meta), content };
}
