import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { ATTACHMENT_MAX_BYTES } from '@homeward/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, JSON_WRITE, signInAs } from '../../../test/support/app.ts';
import { WASHINGTON_DC } from '../../../test/support/businesses.ts';
import { describeEachDialect } from '../../../test/support/db.ts';
import { followHelpRequest } from '../../../test/support/help-requests.ts';
import type { App } from '../../http/app-types.ts';
import { DEMO_PASSWORD } from '../demo/demo.accounts.ts';
import { newCitizen, type TestCitizen } from '../registry/registry.fixtures.ts';
import { contentDisposition } from './attachments.routes.ts';
import { cleanFileName, sniffAttachmentType } from './attachments.service.ts';

/** A real 1×1 PNG: signature, IHDR, IDAT, IEND with their CRCs. */
function onePixelPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = (crcTable[(c ^ b) & 0xff] as number) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const PNG = onePixelPng();
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]), Buffer.from('JFIF\0'), Buffer.alloc(64)]);
/** A zip archive (a local file header) and a Windows program, both to be sent under a .jpg name. */
const ZIP = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 8, 0]), Buffer.alloc(200, 1)]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(0x3a), Buffer.from([0x80, 0, 0, 0]), Buffer.alloc(64)]);

describe('attachment checks', () => {
  it('tells photos and PDFs by their content, whatever they are called', async () => {
    expect(await sniffAttachmentType(PNG)).toBe('image/png');
    expect(await sniffAttachmentType(PDF)).toBe('application/pdf');
    expect(await sniffAttachmentType(JPEG)).toBe('image/jpeg');
    expect(await sniffAttachmentType(ZIP)).toBeNull();
    expect(await sniffAttachmentType(EXE)).toBeNull();
    expect(await sniffAttachmentType(Buffer.from('<script>alert(1)</script>'))).toBeNull();
  });

  it('keeps only the last part of a file name, without control characters', () => {
    expect(cleanFileName('%E6%8A%A4%E7%85%A7.png')).toBe('护照.png');
    expect(cleanFileName('..%2F..%2Fetc%2Fpasswd')).toBe('passwd');
    expect(cleanFileName('C%3A%5Cphotos%5Cme.jpg')).toBe('me.jpg');
    expect(cleanFileName('a%0D%0Ab.pdf')).toBe('ab.pdf');
    expect(cleanFileName('%E0%A4')).toBeNull();
    expect(cleanFileName('..')).toBeNull();
  });

  it('names the download in ASCII and in UTF-8', () => {
    expect(contentDisposition('护照 "scan".pdf')).toBe(
      `attachment; filename="__ _scan_.pdf"; filename*=UTF-8''%E6%8A%A4%E7%85%A7%20%22scan%22.pdf`,
    );
  });
});

describeEachDialect('case attachments', (getDb) => {
  let app: App;
  let citizen: TestCitizen;
  let stranger: TestCitizen;
  let officerUs: string;
  let officerJp: string;
  let caseId: string;

  const upload = (cookie: string | undefined, content: Buffer, name: string, headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/attachments`,
      headers: {
        'x-requested-with': 'homeward',
        'content-type': 'application/octet-stream',
        'x-file-name': encodeURIComponent(name),
        'accept-language': 'en',
        ...(cookie ? { cookie } : {}),
        ...headers,
      },
      payload: content,
    });
  const download = (cookie: string, attachmentId: string) =>
    app.inject({ url: `/api/v1/cases/${caseId}/attachments/${attachmentId}`, headers: { cookie } });
  const countAttachments = async () =>
    Number(
      (
        await getDb()
          .db.selectFrom('caseAttachments')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    app = await buildTestApp(getDb());
    citizen = await newCitizen(app, 'files');
    stranger = await newCitizen(app, 'stranger');
    officerUs = await signInAs(app, 'officer.us@demo.homeward.example', DEMO_PASSWORD);
    officerJp = await signInAs(app, 'officer.jp@demo.homeward.example', DEMO_PASSWORD);
    const opened = await followHelpRequest(
      app,
      citizen.cookie,
      await app.inject({
        method: 'POST',
        url: '/api/v1/help-requests',
        headers: { ...JSON_WRITE, cookie: citizen.cookie },
        payload: {
          category: 'lost_passport',
          urgency: 'routine',
          forSelf: true,
          subjectName: 'WANG FANG',
          contactPhone: '+1 202 555 0100',
          description: 'Passport stolen',
          location: { country: 'US', region: 'US-DC', cityId: WASHINGTON_DC, source: 'search' },
        },
      }),
    );
    caseId = opened.json().case.id;
  });
  afterAll(async () => {
    await app.close();
  });

  it('stores a photo the reporter sends, with its digest and a timeline event they see; a retry adds nothing', async () => {
    const key = { 'idempotency-key': `file-${Date.now()}` };
    const first = await upload(citizen.cookie, PNG, '护照.png', key);
    expect(first.statusCode).toBe(201);
    const attachment = first.json().attachment;
    expect(attachment).toMatchObject({
      caseId,
      fileName: '护照.png',
      mediaType: 'image/png',
      sizeBytes: PNG.length,
      sha256: createHash('sha256').update(PNG).digest('hex'),
    });
    const again = await upload(citizen.cookie, PNG, '护照.png', key);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const { db } = getDb();
    const rows = await db.selectFrom('caseAttachments').selectAll().where('caseId', '=', caseId).execute();
    expect(rows).toHaveLength(1);
    expect(Buffer.from(rows[0]?.content ?? []).equals(PNG)).toBe(true);
    const event = await db
      .selectFrom('caseEvents')
      .selectAll()
      .where('caseId', '=', caseId)
      .where('kind', '=', 'attachment')
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({ visibility: 'citizen', authorKind: 'citizen', id: rows[0]?.eventId });
    expect(JSON.parse(event.data ?? '{}')).toEqual({
      attachmentId: attachment.id,
      fileName: '护照.png',
      mediaType: 'image/png',
      sizeBytes: PNG.length,
    });

    const back = await download(citizen.cookie, attachment.id);
    expect(back.statusCode).toBe(200);
    expect(back.headers['content-type']).toBe('image/png');
    expect(back.headers['x-content-type-options']).toBe('nosniff');
    expect(back.headers['content-disposition']).toBe(contentDisposition('护照.png'));
    expect(back.rawPayload.equals(PNG)).toBe(true);
  });

  it('goes by the content, not the declared type', async () => {
    const response = await upload(citizen.cookie, PDF, 'statement.jpg', { 'content-type': 'image/jpeg' });
    expect(response.statusCode).toBe(201);
    expect(response.json().attachment.mediaType).toBe('application/pdf');
  });

  it('refuses spoofed, oversize, nameless and empty files, and strangers, storing nothing', async () => {
    const before = await countAttachments();
    const spoofed = await upload(citizen.cookie, ZIP, 'holiday.jpg', { 'content-type': 'image/jpeg' });
    expect(spoofed.statusCode).toBe(415);
    expect(spoofed.json()).toMatchObject({ code: 'attachment_type_not_allowed', title: expect.stringMatching(/PDF/) });
    expect((await upload(citizen.cookie, EXE, 'photo.jpg')).json().code).toBe('attachment_type_not_allowed');
    const huge = Buffer.concat([PNG, Buffer.alloc(ATTACHMENT_MAX_BYTES + 1 - PNG.length)]);
    const oversize = await upload(citizen.cookie, huge, 'big.png');
    expect(oversize.statusCode).toBe(413);
    expect(oversize.json().code).toBe('attachment_too_large');
    const nameless = await upload(citizen.cookie, PNG, '', { 'x-file-name': '' });
    expect(nameless.statusCode).toBe(400);
    expect((await upload(citizen.cookie, Buffer.alloc(0), 'empty.png')).statusCode).toBe(400);
    expect((await upload(stranger.cookie, PNG, 'x.png')).statusCode).toBe(404);
    expect((await upload(officerJp, PNG, 'x.png')).statusCode).toBe(404);
    expect((await upload(undefined, PNG, 'x.png')).statusCode).toBe(401);
    expect(await countAttachments()).toBe(before);
  });

  it('lets staff of the case download, audited; keeps staff uploads from the citizen; hides files from others', async () => {
    const { db } = getDb();
    const mine = await db
      .selectFrom('caseAttachments')
      .select('id')
      .where('caseId', '=', caseId)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const byOfficer = await download(officerUs, mine.id);
    expect(byOfficer.statusCode).toBe(200);
    const audited = await db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'case.attachment_download')
      .where('recordId', '=', caseId)
      .execute();
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actorRole: 'consular_officer', missionCode: 'US-WAS' });
    expect((await download(officerJp, mine.id)).statusCode).toBe(404);
    expect((await download(stranger.cookie, mine.id)).statusCode).toBe(404);

    const internal = await upload(officerUs, JPEG, 'police-report.jpg');
    expect(internal.statusCode).toBe(201);
    const internalId = internal.json().attachment.id;
    const event = await db
      .selectFrom('caseEvents')
      .select(['visibility', 'authorKind'])
      .where('caseId', '=', caseId)
      .where('kind', '=', 'attachment')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(event).toEqual({ visibility: 'internal', authorKind: 'staff' });
    expect((await download(citizen.cookie, internalId)).statusCode).toBe(404);
    expect((await download(officerUs, internalId)).statusCode).toBe(200);
    // The case detail lists the internal file to staff only.
    const names = async (cookie: string) =>
      (await app.inject({ url: `/api/v1/cases/${caseId}`, headers: { cookie } }))
        .json()
        .attachments.map((a: { fileName: string }) => a.fileName)
        .sort();
    expect(await names(citizen.cookie)).toEqual(['statement.jpg', '护照.png']);
    expect(await names(officerUs)).toEqual(['police-report.jpg', 'statement.jpg', '护照.png']);
  });
});
