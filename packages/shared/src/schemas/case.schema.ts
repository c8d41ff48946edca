import { type Static, type TSchema, Type } from '@sinclair/typebox';
import type { LocalizedText } from '../locale.ts';

/** Kinds of consular protection and assistance cases (GLOSSARY: emergencies and cases). */
export const CASE_CATEGORIES = {
  detention: { en: 'Arrest or detention', 'zh-CN': '被拘留或羁押' },
  accident: { en: 'Accident or hospitalisation', 'zh-CN': '意外事故或住院' },
  crime_victim: { en: 'Victim of crime', 'zh-CN': '遭受不法侵害' },
  missing_person: { en: 'Whereabouts unknown', 'zh-CN': '下落不明' },
  kidnapping: { en: 'Kidnapping', 'zh-CN': '绑架' },
  lost_passport: { en: 'Lost or stolen passport', 'zh-CN': '护照遗失或被盗' },
  disaster_conflict: { en: 'Disaster or conflict', 'zh-CN': '自然灾害或冲突' },
  death: { en: 'Death of a national', 'zh-CN': '同胞死亡' },
  child_welfare: { en: 'Child welfare', 'zh-CN': '未成年人保护' },
  fraud: { en: 'Fraud', 'zh-CN': '诈骗' },
  other: { en: 'Other', 'zh-CN': '其他' },
} as const satisfies Record<string, LocalizedText>;
export type CaseCategory = keyof typeof CASE_CATEGORIES;

export const CASE_STATUSES = {
  new: { en: 'New', 'zh-CN': '待受理' },
  triaged: { en: 'Triaged', 'zh-CN': '已分级' },
  assigned: { en: 'Accepted', 'zh-CN': '已受理' },
  in_progress: { en: 'In progress', 'zh-CN': '处理中' },
  waiting: { en: 'Waiting for the person', 'zh-CN': '等待当事人' },
  resolved: { en: 'Resolved', 'zh-CN': '已解决' },
  closed: { en: 'Closed', 'zh-CN': '已办结' },
} as const satisfies Record<string, LocalizedText>;
export type CaseStatus = keyof typeof CASE_STATUSES;

export const CASE_PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type CasePriority = (typeof CASE_PRIORITIES)[number];

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const CaseCategorySchema = literals(Object.keys(CASE_CATEGORIES) as CaseCategory[]);
export const CaseStatusSchema = literals(Object.keys(CASE_STATUSES) as CaseStatus[]);
export const CasePrioritySchema = literals(CASE_PRIORITIES);

export const CASE_SOURCES = ['staff', 'citizen', 'hotline', 'checkin'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];
export const CaseSourceSchema = literals(CASE_SOURCES);

export const SLA_STATES = ['green', 'amber', 'red', 'met', 'paused'] as const;
export type SlaState = (typeof SLA_STATES)[number];
export const SlaStateSchema = literals(SLA_STATES);

/** Where the help is needed: country ISO 3166-1 alpha-2, region ISO 3166-2, city a GeoNames id, label free text. */
export const CaseLocationSchema = Type.Object({
  country: Type.String({ pattern: '^[A-Z]{2}$' }),
  region: Type.Union([Type.String({ maxLength: 10 }), Type.Null()]),
  city: Type.Union([Type.String({ maxLength: 20 }), Type.Null()]),
  label: Type.Union([Type.String({ maxLength: 300 }), Type.Null()]),
  lat: Type.Union([Type.Number({ minimum: -90, maximum: 90 }), Type.Null()]),
  lon: Type.Union([Type.Number({ minimum: -180, maximum: 180 }), Type.Null()]),
});
export type CaseLocation = Static<typeof CaseLocationSchema>;

/** The location as a client sends it: only the country is required. */
export const CaseLocationInputSchema = Type.Object(
  {
    country: Type.String({ pattern: '^[A-Z]{2}$' }),
    region: Type.Optional(Type.Union([Type.String({ pattern: '^[A-Z]{2}-[A-Z0-9]{1,3}$' }), Type.Null()])),
    city: Type.Optional(Type.Union([Type.String({ pattern: '^[0-9]{1,12}$' }), Type.Null()])),
    label: Type.Optional(Type.Union([Type.String({ maxLength: 300 }), Type.Null()])),
    lat: Type.Optional(Type.Union([Type.Number({ minimum: -90, maximum: 90 }), Type.Null()])),
    lon: Type.Optional(Type.Union([Type.Number({ minimum: -180, maximum: 180 }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type CaseLocationInput = Static<typeof CaseLocationInputSchema>;

const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/**
 * The SLA clock of a case (decision 0011): `continuous` for P1/P2, `business_hours` of the mission for P3/P4;
 * paused while the case waits on the person. `met` = the target was reached in time.
 */
export const CaseSlaSchema = Type.Object({
  clock: Type.Union([Type.Literal('continuous'), Type.Literal('business_hours')]),
  firstResponse: Type.Object({
    dueAt: nullable(Type.String({ description: 'When the target is breached; null while paused' })),
    metAt: nullable(Type.String()),
    state: SlaStateSchema,
  }),
  nextUpdate: Type.Object({
    dueAt: nullable(Type.String()),
    state: SlaStateSchema,
  }),
  paused: Type.Boolean(),
});
export type CaseSla = Static<typeof CaseSlaSchema>;

export const UserRefSchema = Type.Object({ id: Type.String(), name: Type.String() });
export type UserRef = Static<typeof UserRefSchema>;

/** The staff who may own a case: the active officers and head of its mission. */
export const CaseAssigneeListSchema = Type.Object({ items: Type.Array(UserRefSchema) });
export type CaseAssigneeList = Static<typeof CaseAssigneeListSchema>;

/** A consular protection case as staff and the reporting citizen see it. */
export const CaseSchema = Type.Object({
  id: Type.String(),
  number: Type.String({ description: 'Readable case number, e.g. HW-2026-000123' }),
  missionCode: Type.String(),
  category: CaseCategorySchema,
  priority: CasePrioritySchema,
  status: CaseStatusSchema,
  summary: Type.String(),
  subjectName: Type.String({ description: 'The person concerned (当事人)' }),
  openedAt: Type.String(),
  updatedAt: Type.String(),
  version: Type.Integer(),
  source: CaseSourceSchema,
  description: Type.String(),
  location: nullable(CaseLocationSchema),
  reporterRelation: Type.String({ description: '`self` when the reporter asks for themselves' }),
  contactPhone: nullable(Type.String()),
  assignedTo: nullable(UserRefSchema),
  incidentId: nullable(Type.String()),
  mergedIntoId: nullable(Type.String()),
  escalationLevel: Type.Integer({ minimum: 0, maximum: 2, description: '0 none, 1 mission head, 2 HQ' }),
  closedAt: nullable(Type.String()),
  sla: CaseSlaSchema,
});
export type Case = Static<typeof CaseSchema>;

export const CASE_PERSON_ROLES = ['subject', 'reporter', 'next_of_kin'] as const;
export type CasePersonRole = (typeof CASE_PERSON_ROLES)[number];
export const CasePersonRoleSchema = literals(CASE_PERSON_ROLES);

export const CasePersonSchema = Type.Object({
  id: Type.String(),
  role: CasePersonRoleSchema,
  personId: nullable(Type.String({ description: 'The registry record, when linked' })),
  name: Type.String(),
  phone: nullable(Type.String()),
  relation: nullable(Type.String()),
  createdAt: Type.String(),
});
export type CasePerson = Static<typeof CasePersonSchema>;

export const CaseTaskSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  dueAt: nullable(Type.String()),
  assignedTo: nullable(UserRefSchema),
  doneAt: nullable(Type.String()),
  createdAt: Type.String(),
});
export type CaseTask = Static<typeof CaseTaskSchema>;

export const CaseAttachmentSummarySchema = Type.Object({
  id: Type.String(),
  fileName: Type.String(),
  mediaType: Type.String(),
  sizeBytes: Type.Integer({ minimum: 0 }),
  createdAt: Type.String(),
});
export type CaseAttachmentSummary = Static<typeof CaseAttachmentSummarySchema>;

/**
 * One case with what belongs to it. The reporting citizen gets the same shape with the internal parts
 * empty (no tasks, no persons, no allowed transitions, no assignee).
 */
export const CaseDetailSchema = Type.Object({
  case: CaseSchema,
  persons: Type.Array(CasePersonSchema),
  tasks: Type.Array(CaseTaskSchema),
  attachments: Type.Array(CaseAttachmentSummarySchema),
  allowedTransitions: Type.Array(CaseStatusSchema, { description: 'Statuses the caller may move the case to now' }),
  mergedInto: nullable(Type.Object({ id: Type.String(), number: Type.String() })),
});
export type CaseDetail = Static<typeof CaseDetailSchema>;

export const CASE_EVENT_KINDS = [
  'created',
  'status',
  'note',
  'message',
  'attachment',
  'assigned',
  'priority',
  'escalated',
  'merged',
  'merged_from',
  'task',
  'incident',
  'person',
  'sla',
  'call',
  'updated',
] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

export const CaseEventVisibilitySchema = Type.Union([Type.Literal('internal'), Type.Literal('citizen')]);
export type CaseEventVisibility = Static<typeof CaseEventVisibilitySchema>;

/** One entry of a case timeline; `data` depends on `kind` (decision 0011 lists the shapes). */
export const CaseEventSchema = Type.Object({
  id: Type.String(),
  caseId: Type.String(),
  kind: Type.String({ description: CASE_EVENT_KINDS.join(', ') }),
  visibility: CaseEventVisibilitySchema,
  author: Type.Object({
    kind: Type.Union([Type.Literal('citizen'), Type.Literal('staff'), Type.Literal('system')]),
    name: nullable(Type.String()),
  }),
  body: nullable(Type.String()),
  data: nullable(Type.Record(Type.String(), Type.Unknown())),
  createdAt: Type.String(),
});
export type CaseEvent = Static<typeof CaseEventSchema>;

export const CaseEventListSchema = Type.Object({ items: Type.Array(CaseEventSchema) });
export type CaseEventList = Static<typeof CaseEventListSchema>;

/** The 409 `case_version_conflict` problem carries the case as it is now, so the UI can show it. */
export const CaseConflictSchema = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Literal(409),
  code: Type.Literal('case_version_conflict'),
  detail: Type.Optional(Type.String()),
  current: CaseSchema,
});
export type CaseConflict = Static<typeof CaseConflictSchema>;

const version = Type.Integer({ minimum: 1, description: 'The version the change is based on; stale → 409' });

export const CaseTransitionBodySchema = Type.Object(
  {
    to: CaseStatusSchema,
    version,
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 2000, description: 'Required to reopen' })),
  },
  { additionalProperties: false },
);
export type CaseTransitionBody = Static<typeof CaseTransitionBodySchema>;

export const CaseUpdateBodySchema = Type.Object(
  {
    version,
    priority: Type.Optional(CasePrioritySchema),
    category: Type.Optional(CaseCategorySchema),
    summary: Type.Optional(Type.String({ minLength: 1, maxLength: 4000 })),
    assignedTo: Type.Optional(nullable(Type.String({ format: 'uuid', description: 'A staff user of the mission' }))),
    incidentId: Type.Optional(nullable(Type.String({ format: 'uuid' }))),
  },
  { additionalProperties: false },
);
export type CaseUpdateBody = Static<typeof CaseUpdateBodySchema>;

export const CaseNoteBodySchema = Type.Object(
  { body: Type.String({ minLength: 1, maxLength: 10_000 }), visibility: CaseEventVisibilitySchema },
  { additionalProperties: false },
);
export type CaseNoteBody = Static<typeof CaseNoteBodySchema>;

export const CaseMessageBodySchema = Type.Object(
  { body: Type.String({ minLength: 1, maxLength: 10_000 }) },
  { additionalProperties: false },
);
export type CaseMessageBody = Static<typeof CaseMessageBodySchema>;

export const CaseEscalateBodySchema = Type.Object(
  { version, reason: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);
export type CaseEscalateBody = Static<typeof CaseEscalateBodySchema>;

/** Merge this case (the duplicate) into another, named by number or id. */
export const CaseMergeBodySchema = Type.Object(
  {
    version,
    intoNumber: Type.Optional(Type.String({ pattern: '^HW-[0-9]{4}-[0-9]{6}$' })),
    intoId: Type.Optional(Type.String({ format: 'uuid' })),
  },
  { additionalProperties: false },
);
export type CaseMergeBody = Static<typeof CaseMergeBodySchema>;

export const CaseTaskCreateBodySchema = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 500 }),
    dueAt: Type.Optional(nullable(Type.String({ format: 'date-time' }))),
    assignedTo: Type.Optional(nullable(Type.String({ format: 'uuid' }))),
  },
  { additionalProperties: false },
);
export type CaseTaskCreateBody = Static<typeof CaseTaskCreateBodySchema>;

export const CaseTaskUpdateBodySchema = Type.Object(
  {
    done: Type.Optional(Type.Boolean()),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    dueAt: Type.Optional(nullable(Type.String({ format: 'date-time' }))),
    assignedTo: Type.Optional(nullable(Type.String({ format: 'uuid' }))),
  },
  { additionalProperties: false },
);
export type CaseTaskUpdateBody = Static<typeof CaseTaskUpdateBodySchema>;

export const CasePersonAddBodySchema = Type.Object(
  {
    role: CasePersonRoleSchema,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    phone: Type.Optional(nullable(Type.String({ minLength: 1, maxLength: 40 }))),
    relation: Type.Optional(nullable(Type.String({ maxLength: 100 }))),
    personId: Type.Optional(nullable(Type.String({ format: 'uuid', description: 'A registry person' }))),
  },
  { additionalProperties: false },
);
export type CasePersonAddBody = Static<typeof CasePersonAddBodySchema>;

export const OpenCaseBodySchema = Type.Object(
  {
    missionCode: Type.String({ pattern: '^[A-Z]{2}-[A-Z]{3}$' }),
    category: CaseCategorySchema,
    priority: CasePrioritySchema,
    summary: Type.String({ minLength: 1, maxLength: 4000 }),
    subjectName: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.String({ maxLength: 20_000 })),
    location: Type.Optional(CaseLocationInputSchema),
    contactPhone: Type.Optional(nullable(Type.String({ minLength: 1, maxLength: 40 }))),
    reporterRelation: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    persons: Type.Optional(Type.Array(CasePersonAddBodySchema, { maxItems: 20 })),
  },
  { additionalProperties: false },
);
export type OpenCaseBody = Static<typeof OpenCaseBodySchema>;

/** List filters; `q` (full-text) is added by the search module. */
export const CaseListQuerySchema = Type.Object(
  {
    q: Type.Optional(
      Type.String({ maxLength: 200, description: 'Words to find in the summary, description, notes and messages' }),
    ),
    status: Type.Optional(Type.Union([CaseStatusSchema, Type.Array(CaseStatusSchema, { maxItems: 7 })])),
    priority: Type.Optional(CasePrioritySchema),
    category: Type.Optional(CaseCategorySchema),
    missionCode: Type.Optional(Type.String({ pattern: '^[A-Z]{2}-[A-Z]{3}$' })),
    assignedTo: Type.Optional(
      Type.Union([Type.Literal('me'), Type.String({ format: 'uuid' })], { description: '`me` or a user id' }),
    ),
    incidentId: Type.Optional(Type.String({ format: 'uuid' })),
    sla: Type.Optional(Type.Union([Type.Literal('amber'), Type.Literal('red')])),
    source: Type.Optional(CaseSourceSchema),
    sort: Type.Optional(Type.Union([Type.Literal('newest'), Type.Literal('oldest'), Type.Literal('sla')])),
    page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
  },
  { additionalProperties: false },
);
export type CaseListQuery = Static<typeof CaseListQuerySchema>;

export const CasePageSchema = Type.Object({
  items: Type.Array(CaseSchema),
  total: Type.Integer({ minimum: 0 }),
  totalCapped: Type.Optional(
    Type.Boolean({
      description: 'A search counts its matches up to 1,000: true when more match and `total` is that lower bound',
    }),
  ),
  page: Type.Integer({ minimum: 1 }),
  pageSize: Type.Integer({ minimum: 1 }),
});
export type CasePage = Static<typeof CasePageSchema>;
