import { type Static, type TSchema, Type } from '@sinclair/typebox';
import type { LocalizedText } from '../locale.ts';
import { CaseCategorySchema, CasePrioritySchema, CaseStatusSchema } from './case.schema.ts';

/** What came of a call to the 24/7 hotline (GLOSSARY: 12308 热线). */
export const CALL_OUTCOMES = {
  advice: { en: 'Advice given', 'zh-CN': '已提供咨询' },
  case_opened: { en: 'Case opened', 'zh-CN': '已立案' },
  transferred: { en: 'Transferred to a mission', 'zh-CN': '已转使领馆' },
} as const satisfies Record<string, LocalizedText>;
export type CallOutcome = keyof typeof CALL_OUTCOMES;

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const CallOutcomeSchema = literals(Object.keys(CALL_OUTCOMES) as CallOutcome[]);
export const CallLanguageSchema = Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]);
const MissionCode = Type.String({ pattern: '^[A-Z]{2}-[A-Z]{3}$' });
const Country = Type.String({ pattern: '^[A-Z]{2}$' });
const Uuid = Type.String({ format: 'uuid' });

/**
 * A call as the agent logs it. With `outcome` `case_opened` a case is opened in the same transaction (its
 * mission from `missionCode`, else from the location's jurisdiction); `transferred` needs `missionCode`.
 */
export const LogCallBodySchema = Type.Object(
  {
    callerPhone: Type.Optional(nullable(Type.String({ maxLength: 40 }))),
    /** Reads a national number (030 1234 5678) as this country's; else the number must start with +. */
    phoneCountry: Type.Optional(Country),
    callerName: Type.Optional(nullable(Type.String({ maxLength: 200 }))),
    personId: Type.Optional(nullable(Uuid)),
    caseId: Type.Optional(nullable(Uuid)),
    category: CaseCategorySchema,
    summary: Type.String({ minLength: 1, maxLength: 4000 }),
    outcome: CallOutcomeSchema,
    missionCode: Type.Optional(nullable(MissionCode)),
    priority: Type.Optional(CasePrioritySchema),
    subjectName: Type.Optional(nullable(Type.String({ maxLength: 200 }))),
    locationCountry: Type.Optional(nullable(Country)),
    language: CallLanguageSchema,
    startedAt: Type.Optional(Type.String({ format: 'date-time', description: 'When the call began; default now' })),
  },
  { additionalProperties: false },
);
export type LogCallBody = Static<typeof LogCallBodySchema>;

export const HotlineCallSchema = Type.Object({
  id: Type.String(),
  agent: Type.Object({ id: nullable(Type.String()), name: Type.String() }),
  startedAt: Type.String(),
  endedAt: Type.String(),
  durationSeconds: Type.Integer({ minimum: 0 }),
  callerPhone: nullable(Type.String()),
  callerName: nullable(Type.String()),
  person: nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  case: nullable(Type.Object({ id: Type.String(), number: Type.String(), missionCode: Type.String() })),
  category: CaseCategorySchema,
  summary: Type.String(),
  outcome: CallOutcomeSchema,
  missionCode: nullable(Type.String()),
  locationCountry: nullable(Type.String()),
  language: CallLanguageSchema,
});
export type HotlineCall = Static<typeof HotlineCallSchema>;

export const HotlineCallPageSchema = Type.Object({
  items: Type.Array(HotlineCallSchema),
  total: Type.Integer({ minimum: 0 }),
  page: Type.Integer({ minimum: 1 }),
  pageSize: Type.Integer({ minimum: 1 }),
});
export type HotlineCallPage = Static<typeof HotlineCallPageSchema>;

export const HotlineCallQuerySchema = Type.Object(
  {
    from: Type.Optional(Type.String({ format: 'date', description: 'First UTC day, inclusive' })),
    to: Type.Optional(Type.String({ format: 'date', description: 'Last UTC day, inclusive' })),
    outcome: Type.Optional(CallOutcomeSchema),
    category: Type.Optional(CaseCategorySchema),
    missionCode: Type.Optional(MissionCode),
    phone: Type.Optional(Type.String({ minLength: 3, maxLength: 40, description: 'Digits of the caller number' })),
    page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
  },
  { additionalProperties: false },
);
export type HotlineCallQuery = Static<typeof HotlineCallQuerySchema>;

export const LookupCaseSchema = Type.Object({
  id: Type.String(),
  number: Type.String(),
  missionCode: Type.String(),
  category: CaseCategorySchema,
  priority: CasePrioritySchema,
  status: CaseStatusSchema,
  summary: Type.String(),
  subjectName: Type.String(),
  openedAt: Type.String(),
});
export type LookupCase = Static<typeof LookupCaseSchema>;

export const LookupPersonSchema = Type.Object({
  id: Type.String(),
  familyName: Type.String(),
  givenName: Type.String(),
  nativeName: nullable(Type.String()),
  birthDate: nullable(Type.String()),
  passportNumber: nullable(Type.String()),
  phones: Type.Array(Type.String()),
  matchedBy: Type.Union([Type.Literal('phone'), Type.Literal('name'), Type.Literal('passport')]),
  /** Where the person is today (a trip beats a residence), if the registry knows. */
  presence: nullable(
    Type.Object({
      kind: Type.Union([Type.Literal('residence'), Type.Literal('trip')]),
      countryCode: Type.String(),
      regionCode: nullable(Type.String()),
      cityName: nullable(Type.String()),
      arrivalOn: Type.String(),
      departureOn: nullable(Type.String()),
    }),
  ),
  openCases: Type.Array(LookupCaseSchema),
});
export type LookupPerson = Static<typeof LookupPersonSchema>;

export const HotlineLookupQuerySchema = Type.Object(
  {
    q: Type.String({ minLength: 2, maxLength: 100 }),
    country: Type.Optional(Country),
  },
  { additionalProperties: false },
);
export type HotlineLookupQuery = Static<typeof HotlineLookupQuerySchema>;

export const HotlineLookupSchema = Type.Object({
  /** The number as E.164 when `q` reads as a phone number. */
  phone: nullable(Type.String()),
  persons: Type.Array(LookupPersonSchema),
  cases: Type.Array(LookupCaseSchema),
});
export type HotlineLookup = Static<typeof HotlineLookupSchema>;

/** Topics of the knowledge base, in the order the console lists them. */
export const KNOWLEDGE_TOPICS = {
  documents: { en: 'Passports and travel documents', 'zh-CN': '护照和旅行证件' },
  legal: { en: 'Arrest, crime and the law', 'zh-CN': '拘留、不法侵害与法律' },
  health: { en: 'Illness, accidents and death', 'zh-CN': '疾病、事故与死亡' },
  emergencies: { en: 'Disasters and missing persons', 'zh-CN': '灾害与失联' },
  scope: { en: 'What consular protection covers', 'zh-CN': '领事保护的范围' },
} as const satisfies Record<string, LocalizedText>;
export type KnowledgeTopic = keyof typeof KNOWLEDGE_TOPICS;
export const KnowledgeTopicSchema = literals(Object.keys(KNOWLEDGE_TOPICS) as KnowledgeTopic[]);

export const KnowledgeArticleSchema = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  topic: KnowledgeTopicSchema,
  title: Type.Object({ 'zh-CN': Type.String(), en: Type.String() }),
  /** Markdown; the console renders it and sanitizes the HTML. */
  body: Type.Object({ 'zh-CN': Type.String(), en: Type.String() }),
  keywords: Type.String(),
  version: Type.Integer({ minimum: 1 }),
  updatedAt: Type.String(),
  updatedBy: nullable(Type.String({ description: 'Name of the last editor; null for the shipped text' })),
});
export type KnowledgeArticle = Static<typeof KnowledgeArticleSchema>;

export const KnowledgeListSchema = Type.Object({ items: Type.Array(KnowledgeArticleSchema) });
export type KnowledgeList = Static<typeof KnowledgeListSchema>;

export const KnowledgeQuerySchema = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    topic: Type.Optional(KnowledgeTopicSchema),
  },
  { additionalProperties: false },
);
export type KnowledgeQuery = Static<typeof KnowledgeQuerySchema>;

export const KnowledgeUpdateBodySchema = Type.Object(
  {
    version: Type.Integer({ minimum: 1, description: 'The version the edit is based on; stale → 409' }),
    topic: KnowledgeTopicSchema,
    title: Type.Object(
      { 'zh-CN': Type.String({ minLength: 1, maxLength: 200 }), en: Type.String({ minLength: 1, maxLength: 200 }) },
      { additionalProperties: false },
    ),
    body: Type.Object(
      {
        'zh-CN': Type.String({ minLength: 1, maxLength: 20_000 }),
        en: Type.String({ minLength: 1, maxLength: 20_000 }),
      },
      { additionalProperties: false },
    ),
    keywords: Type.String({ maxLength: 1000 }),
  },
  { additionalProperties: false },
);
export type KnowledgeUpdateBody = Static<typeof KnowledgeUpdateBodySchema>;

export const HotlineStatsQuerySchema = Type.Object(
  {
    from: Type.String({ format: 'date', description: 'First UTC day, inclusive' }),
    to: Type.String({ format: 'date', description: 'Last UTC day, inclusive (at most 366 days)' }),
  },
  { additionalProperties: false },
);
export type HotlineStatsQuery = Static<typeof HotlineStatsQuerySchema>;

const Count = Type.Integer({ minimum: 0 });
/** Calls per UTC day (every day of the range, zeros included), per category and per outcome. */
export const HotlineStatsSchema = Type.Object({
  from: Type.String(),
  to: Type.String(),
  timeZone: Type.Literal('UTC'),
  total: Count,
  averageDurationSeconds: nullable(Type.Number({ minimum: 0 })),
  perDay: Type.Array(Type.Object({ day: Type.String(), count: Count })),
  perCategory: Type.Array(Type.Object({ category: CaseCategorySchema, count: Count })),
  perOutcome: Type.Array(Type.Object({ outcome: CallOutcomeSchema, count: Count })),
});
export type HotlineStats = Static<typeof HotlineStatsSchema>;
