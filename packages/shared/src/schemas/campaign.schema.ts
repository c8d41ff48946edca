import { type Static, Type } from '@sinclair/typebox';

/**
 * Campaigns such as vaccination abroad (issue 8, item 4; decision 0024; docs/api/campaigns.md). A campaign has
 * eligibility rules, sites with sessions of slots, registrations that are given a seat, and dose records.
 * GLOSSARY: 接种 / vaccination, 登记 / registration, 签到 / check-in, 剂次 / dose.
 */

export const CAMPAIGN_KINDS = ['vaccination', 'other'] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];
export const CAMPAIGN_STATUSES = ['draft', 'open', 'closed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export const CAMPAIGN_ALLOCATION_MODES = ['first_come', 'priority'] as const;
export type CampaignAllocationMode = (typeof CAMPAIGN_ALLOCATION_MODES)[number];
export const CAMPAIGN_SITE_KINDS = ['mission', 'clinic'] as const;
export type CampaignSiteKind = (typeof CAMPAIGN_SITE_KINDS)[number];
export const CAMPAIGN_REGISTRATION_STATUSES = [
  'waiting',
  'allocated',
  'checked_in',
  'completed',
  'cancelled',
  'no_show',
] as const;
export type CampaignRegistrationStatus = (typeof CAMPAIGN_REGISTRATION_STATUSES)[number];
/** `series_complete`: every dose of the campaign's vaccine series is recorded for the person (decision 0024). */
export const CAMPAIGN_INELIGIBLE_REASONS = [
  'not_registered_abroad',
  'country',
  'too_young',
  'too_old',
  'series_complete',
] as const;
export type CampaignIneligibleReason = (typeof CAMPAIGN_INELIGIBLE_REASONS)[number];

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Instant = Type.String({ format: 'date-time' });
const LocalDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const LocalTime = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$|^24:00$', description: 'HH:MM, local' });
const Country = Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' });
const Id = Type.String({ minLength: 1, maxLength: 64 });
const GroupCode = Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' });

export const CampaignTextSchema = Type.Object(
  { en: Type.String({ minLength: 1, maxLength: 2000 }), 'zh-CN': Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);
const ShortText = Type.Object(
  { en: Type.String({ minLength: 1, maxLength: 200 }), 'zh-CN': Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export const PriorityGroupSchema = Type.Object(
  { code: GroupCode, rank: Type.Integer({ minimum: 1, maximum: 99 }), label: ShortText },
  { additionalProperties: false },
);
export type PriorityGroup = Static<typeof PriorityGroupSchema>;

export const CampaignEligibilitySchema = Type.Object(
  {
    countries: Type.Array(Country, { minItems: 1, maxItems: 250 }),
    minAge: Nullable(Type.Integer({ minimum: 0, maximum: 130 })),
    maxAge: Nullable(Type.Integer({ minimum: 0, maximum: 130 })),
    priorityGroups: Type.Array(PriorityGroupSchema, { maxItems: 20 }),
  },
  { additionalProperties: false },
);
export type CampaignEligibility = Static<typeof CampaignEligibilitySchema>;

const DccCode = Nullable(Type.String({ minLength: 1, maxLength: 80 }));
export const CampaignVaccineSchema = Type.Object(
  {
    productName: Type.String({ minLength: 1, maxLength: 120 }),
    dosesRequired: Type.Integer({ minimum: 1, maximum: 9 }),
    prophylaxisCode: DccCode,
    productCode: DccCode,
    manufacturerCode: DccCode,
  },
  { additionalProperties: false, description: 'DCC value-set codes (v.vp, v.mp, v.ma) make a certificate possible' },
);
export type CampaignVaccine = Static<typeof CampaignVaccineSchema>;

export const CampaignBodySchema = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Z0-9][A-Z0-9-]{1,31}$' }),
    kind: literals(CAMPAIGN_KINDS),
    title: ShortText,
    description: CampaignTextSchema,
    registrationOpensAt: Instant,
    registrationClosesAt: Instant,
    allocation: literals(CAMPAIGN_ALLOCATION_MODES),
    eligibility: CampaignEligibilitySchema,
    vaccine: Nullable(CampaignVaccineSchema),
  },
  { additionalProperties: false },
);
export type CampaignBody = Static<typeof CampaignBodySchema>;

export const CampaignUpdateBodySchema = Type.Composite(
  [CampaignBodySchema, Type.Object({ version: Type.Integer({ minimum: 1 }) })],
  { additionalProperties: false },
);
export type CampaignUpdateBody = Static<typeof CampaignUpdateBodySchema>;

const CampaignCore = {
  id: Type.String(),
  code: Type.String(),
  kind: literals(CAMPAIGN_KINDS),
  title: ShortText,
  description: CampaignTextSchema,
  status: literals(CAMPAIGN_STATUSES),
  registrationOpensAt: Type.String(),
  registrationClosesAt: Type.String(),
  allocation: literals(CAMPAIGN_ALLOCATION_MODES),
  eligibility: CampaignEligibilitySchema,
  vaccine: Nullable(CampaignVaccineSchema),
};

export const CampaignSchema = Type.Object({
  ...CampaignCore,
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  counts: Type.Object({ sites: Type.Integer(), registered: Type.Integer(), allocated: Type.Integer() }),
});
export type Campaign = Static<typeof CampaignSchema>;

export const CampaignPageSchema = Type.Object({
  items: Type.Array(CampaignSchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export type CampaignPage = Static<typeof CampaignPageSchema>;

export const CampaignListQuerySchema = Type.Object(
  {
    status: Type.Optional(literals(CAMPAIGN_STATUSES)),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    page: Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  },
  { additionalProperties: false },
);

export const CampaignSiteBodySchema = Type.Object(
  {
    kind: literals(CAMPAIGN_SITE_KINDS),
    missionCode: Type.String({ pattern: '^[A-Z]{2}-[A-Z]{3}$' }),
    name: ShortText,
    address: Type.String({ minLength: 1, maxLength: 300 }),
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lon: Type.Number({ minimum: -180, maximum: 180 }),
    country: Country,
    timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'IANA; default: the mission’s' })),
  },
  { additionalProperties: false },
);
export type CampaignSiteBody = Static<typeof CampaignSiteBodySchema>;

export const CampaignSiteSchema = Type.Object({
  id: Type.String(),
  campaignId: Type.String(),
  kind: literals(CAMPAIGN_SITE_KINDS),
  missionCode: Type.String(),
  name: ShortText,
  address: Type.String(),
  lat: Type.Number(),
  lon: Type.Number(),
  country: Type.String(),
  timeZone: Type.String(),
});
export type CampaignSite = Static<typeof CampaignSiteSchema>;

export const CampaignSessionBodySchema = Type.Object(
  {
    date: LocalDate,
    startTime: LocalTime,
    endTime: LocalTime,
    slotMinutes: Type.Integer({ minimum: 5, maximum: 240 }),
    capacityPerSlot: Type.Integer({ minimum: 1, maximum: 200 }),
  },
  { additionalProperties: false },
);
export type CampaignSessionBody = Static<typeof CampaignSessionBodySchema>;

export const CampaignSessionSchema = Type.Object({
  id: Type.String(),
  siteId: Type.String(),
  date: Type.String(),
  startTime: Type.String(),
  endTime: Type.String(),
  slotMinutes: Type.Integer(),
  capacityPerSlot: Type.Integer(),
  slots: Type.Integer(),
  capacity: Type.Integer(),
  allocated: Type.Integer(),
});
export type CampaignSession = Static<typeof CampaignSessionSchema>;

export const CampaignDetailSchema = Type.Composite([
  CampaignSchema,
  Type.Object({
    sites: Type.Array(
      Type.Composite([CampaignSiteSchema, Type.Object({ sessions: Type.Array(CampaignSessionSchema) })]),
    ),
  }),
]);
export type CampaignDetail = Static<typeof CampaignDetailSchema>;

export const DoseRecordSchema = Type.Object({
  id: Type.String(),
  registrationId: Type.String(),
  campaignId: Type.String(),
  product: Type.String(),
  lotNumber: Type.String(),
  doseNumber: Type.Integer(),
  administeredOn: Type.String(),
  siteId: Type.String(),
  siteName: ShortText,
  country: Type.String(),
  recordedAt: Type.String(),
  certificateId: Nullable(Type.String()),
});
export type DoseRecord = Static<typeof DoseRecordSchema>;

export const DoseRecordBodySchema = Type.Object(
  {
    product: Type.String({ minLength: 1, maxLength: 120 }),
    lotNumber: Type.String({ minLength: 1, maxLength: 60 }),
    doseNumber: Type.Integer({ minimum: 1, maximum: 9 }),
    administeredOn: LocalDate,
  },
  { additionalProperties: false },
);
export type DoseRecordBody = Static<typeof DoseRecordBodySchema>;

export const CampaignAllocationSchema = Type.Object({
  siteId: Type.String(),
  siteName: ShortText,
  sessionId: Type.String(),
  startsAt: Type.String(),
  endsAt: Type.String(),
  seat: Type.Integer(),
});

export const CampaignRegistrationSchema = Type.Object({
  id: Type.String(),
  campaignId: Type.String(),
  personName: Type.String(),
  nativeName: Nullable(Type.String()),
  birthDate: Nullable(Type.String()),
  country: Type.String(),
  priorityGroup: Nullable(Type.String()),
  preferredSiteId: Nullable(Type.String()),
  status: literals(CAMPAIGN_REGISTRATION_STATUSES),
  registeredAt: Type.String(),
  allocation: Nullable(CampaignAllocationSchema),
  checkedInAt: Nullable(Type.String()),
  doses: Type.Array(DoseRecordSchema),
});
export type CampaignRegistration = Static<typeof CampaignRegistrationSchema>;

export const CampaignRegistrationPageSchema = Type.Object({
  items: Type.Array(CampaignRegistrationSchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export type CampaignRegistrationPage = Static<typeof CampaignRegistrationPageSchema>;

export const CampaignRegistrationQuerySchema = Type.Object(
  {
    siteId: Type.Optional(Id),
    status: Type.Optional(literals(CAMPAIGN_REGISTRATION_STATUSES)),
    priorityGroup: Type.Optional(GroupCode),
    q: Type.Optional(Type.String({ maxLength: 100 })),
    page: Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  },
  { additionalProperties: false },
);

export const CampaignSiteDaySchema = Type.Object({
  site: CampaignSiteSchema,
  date: Type.String(),
  timeZone: Type.String(),
  items: Type.Array(CampaignRegistrationSchema),
});
export type CampaignSiteDay = Static<typeof CampaignSiteDaySchema>;

export const CampaignSiteDayQuerySchema = Type.Object({ date: LocalDate }, { additionalProperties: false });

export const CampaignCheckInBodySchema = Type.Object(
  { code: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export const AllocationRunSchema = Type.Object({
  id: Type.String(),
  status: literals(['queued', 'running', 'done', 'failed'] as const),
  requestedAt: Type.String(),
  startedAt: Nullable(Type.String()),
  finishedAt: Nullable(Type.String()),
  considered: Type.Integer(),
  allocated: Type.Integer(),
  waiting: Type.Integer(),
});
export type AllocationRun = Static<typeof AllocationRunSchema>;

export const CampaignAllocationStatusSchema = Type.Object({ run: Nullable(AllocationRunSchema) });
export type CampaignAllocationStatus = Static<typeof CampaignAllocationStatusSchema>;

export const CampaignAllocateAnswerSchema = Type.Object({ jobId: Type.String(), runId: Type.String() });

export const CampaignProgressSchema = Type.Object({
  byCountry: Type.Array(
    Type.Object({
      country: Type.String(),
      present: Type.Integer({ description: 'registered nationals present in the country today' }),
      registered: Type.Integer(),
      allocated: Type.Integer(),
      checkedIn: Type.Integer(),
      doses: Type.Integer(),
    }),
  ),
  bySite: Type.Array(
    Type.Object({
      siteId: Type.String(),
      name: ShortText,
      country: Type.String(),
      capacity: Type.Integer(),
      allocated: Type.Integer(),
      checkedIn: Type.Integer(),
      doses: Type.Integer(),
    }),
  ),
  byDay: Type.Array(Type.Object({ date: Type.String(), doses: Type.Integer() })),
});
export type CampaignProgress = Static<typeof CampaignProgressSchema>;

// Citizen side

export const MyCampaignAllocationSchema = Type.Object({
  siteId: Type.String(),
  siteName: ShortText,
  address: Type.String(),
  timeZone: Type.String(),
  lat: Type.Number(),
  lon: Type.Number(),
  startsAt: Type.String(),
  endsAt: Type.String(),
});

export const MyCampaignRegistrationSchema = Type.Object({
  id: Type.String(),
  campaignId: Type.String(),
  status: literals(CAMPAIGN_REGISTRATION_STATUSES),
  priorityGroup: Nullable(Type.String()),
  preferredSiteId: Nullable(Type.String()),
  registeredAt: Type.String(),
  checkedInAt: Nullable(Type.String()),
  allocation: Nullable(MyCampaignAllocationSchema),
});
export type MyCampaignRegistration = Static<typeof MyCampaignRegistrationSchema>;

export const MyCampaignRegistrationListSchema = Type.Object({ items: Type.Array(MyCampaignRegistrationSchema) });
export type MyCampaignRegistrationList = Static<typeof MyCampaignRegistrationListSchema>;

export const MyCampaignSchema = Type.Object({
  ...CampaignCore,
  registrationOpen: Type.Boolean(),
  eligible: Type.Boolean(),
  ineligibleReason: Nullable(literals(CAMPAIGN_INELIGIBLE_REASONS)),
  needsBirthDate: Type.Boolean(),
  myRegistration: Nullable(MyCampaignRegistrationSchema),
});
export type MyCampaign = Static<typeof MyCampaignSchema>;

export const MyCampaignListSchema = Type.Object({ items: Type.Array(MyCampaignSchema) });
export type MyCampaignList = Static<typeof MyCampaignListSchema>;

export const MyCampaignSiteSchema = Type.Object({
  id: Type.String(),
  kind: literals(CAMPAIGN_SITE_KINDS),
  missionCode: Type.String(),
  name: ShortText,
  address: Type.String(),
  lat: Type.Number(),
  lon: Type.Number(),
  country: Type.String(),
  timeZone: Type.String(),
  nextSessionDate: Nullable(Type.String()),
});
export type MyCampaignSite = Static<typeof MyCampaignSiteSchema>;

export const MyCampaignDetailSchema = Type.Composite([
  MyCampaignSchema,
  Type.Object({ sites: Type.Array(MyCampaignSiteSchema) }),
]);
export type MyCampaignDetail = Static<typeof MyCampaignDetailSchema>;

export const RegisterForCampaignBodySchema = Type.Object(
  {
    priorityGroup: Type.Optional(Nullable(GroupCode)),
    preferredSiteId: Type.Optional(Nullable(Id)),
    birthDate: Type.Optional(LocalDate),
  },
  { additionalProperties: false },
);
export type RegisterForCampaignBody = Static<typeof RegisterForCampaignBodySchema>;

export const CampaignCheckInCodeSchema = Type.Object({
  code: Type.String(),
  svg: Type.String({ description: 'the code as an SVG QR image' }),
  expiresAt: Type.String(),
});
export type CampaignCheckInCode = Static<typeof CampaignCheckInCodeSchema>;

export const MyDoseRecordSchema = Type.Composite([
  DoseRecordSchema,
  Type.Object({ campaignTitle: ShortText, dosesRequired: Nullable(Type.Integer()) }),
]);
export type MyDoseRecord = Static<typeof MyDoseRecordSchema>;

export const MyDoseRecordListSchema = Type.Object({ items: Type.Array(MyDoseRecordSchema) });
export type MyDoseRecordList = Static<typeof MyDoseRecordListSchema>;
