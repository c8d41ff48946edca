import { createHash } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import type { Answers, ApplicationEventKind, ApplicationStatus } from '@homeward/shared';
import type { Kysely } from 'kysely';
import { newId } from '../../clock.ts';
import type { Database } from '../../db/schema.ts';
import { nextCounterValue } from '../cases/cases.repo.ts';
import { findCurrentDefinition, insertApplication, insertApplicationEvent, insertDocument } from './services.repo.ts';
import { syncServiceDefinitions } from './services.service.ts';

/** A real PNG of one colour (a stand-in passport photo for the demo and tests; no image library needed). */
export function solidPng(width: number, height: number, rgb: [number, number, number] = [240, 240, 240]): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set(rgb, 1 + x * 3);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return new Uint8Array(
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(pixels)),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

interface DemoApplication {
  serviceId: string;
  mission: string;
  status: ApplicationStatus;
  daysAgo: number;
  answers: Answers;
  history: { kind: ApplicationEventKind; status: ApplicationStatus; byStaff: boolean; message?: string; day: number }[];
  photo?: string;
}

const PERSON = { family_name: 'ZHANG', given_names: 'SANFENG', birth_date: '1985-04-09', phone: '+12025550143' };

// Written for the demo: the demo citizen's applications in different states, for the app and the officers' queue.
const DEMO_APPLICATIONS: readonly DemoApplication[] = [
  {
    serviceId: 'passport_renewal',
    mission: 'US-WAS',
    status: 'collected',
    daysAgo: 400,
    answers: { reason: 'full', ...PERSON, passport_number: 'E12345678' },
    photo: 'photo',
    history: [
      { kind: 'submitted', status: 'submitted', byStaff: false, day: 0 },
      { kind: 'approved', status: 'approved', byStaff: true, day: 6 },
      { kind: 'issued', status: 'issued', byStaff: true, day: 14 },
      { kind: 'collected', status: 'collected', byStaff: true, day: 20 },
    ],
  },
  {
    serviceId: 'notarisation_legalisation',
    mission: 'US-WAS',
    status: 'more_info_requested',
    daysAgo: 5,
    answers: {
      kind: 'power_of_attorney',
      document_country: 'US',
      purpose: '委托家人在国内办理房产过户。',
      email: 'citizen@demo.homeward.example',
    },
    history: [
      { kind: 'submitted', status: 'submitted', byStaff: false, day: 0 },
      {
        kind: 'info_requested',
        status: 'more_info_requested',
        byStaff: true,
        day: 2,
        message: '请补充受托人的身份证复印件。Please add a copy of the attorney’s identity card.',
      },
    ],
  },
  {
    serviceId: 'birth_registration',
    mission: 'JP-TYO',
    status: 'submitted',
    daysAgo: 3,
    answers: {
      child_family_name: 'ZHANG',
      child_given_names: 'XIAOMING',
      child_birth_date: '2026-10-02',
      birth_country: 'JP',
      other_parent_nationality: 'JP',
    },
    history: [{ kind: 'submitted', status: 'submitted', byStaff: false, day: 0 }],
  },
  {
    serviceId: 'emergency_travel_document',
    mission: 'US-WAS',
    status: 'draft',
    daysAgo: 1,
    answers: { family_name: 'ZHANG', given_names: 'SANFENG' },
    history: [],
  },
];

/**
 * Loads the service definitions and gives the demo citizen a few applications in different states.
 * Idempotent: nothing is added when the citizen already has applications.
 */
export async function seedDemoApplications(db: Kysely<Database>, now: Date = new Date()): Promise<number> {
  await syncServiceDefinitions(db);
  const citizen = await db
    .selectFrom('users')
    .select(['id'])
    .where('email', '=', 'citizen@demo.homeward.example')
    .executeTakeFirst();
  if (!citizen) return 0;
  const officer = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'officer.us@demo.homeward.example')
    .executeTakeFirst();
  const existing = await db
    .selectFrom('serviceApplications')
    .select('id')
    .where('userId', '=', citizen.id)
    .executeTakeFirst();
  if (existing) return 0;
  const photo = solidPng(413, 531);
  for (const demo of DEMO_APPLICATIONS) {
    const definition = await findCurrentDefinition(db, demo.serviceId);
    if (!definition) continue;
    const fee = (JSON.parse(definition.definition) as { fee: { amountMinor: number; currency: string } }).fee;
    const start = now.getTime() - demo.daysAgo * 86_400_000;
    const at = (day: number) => new Date(start + day * 86_400_000).toISOString();
    const year = at(0).slice(0, 4);
    const submitted = demo.status !== 'draft';
    const id = newId();
    const reference = submitted
      ? `HW-A-${year}-${String(await nextCounterValue(db, `application:${year}`)).padStart(6, '0')}`
      : null;
    const last = demo.history.at(-1);
    await insertApplication(db, {
      id,
      reference,
      serviceId: demo.serviceId,
      definitionId: definition.id,
      userId: citizen.id,
      missionCode: demo.mission,
      status: demo.status,
      answers: JSON.stringify(demo.answers),
      feeAmountMinor: fee.amountMinor,
      feeCurrency: fee.currency,
      decisionReason: null,
      version: 1 + demo.history.length,
      createdAt: at(0),
      updatedAt: at(last?.day ?? 0),
      submittedAt: submitted ? at(0) : null,
    });
    for (const [index, event] of [
      { kind: 'created' as const, status: 'draft' as const, byStaff: false, day: 0 },
      ...demo.history,
    ].entries()) {
      await insertApplicationEvent(db, {
        id: newId(),
        applicationId: id,
        kind: event.kind,
        status: event.status,
        message: 'message' in event ? (event.message ?? null) : null,
        actorUserId: event.byStaff ? (officer?.id ?? null) : citizen.id,
        byStaff: event.byStaff ? 1 : 0,
        // Events of one day keep their order.
        createdAt: new Date(start + event.day * 86_400_000 + index * 60_000).toISOString(),
      });
    }
    if (demo.photo) {
      await insertDocument(db, {
        id: newId(),
        applicationId: id,
        field: demo.photo,
        fileName: 'photo.png',
        mediaType: 'image/png',
        sizeBytes: photo.byteLength,
        width: 413,
        height: 531,
        sha256: createHash('sha256').update(photo).digest('hex'),
        content: photo,
        uploadedBy: citizen.id,
        createdAt: at(0),
      });
    }
  }
  return DEMO_APPLICATIONS.length;
}
