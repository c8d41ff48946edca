import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/schema.ts';
import type { CaseAttachmentsTable } from '../../db/tables/cases.table.ts';

export type AttachmentRow = Selectable<CaseAttachmentsTable>;
/** An attachment without its content, with the visibility of the timeline event that announced it. */
export type AttachmentMeta = Omit<AttachmentRow, 'content'> & { visibility: 'internal' | 'citizen' | null };

export async function insertAttachment(db: Db, row: Insertable<CaseAttachmentsTable>): Promise<void> {
  await db.insertInto('caseAttachments').values(row).execute();
}

const META = [
  'caseAttachments.id',
  'caseAttachments.caseId',
  'caseAttachments.eventId',
  'caseAttachments.fileName',
  'caseAttachments.mediaType',
  'caseAttachments.sizeBytes',
  'caseAttachments.sha256',
  'caseAttachments.uploadedBy',
  'caseAttachments.createdAt',
  'caseEvents.visibility',
] as const;

/** One attachment of a case (without its content), or undefined when the case has no such attachment. */
export async function findAttachmentMeta(db: Db, caseId: string, id: string): Promise<AttachmentMeta | undefined> {
  return db
    .selectFrom('caseAttachments')
    .leftJoin('caseEvents', 'caseEvents.id', 'caseAttachments.eventId')
    .select(META)
    .where('caseAttachments.caseId', '=', caseId)
    .where('caseAttachments.id', '=', id)
    .executeTakeFirst();
}

/** The stored bytes of an attachment. */
export async function readAttachmentContent(db: Db, id: string): Promise<Uint8Array | undefined> {
  const row = await db.selectFrom('caseAttachments').select('content').where('id', '=', id).executeTakeFirst();
  return row?.content;
}

/**
 * A case's attachments, oldest first, without content; `citizenOnly` keeps those the reporter may see
 * (announced by a citizen-visible event). For the case detail.
 */
export async function listCaseAttachments(
  db: Db,
  caseId: string,
  options: { citizenOnly?: boolean } = {},
): Promise<AttachmentMeta[]> {
  let query = db
    .selectFrom('caseAttachments')
    .leftJoin('caseEvents', 'caseEvents.id', 'caseAttachments.eventId')
    .select(META)
    .where('caseAttachments.caseId', '=', caseId);
  if (options.citizenOnly) query = query.where('caseEvents.visibility', '=', 'citizen');
  return query.orderBy('caseAttachments.id').execute();
}
