import { type Static, Type } from '@sinclair/typebox';
import type { LocalizedText } from '../locale.ts';

// Business security guidance (issue 6, item 7; decision 0023): a library of articles per country and risk
// type, an enterprise security self-assessment with a score and recommendations, and guidance sent to the staff
// of business sites in an area. GLOSSARY: 中国企业海外安全风险防范指南 / Security Risk Prevention Guide.

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

/** The fixed list of risk types an article (and a checklist question) belongs to. */
export const GUIDANCE_RISK_TYPES = {
  terrorism: { en: 'Terrorism', 'zh-CN': '恐怖袭击' },
  crime: { en: 'Crime', 'zh-CN': '治安犯罪' },
  civil_unrest: { en: 'Civil unrest', 'zh-CN': '社会动荡' },
  kidnapping: { en: 'Kidnapping', 'zh-CN': '绑架' },
  natural_disaster: { en: 'Natural disasters', 'zh-CN': '自然灾害' },
  health: { en: 'Health and epidemics', 'zh-CN': '卫生与疫情' },
  cyber: { en: 'Cyber security', 'zh-CN': '网络安全' },
  transport: { en: 'Transport safety', 'zh-CN': '交通安全' },
  general: { en: 'Security management', 'zh-CN': '安全管理' },
} as const satisfies Record<string, LocalizedText>;
export type GuidanceRiskType = keyof typeof GUIDANCE_RISK_TYPES;
export const GUIDANCE_RISK_TYPE_LIST = Object.keys(GUIDANCE_RISK_TYPES) as GuidanceRiskType[];
export const GuidanceRiskTypeSchema = literals(GUIDANCE_RISK_TYPE_LIST);

export const GUIDANCE_STATUSES = ['draft', 'published'] as const;
export type GuidanceStatus = (typeof GUIDANCE_STATUSES)[number];

const Country = Type.String({ pattern: '^([A-Z]{2})?$', description: "ISO 3166-1 alpha-2, or '' for every country" });
/** A language left out is '' in both title and body; at least one language is filled in. */
const MaybeText = (maxLength: number) => Type.String({ maxLength });
const LocalizedOut = Type.Object({ 'zh-CN': Type.String(), en: Type.String() });

export const GuidanceArticleSummarySchema = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  country: Type.String({ description: "'' for every country" }),
  countryName: Type.Union([LocalizedOut, Type.Null()]),
  riskType: GuidanceRiskTypeSchema,
  status: literals(GUIDANCE_STATUSES),
  version: Type.Integer(),
  title: LocalizedOut,
  /** The languages the article is written in. */
  languages: Type.Array(Type.String()),
  updatedAt: Type.String(),
  publishedAt: Type.Union([Type.String(), Type.Null()]),
});
export type GuidanceArticleSummary = Static<typeof GuidanceArticleSummarySchema>;

export const GuidanceArticleSchema = Type.Composite([
  GuidanceArticleSummarySchema,
  Type.Object({ body: LocalizedOut }),
]);
export type GuidanceArticle = Static<typeof GuidanceArticleSchema>;

export const GuidanceListQuerySchema = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    country: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
    risk: Type.Optional(GuidanceRiskTypeSchema),
    page: Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 50, default: 10 }),
  },
  { additionalProperties: false },
);
export type GuidanceListQuery = Static<typeof GuidanceListQuerySchema>;

export const GuidanceArticlePageSchema = Type.Object({
  items: Type.Array(GuidanceArticleSummarySchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export type GuidanceArticlePage = Static<typeof GuidanceArticlePageSchema>;

/** One saved version of an article (the editor's history). */
export const GuidanceArticleVersionSchema = Type.Object({
  version: Type.Integer(),
  country: Type.String(),
  riskType: GuidanceRiskTypeSchema,
  status: literals(GUIDANCE_STATUSES),
  title: LocalizedOut,
  body: LocalizedOut,
  editedBy: Type.Union([Type.String(), Type.Null()]),
  editedAt: Type.String(),
});
export type GuidanceArticleVersion = Static<typeof GuidanceArticleVersionSchema>;

export const GuidanceArticleWithHistorySchema = Type.Composite([
  GuidanceArticleSchema,
  Type.Object({ history: Type.Array(GuidanceArticleVersionSchema) }),
]);
export type GuidanceArticleWithHistory = Static<typeof GuidanceArticleWithHistorySchema>;

/** POST (create) and PUT (edit, with the version the editor saw) of an article. */
export const GuidanceArticleInputSchema = Type.Object(
  {
    slug: Type.Optional(Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', minLength: 3, maxLength: 80 })),
    country: Country,
    riskType: GuidanceRiskTypeSchema,
    status: literals(GUIDANCE_STATUSES),
    title: Type.Object({ 'zh-CN': MaybeText(200), en: MaybeText(200) }, { additionalProperties: false }),
    body: Type.Object({ 'zh-CN': MaybeText(30_000), en: MaybeText(30_000) }, { additionalProperties: false }),
    version: Type.Optional(Type.Integer({ minimum: 1, description: 'On edit: the version the editor started from' })),
  },
  { additionalProperties: false },
);
export type GuidanceArticleInput = Static<typeof GuidanceArticleInputSchema>;

// --- Self-assessment ---------------------------------------------------------------------------------------

export const ASSESSMENT_ANSWERS = ['yes', 'partly', 'no'] as const;
export type AssessmentAnswer = (typeof ASSESSMENT_ANSWERS)[number];
export const ASSESSMENT_BANDS = ['strong', 'fair', 'weak'] as const;
export type AssessmentBand = (typeof ASSESSMENT_BANDS)[number];

export const ChecklistQuestionSchema = Type.Object({
  id: Type.String(),
  category: Type.String(),
  weight: Type.Integer(),
  riskType: GuidanceRiskTypeSchema,
  text: LocalizedOut,
});
export const ChecklistSchema = Type.Object({
  version: Type.Integer(),
  categories: Type.Array(Type.Object({ id: Type.String(), name: LocalizedOut })),
  questions: Type.Array(ChecklistQuestionSchema),
});
export type Checklist = Static<typeof ChecklistSchema>;

export const AssessmentInputSchema = Type.Object(
  {
    siteId: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()])),
    answers: Type.Record(Type.String({ maxLength: 64 }), literals(ASSESSMENT_ANSWERS), {
      description: 'Question id → yes, partly or no; every question of the checklist answered',
    }),
  },
  { additionalProperties: false },
);
export type AssessmentInput = Static<typeof AssessmentInputSchema>;

export const AssessmentRecommendationSchema = Type.Object({
  questionId: Type.String(),
  answer: literals(['partly', 'no'] as const),
  weight: Type.Integer(),
  riskType: GuidanceRiskTypeSchema,
  question: LocalizedOut,
  recommendation: LocalizedOut,
  articles: Type.Array(Type.Object({ slug: Type.String(), title: LocalizedOut })),
});
export type AssessmentRecommendation = Static<typeof AssessmentRecommendationSchema>;

export const AssessmentSummarySchema = Type.Object({
  id: Type.String(),
  organisationId: Type.String(),
  siteId: Type.Union([Type.String(), Type.Null()]),
  siteName: Type.Union([Type.String(), Type.Null()]),
  score: Type.Integer({ minimum: 0, maximum: 100 }),
  band: literals(ASSESSMENT_BANDS),
  createdAt: Type.String(),
});
export type AssessmentSummary = Static<typeof AssessmentSummarySchema>;

export const AssessmentResultSchema = Type.Composite([
  AssessmentSummarySchema,
  Type.Object({
    checklistVersion: Type.Integer(),
    answers: Type.Record(Type.String(), literals(ASSESSMENT_ANSWERS)),
    recommendations: Type.Array(AssessmentRecommendationSchema),
  }),
]);
export type AssessmentResult = Static<typeof AssessmentResultSchema>;

export const AssessmentHistorySchema = Type.Object({ items: Type.Array(AssessmentSummarySchema) });
export type AssessmentHistory = Static<typeof AssessmentHistorySchema>;

/** The console's enterprise site page: the organisation's latest score and the site's own, if any. */
export const EnterpriseAssessmentSchema = Type.Object({
  organisation: Type.Union([AssessmentSummarySchema, Type.Null()]),
  site: Type.Union([AssessmentSummarySchema, Type.Null()]),
});
export type EnterpriseAssessment = Static<typeof EnterpriseAssessmentSchema>;

// --- Sending guidance to businesses in an area -------------------------------------------------------------

export const GuidanceAreaSchema = Type.Object(
  {
    countries: Type.Array(Type.String({ pattern: '^[A-Z]{2}$' }), { maxItems: 50 }),
    regions: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Z]{2}-[A-Z0-9]{1,3}$' }), { maxItems: 200 })),
  },
  { additionalProperties: false },
);
export type GuidanceArea = Static<typeof GuidanceAreaSchema>;

export const GuidancePreviewInputSchema = Type.Object({ area: GuidanceAreaSchema }, { additionalProperties: false });
export const GuidancePreviewSchema = Type.Object({ siteStaff: Type.Integer() });
export type GuidancePreview = Static<typeof GuidancePreviewSchema>;

export const GuidanceSendInputSchema = Type.Object(
  { articleId: Type.String({ minLength: 1, maxLength: 64 }), area: GuidanceAreaSchema },
  { additionalProperties: false },
);
export type GuidanceSendInput = Static<typeof GuidanceSendInputSchema>;

export const GuidanceSendSchema = Type.Object({
  id: Type.String(),
  articleId: Type.String(),
  articleSlug: Type.String(),
  articleTitle: LocalizedOut,
  articleVersion: Type.Integer(),
  area: GuidanceAreaSchema,
  recipients: Type.Integer(),
  messageId: Type.Union([Type.String(), Type.Null()]),
  sentBy: Type.Union([Type.String(), Type.Null()]),
  sentAt: Type.String(),
});
export type GuidanceSend = Static<typeof GuidanceSendSchema>;
export const GuidanceSendListSchema = Type.Object({ items: Type.Array(GuidanceSendSchema) });
export type GuidanceSendList = Static<typeof GuidanceSendListSchema>;
