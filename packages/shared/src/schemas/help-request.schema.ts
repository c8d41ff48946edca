import { type Static, Type } from '@sinclair/typebox';
import type { LocalizedText } from '../locale.ts';
import { CaseCategorySchema, CasePrioritySchema, CaseStatusSchema } from './case.schema.ts';
import { ProblemSchema } from './problem.schema.ts';

// A citizen's help request (紧急求助, issue 5; decision 0012): who, where, what, and a call-back number.
// It becomes a case of the mission whose consular district holds the place.

export const HELP_URGENCIES = {
  life_threatening: { en: 'Someone’s life is in danger', 'zh-CN': '有生命危险' },
  urgent: { en: 'Urgent, but no danger to life', 'zh-CN': '紧急，但无生命危险' },
  routine: { en: 'Not urgent', 'zh-CN': '不紧急' },
} as const satisfies Record<string, LocalizedText>;
export type HelpUrgency = keyof typeof HELP_URGENCIES;

/** The reporter's relation to the person concerned when they ask on someone else's behalf. */
export const REPORTER_RELATIONS = {
  parent: { en: 'Parent', 'zh-CN': '父母' },
  child: { en: 'Son or daughter', 'zh-CN': '子女' },
  spouse: { en: 'Husband, wife or partner', 'zh-CN': '配偶或伴侣' },
  sibling: { en: 'Brother or sister', 'zh-CN': '兄弟姐妹' },
  relative: { en: 'Other relative', 'zh-CN': '其他亲属' },
  friend: { en: 'Friend', 'zh-CN': '朋友' },
  colleague: { en: 'Colleague', 'zh-CN': '同事' },
  other: { en: 'Other', 'zh-CN': '其他' },
} as const satisfies Record<string, LocalizedText>;
export type ReporterRelation = keyof typeof REPORTER_RELATIONS;

export const HELP_LOCATION_SOURCES = ['geolocation', 'search', 'registry'] as const;
export type HelpLocationSource = (typeof HELP_LOCATION_SOURCES)[number];

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const HelpUrgencySchema = literals(Object.keys(HELP_URGENCIES) as HelpUrgency[]);
export const ReporterRelationSchema = literals(Object.keys(REPORTER_RELATIONS) as ReporterRelation[]);

/**
 * Where help is needed. The country is required (it decides the mission); region (ISO 3166-2) and city
 * (GeoNames id from the offline gazetteer) are checked against it. A point (lat/lon) is kept only with
 * `preciseConsent: true`; `source` says how the place was found.
 */
export const HelpLocationInputSchema = Type.Object(
  {
    country: Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' }),
    region: Type.Optional(Type.Union([Type.String({ pattern: '^[A-Z]{2}-[A-Z0-9]{1,3}$' }), Type.Null()])),
    cityId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    label: Type.Optional(Type.Union([Type.String({ maxLength: 300 }), Type.Null()])),
    lat: Type.Optional(Type.Union([Type.Number({ minimum: -90, maximum: 90 }), Type.Null()])),
    lon: Type.Optional(Type.Union([Type.Number({ minimum: -180, maximum: 180 }), Type.Null()])),
    preciseConsent: Type.Optional(Type.Boolean({ description: 'The person agreed to share the precise point' })),
    source: literals(HELP_LOCATION_SOURCES),
  },
  { additionalProperties: false },
);
export type HelpLocationInput = Static<typeof HelpLocationInputSchema>;

/**
 * `POST /api/v1/help-requests`. `location` may be left out when the citizen asks for themselves and is
 * registered: then the place they are registered at today is used; otherwise it is required.
 */
export const HelpRequestInputSchema = Type.Object(
  {
    category: CaseCategorySchema,
    urgency: HelpUrgencySchema,
    forSelf: Type.Boolean(),
    reporterRelation: Type.Optional(Type.Union([ReporterRelationSchema, Type.Null()])),
    subjectName: Type.String({ minLength: 1, maxLength: 200, description: 'The person concerned (当事人)' }),
    subjectPhone: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
    contactPhone: Type.String({ minLength: 1, maxLength: 40, description: 'Call-back number, any format with +CC' }),
    description: Type.String({ minLength: 1, maxLength: 4000 }),
    location: Type.Optional(HelpLocationInputSchema),
  },
  { additionalProperties: false },
);
export type HelpRequestInput = Static<typeof HelpRequestInputSchema>;

/** What the citizen gets back: the case to quote and follow. */
export const HelpRequestCaseSchema = Type.Object({
  id: Type.String(),
  number: Type.String({ description: 'Readable case number, e.g. HW-2026-000123' }),
  status: CaseStatusSchema,
  priority: CasePrioritySchema,
  category: CaseCategorySchema,
  missionCode: Type.String(),
  openedAt: Type.String(),
});
export type HelpRequestCase = Static<typeof HelpRequestCaseSchema>;

export const HelpRequestAnswerSchema = Type.Object({ case: HelpRequestCaseSchema });
export type HelpRequestAnswer = Static<typeof HelpRequestAnswerSchema>;

/**
 * Where a received help request stands (decision 0012): `received` (safely stored, the case is being opened),
 * `opened` (the case exists), `failed` (no case could be opened; `problem` says why, in the citizen's language).
 */
export const HELP_REQUEST_STATES = ['received', 'opened', 'failed'] as const;
export type HelpRequestState = (typeof HELP_REQUEST_STATES)[number];

export const HelpRequestIntakeSchema = Type.Object({
  id: Type.String(),
  state: literals(HELP_REQUEST_STATES),
  receivedAt: Type.String(),
  problem: Type.Union([ProblemSchema, Type.Null()]),
});
export type HelpRequestIntake = Static<typeof HelpRequestIntakeSchema>;

/**
 * `POST /api/v1/help-requests` (202 while the case is being opened, 201 when a replay finds it opened) and
 * `GET /api/v1/help-requests/:id`: the request, and its case once opened.
 */
export const HelpRequestStatusSchema = Type.Object({
  request: HelpRequestIntakeSchema,
  case: Type.Union([HelpRequestCaseSchema, Type.Null()]),
});
export type HelpRequestStatus = Static<typeof HelpRequestStatusSchema>;

export const HelpRequestParamsSchema = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

/** A file attached to a case (photos and PDFs, ≤ 10 MB, type sniffed from the content). */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENT_MEDIA_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'application/pdf',
] as const;

export const AttachmentSchema = Type.Object({
  id: Type.String(),
  caseId: Type.String(),
  fileName: Type.String(),
  mediaType: Type.String(),
  sizeBytes: Type.Integer({ minimum: 0 }),
  sha256: Type.String({ description: 'Hex SHA-256 of the content' }),
  createdAt: Type.String(),
});
export type Attachment = Static<typeof AttachmentSchema>;

export const AttachmentAnswerSchema = Type.Object({ attachment: AttachmentSchema });
export type AttachmentAnswer = Static<typeof AttachmentAnswerSchema>;
