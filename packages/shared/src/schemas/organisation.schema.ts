import { type Static, Type } from '@sinclair/typebox';
import type { LocalizedText } from '../locale.ts';
import { LocalizedTextSchema } from './meta.schema.ts';

// Businesses abroad (issue 4): a citizen's organisation account, its sites, its staff list imported from CSV,
// and the staff console's view of enterprises per country. Rules a schema cannot state (a city inside its
// country, an E.164 number) are checked on the server and answered 422 with a code.

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

/** The sectors an organisation picks from (GLOSSARY: enterprises abroad). */
export const BUSINESS_SECTORS = {
  energy: { en: 'Energy', 'zh-CN': '能源' },
  construction: { en: 'Construction and engineering', 'zh-CN': '建筑与工程' },
  manufacturing: { en: 'Manufacturing', 'zh-CN': '制造业' },
  mining: { en: 'Mining', 'zh-CN': '矿业' },
  trade: { en: 'Trade', 'zh-CN': '贸易' },
  finance: { en: 'Finance', 'zh-CN': '金融' },
  transport: { en: 'Transport and logistics', 'zh-CN': '交通运输与物流' },
  ict: { en: 'Information and communications', 'zh-CN': '信息通信' },
  agriculture: { en: 'Agriculture', 'zh-CN': '农业' },
  services: { en: 'Services', 'zh-CN': '服务业' },
  other: { en: 'Other', 'zh-CN': '其他' },
} as const satisfies Record<string, LocalizedText>;
export type BusinessSector = keyof typeof BUSINESS_SECTORS;
export const BusinessSectorSchema = literals(Object.keys(BUSINESS_SECTORS) as BusinessSector[]);

/** The staff CSV's columns, in the template's order; the header must name exactly these (any order). */
export const STAFF_CSV_COLUMNS = [
  'site',
  'family_name',
  'given_name',
  'native_name',
  'passport_number',
  'birth_date',
  'phone',
  'email',
  'role',
  'locale',
] as const;
export type StaffCsvColumn = (typeof STAFF_CSV_COLUMNS)[number];

/** Limits of one staff list upload: beyond them the whole file is refused (413 or 422). */
export const STAFF_IMPORT_LIMITS = { bytes: 5 * 1024 * 1024, rows: 20_000 } as const;

export const OrganisationInputSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    registrationNumber: Type.String({
      minLength: 1,
      maxLength: 40,
      description: 'The 18-character unified social credit code, or the local registration number (≤ 40)',
    }),
    sector: BusinessSectorSchema,
  },
  { additionalProperties: false },
);
export type OrganisationInput = Static<typeof OrganisationInputSchema>;

export const OrganisationSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  registrationNumber: Type.Union([Type.String(), Type.Null()]),
  sector: Type.Union([BusinessSectorSchema, Type.Null()]),
  siteCount: Type.Integer({ minimum: 0 }),
  staffCount: Type.Integer({ minimum: 0 }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type Organisation = Static<typeof OrganisationSchema>;

export const SiteInputSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    countryCode: Type.String({ pattern: '^[A-Z]{2}$' }),
    regionCode: Type.Optional(nullable(Type.String({ pattern: '^[A-Z]{2}-[A-Z0-9]{1,3}$' }))),
    cityId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    headcount: Type.Integer({ minimum: 0, maximum: 100_000, description: 'Nationals working at the site' }),
    securityContactName: Type.String({ minLength: 1, maxLength: 100 }),
    securityContactPhone: Type.String({ minLength: 1, maxLength: 40, description: 'Any format; stored E.164' }),
    securityContactEmail: Type.Optional(nullable(Type.String({ format: 'email', maxLength: 254 }))),
  },
  { additionalProperties: false },
);
export type SiteInput = Static<typeof SiteInputSchema>;

export const SiteSchema = Type.Object({
  id: Type.String(),
  organisationId: Type.String(),
  name: Type.String(),
  countryCode: Type.String(),
  countryName: LocalizedTextSchema,
  regionCode: Type.Union([Type.String(), Type.Null()]),
  regionName: Type.Union([Type.String(), Type.Null()]),
  cityId: Type.Union([Type.Integer(), Type.Null()]),
  cityName: Type.Union([Type.String(), Type.Null()]),
  lat: Type.Union([Type.Number(), Type.Null()]),
  lon: Type.Union([Type.Number(), Type.Null()]),
  headcount: Type.Integer({ minimum: 0 }),
  securityContactName: Type.Union([Type.String(), Type.Null()]),
  securityContactPhone: Type.Union([Type.String(), Type.Null()]),
  securityContactEmail: Type.Union([Type.String(), Type.Null()]),
  staffCount: Type.Integer({ minimum: 0 }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type Site = Static<typeof SiteSchema>;

export const StaffImportSchema = Type.Object({
  id: Type.String(),
  fileName: Type.Union([Type.String(), Type.Null()]),
  status: literals(['imported', 'rejected'] as const),
  rowCount: Type.Integer({ minimum: 0 }),
  importedCount: Type.Integer({ minimum: 0 }),
  errorCount: Type.Integer({ minimum: 0 }),
  /** The CSV of row errors for a rejected import; null for an imported one. */
  errorReportUrl: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});
export type StaffImport = Static<typeof StaffImportSchema>;

/** One refused cell (or row, when `column` is null), in the requester's language. Line 1 is the header. */
export const RowErrorSchema = Type.Object({
  line: Type.Integer({ minimum: 1 }),
  column: Type.Union([Type.String(), Type.Null()]),
  message: Type.String(),
});
export type RowError = Static<typeof RowErrorSchema>;

/** 422 staff_import_rejected: a problem with the recorded import, its row errors and the report's address. */
export const StaffImportRejectedSchema = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  code: Type.Literal('staff_import_rejected'),
  detail: Type.String(),
  instance: Type.String(),
  staffImport: StaffImportSchema,
  errorReportUrl: Type.String(),
  rowErrors: Type.Array(RowErrorSchema),
});
export type StaffImportRejected = Static<typeof StaffImportRejectedSchema>;

export const StaffMemberSchema = Type.Object({
  id: Type.String(),
  siteId: Type.String(),
  siteName: Type.String(),
  familyName: Type.String(),
  givenName: Type.String(),
  nativeName: Type.Union([Type.String(), Type.Null()]),
  passportNumber: Type.Union([Type.String(), Type.Null()]),
  birthDate: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  role: Type.Union([Type.String(), Type.Null()]),
  locale: Type.String(),
});
export type StaffMember = Static<typeof StaffMemberSchema>;

export const StaffPageQuerySchema = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    siteId: Type.Optional(Type.String({ maxLength: 64 })),
    page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
  },
  { additionalProperties: false },
);

export const StaffMemberPageSchema = Type.Object({
  items: Type.Array(StaffMemberSchema),
  total: Type.Integer({ minimum: 0 }),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export type StaffMemberPage = Static<typeof StaffMemberPageSchema>;

// Staff console: enterprises per country, and their sites.

export const EnterpriseCountrySchema = Type.Object({
  countryCode: Type.String(),
  countryName: LocalizedTextSchema,
  enterprises: Type.Integer({ minimum: 0 }),
  sites: Type.Integer({ minimum: 0 }),
  headcount: Type.Integer({ minimum: 0 }),
});
export type EnterpriseCountry = Static<typeof EnterpriseCountrySchema>;

export const EnterpriseSummarySchema = Type.Object({ items: Type.Array(EnterpriseCountrySchema) });
export type EnterpriseSummary = Static<typeof EnterpriseSummarySchema>;

export const EnterpriseSitesQuerySchema = Type.Object(
  {
    country: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
    sector: Type.Optional(BusinessSectorSchema),
    q: Type.Optional(Type.String({ maxLength: 100, description: 'Part of the enterprise or site name' })),
    page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
  },
  { additionalProperties: false },
);
export type EnterpriseSitesQuery = Static<typeof EnterpriseSitesQuerySchema>;

export const EnterpriseSiteSchema = Type.Object({
  siteId: Type.String(),
  siteName: Type.String(),
  organisationId: Type.String(),
  organisationName: Type.String(),
  sector: Type.Union([BusinessSectorSchema, Type.Null()]),
  countryCode: Type.String(),
  countryName: LocalizedTextSchema,
  regionCode: Type.Union([Type.String(), Type.Null()]),
  regionName: Type.Union([Type.String(), Type.Null()]),
  cityName: Type.Union([Type.String(), Type.Null()]),
  headcount: Type.Integer({ minimum: 0 }),
  staffCount: Type.Integer({ minimum: 0 }),
});
export type EnterpriseSite = Static<typeof EnterpriseSiteSchema>;

export const EnterpriseSitePageSchema = Type.Object({
  items: Type.Array(EnterpriseSiteSchema),
  total: Type.Integer({ minimum: 0 }),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export type EnterpriseSitePage = Static<typeof EnterpriseSitePageSchema>;

/** A site as the console's detail page shows it: with its enterprise, security contact and the mission. */
export const EnterpriseSiteDetailSchema = Type.Object({
  site: SiteSchema,
  organisation: Type.Object({
    id: Type.String(),
    name: Type.String(),
    registrationNumber: Type.Union([Type.String(), Type.Null()]),
    sector: Type.Union([BusinessSectorSchema, Type.Null()]),
  }),
  missionCode: Type.Union([Type.String(), Type.Null()]),
});
export type EnterpriseSiteDetail = Static<typeof EnterpriseSiteDetailSchema>;
