import { type Static, Type } from '@sinclair/typebox';

/**
 * Travel advisories (issue 6, item 1; decision 0016): a level 1–4 per country, and per admin-1 region where a
 * part of the country differs. GLOSSARY: 旅行风险等级 / travel risk level; 4 红色 · 暂勿前往, 3 橙色 · 谨慎前往,
 * 2 黄色 · 注意安全, 1 蓝色 (no safety reminder). Each publication is a new version; nothing is edited in place.
 */
export const ADVISORY_LEVELS = [1, 2, 3, 4] as const;
export type AdvisoryLevel = (typeof ADVISORY_LEVELS)[number];

const Country = Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' });
const Region = Type.String({
  pattern: '^([A-Z]{2}-[A-Z0-9]{1,3})?$',
  description: "ISO 3166-2, or '' for the whole country",
});
const Level = Type.Union(ADVISORY_LEVELS.map((l) => Type.Literal(l)));
const Localized = (options: { minLength: number; maxLength: number }) =>
  Type.Object({ 'zh-CN': Type.String(options), en: Type.String(options) }, { additionalProperties: false });
const LocalizedOut = Type.Object({ 'zh-CN': Type.String(), en: Type.String() });

export const AdvisoryLevelSchema = Level;

/** One published version, without its long details (the public list). */
export const AdvisorySummarySchema = Type.Object({
  id: Type.String(),
  country: Type.String(),
  countryName: LocalizedOut,
  region: Type.String({ description: "'' for the whole country" }),
  regionName: Type.Union([Type.String(), Type.Null()]),
  level: Level,
  summary: LocalizedOut,
  effectiveFrom: Type.String(),
  effectiveUntil: Type.Union([Type.String(), Type.Null()]),
  publishedAt: Type.String(),
  supersededAt: Type.Union([Type.String(), Type.Null()]),
});
export type AdvisorySummary = Static<typeof AdvisorySummarySchema>;

/** One published version with its details (Markdown in both languages). */
export const AdvisorySchema = Type.Composite([AdvisorySummarySchema, Type.Object({ details: LocalizedOut })]);
export type Advisory = Static<typeof AdvisorySchema>;

/** GET /api/v1/advisories: the advisory in force for each country and region that has one. */
export const AdvisoryListSchema = Type.Object({ items: Type.Array(AdvisorySummarySchema) });
export type AdvisoryList = Static<typeof AdvisoryListSchema>;

export const AdvisoryCountryQuerySchema = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
});
export type AdvisoryCountryQuery = Static<typeof AdvisoryCountryQuerySchema>;

/** GET /api/v1/advisories/:country: what is in force now, and every version ever published, newest first. */
export const AdvisoryCountrySchema = Type.Object({
  country: Type.String(),
  countryName: LocalizedOut,
  current: Type.Union([AdvisorySchema, Type.Null()]),
  regions: Type.Array(AdvisorySchema),
  history: Type.Object({
    items: Type.Array(AdvisorySchema),
    page: Type.Integer(),
    pageSize: Type.Integer(),
    total: Type.Integer(),
  }),
});
export type AdvisoryCountry = Static<typeof AdvisoryCountrySchema>;

/** POST /api/v1/advisories: a new level for a country or one of its regions; replaces the one in force. */
export const PublishAdvisoryBodySchema = Type.Object(
  {
    country: Country,
    region: Type.Optional(Region),
    level: Level,
    summary: Localized({ minLength: 1, maxLength: 500 }),
    details: Localized({ minLength: 1, maxLength: 20000 }),
    effectiveFrom: Type.Optional(Type.String({ format: 'date-time', description: 'Default: now' })),
    effectiveUntil: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type PublishAdvisoryBody = Static<typeof PublishAdvisoryBodySchema>;
