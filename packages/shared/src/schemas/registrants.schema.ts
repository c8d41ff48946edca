import { type Static, Type } from '@sinclair/typebox';

/** The registry as staff see it: counts for the map, the table of people, one person's page, the CSV export. */

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const CountryCode = Type.String({ pattern: '^[A-Z]{2}$' });
const RegionCode = Type.String({ pattern: '^[A-Z]{2}-[A-Z0-9]{1,3}$' });
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

export const REGISTRANT_KINDS = ['residence', 'trip'] as const;
export type RegistrantKind = (typeof REGISTRANT_KINDS)[number];
export const RegistrantKindSchema = Type.Union(REGISTRANT_KINDS.map((k) => Type.Literal(k)));

/** Filters shared by the map, the table and the export; `at` defaults to today (UTC). */
export const RegistrantFilterSchema = Type.Object(
  {
    at: Type.Optional(Day),
    country: Type.Optional(CountryCode),
    region: Type.Optional(RegionCode),
    kind: Type.Optional(RegistrantKindSchema),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  },
  { additionalProperties: false },
);
export type RegistrantFilter = Static<typeof RegistrantFilterSchema>;

export const RegistrantsSummaryQuerySchema = Type.Object(
  { at: Type.Optional(Day), country: Type.Optional(CountryCode), kind: Type.Optional(RegistrantKindSchema) },
  { additionalProperties: false },
);
export type RegistrantsSummaryQuery = Static<typeof RegistrantsSummaryQuerySchema>;

export const RegistrantsSummarySchema = Type.Object({
  at: Day,
  country: Type.Union([CountryCode, Type.Null()]),
  /** People (registered persons and their dependents) present on the day, in the caller's scope. */
  total: Type.Integer(),
  countries: Type.Array(Type.Object({ countryCode: CountryCode, count: Type.Integer() })),
  /** With `country`: per admin-1 region (`regionCode` null for presences known only by country). */
  regions: Type.Array(
    Type.Object({ regionCode: Nullable(Type.String()), name: Nullable(Type.String()), count: Type.Integer() }),
  ),
  /** With `country`: per gazetteer city, with its coordinates for the map (the 500 largest counts). */
  cities: Type.Array(
    Type.Object({
      cityId: Type.Integer(),
      name: Type.String(),
      lat: Type.Number(),
      lon: Type.Number(),
      count: Type.Integer(),
    }),
  ),
});
export type RegistrantsSummary = Static<typeof RegistrantsSummarySchema>;

export const RegistrantListQuerySchema = Type.Composite(
  [
    RegistrantFilterSchema,
    Type.Object({
      page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
      pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
    }),
  ],
  { additionalProperties: false },
);

/** One person (or dependent) where they are on the day: the place that counts ("where am I now"). */
export const RegistrantRowSchema = Type.Object({
  presenceId: Type.String(),
  personId: Type.String(),
  dependentId: Nullable(Type.String()),
  familyName: Type.String(),
  givenName: Type.String(),
  nativeName: Nullable(Type.String()),
  kind: RegistrantKindSchema,
  countryCode: Type.String(),
  regionCode: Nullable(Type.String()),
  cityName: Nullable(Type.String()),
  arrivalOn: Type.String(),
  departureOn: Nullable(Type.String()),
  /** The mission that answers for the place, or null where the ministry has none. */
  missionCode: Nullable(Type.String()),
});
export type RegistrantRow = Static<typeof RegistrantRowSchema>;

export const RegistrantPageSchema = Type.Object({
  at: Day,
  items: Type.Array(RegistrantRowSchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export type RegistrantPage = Static<typeof RegistrantPageSchema>;

const PresenceDetail = Type.Object({
  id: Type.String(),
  dependentId: Nullable(Type.String()),
  kind: RegistrantKindSchema,
  countryCode: Type.String(),
  regionCode: Nullable(Type.String()),
  cityName: Nullable(Type.String()),
  precise: Type.Boolean(),
  arrivalOn: Type.String(),
  departureOn: Nullable(Type.String()),
  purpose: Nullable(Type.String()),
  missionCode: Nullable(Type.String()),
});

export const RegistrantDetailSchema = Type.Object({
  person: Type.Object({
    id: Type.String(),
    familyName: Type.String(),
    givenName: Type.String(),
    nativeName: Nullable(Type.String()),
    birthDate: Nullable(Type.String()),
    sex: Nullable(Type.String()),
    nationality: Nullable(Type.String()),
    passportNumber: Nullable(Type.String()),
    passportExpiry: Nullable(Type.String()),
    locale: Type.String(),
    hasAccount: Type.Boolean(),
    createdAt: Type.String(),
    updatedAt: Type.String(),
  }),
  channels: Type.Array(Type.Object({ kind: Type.String(), address: Type.String(), verified: Type.Boolean() })),
  dependents: Type.Array(
    Type.Object({
      id: Type.String(),
      familyName: Type.String(),
      givenName: Type.String(),
      nativeName: Nullable(Type.String()),
      birthDate: Nullable(Type.String()),
      relationship: Type.String(),
      passportNumber: Nullable(Type.String()),
    }),
  ),
  emergencyContacts: Type.Array(
    Type.Object({
      name: Type.String(),
      relationship: Type.String(),
      phone: Nullable(Type.String()),
      email: Nullable(Type.String()),
      countryCode: Nullable(Type.String()),
    }),
  ),
  presences: Type.Array(PresenceDetail),
  subscriptions: Type.Array(Type.String()),
  businesses: Type.Array(
    Type.Object({
      businessId: Type.String(),
      businessName: Type.String(),
      siteName: Type.String(),
      countryCode: Type.String(),
      role: Nullable(Type.String()),
    }),
  ),
});
export type RegistrantDetail = Static<typeof RegistrantDetailSchema>;

/** The export's reason goes to the audit log; the service checks its length (422 `reason_required`). */
export const RegistrantExportBodySchema = Type.Composite(
  [RegistrantFilterSchema, Type.Object({ reason: Type.Optional(Type.String({ maxLength: 2000 })) })],
  { additionalProperties: false },
);
export type RegistrantExportBody = Static<typeof RegistrantExportBodySchema>;

export const EXPORT_REASON_MIN = 10;
export const EXPORT_REASON_MAX = 500;

/** The CSV's columns, in order (documented in docs/decisions/0007 and the OpenAPI summary). */
export const REGISTRANT_CSV_COLUMNS = [
  'person_id',
  'dependent_id',
  'family_name',
  'given_name',
  'native_name',
  'birth_date',
  'sex',
  'passport_number',
  'kind',
  'country_code',
  'region_code',
  'city',
  'arrival_on',
  'departure_on',
  'mission_code',
  'email',
  'phone',
] as const;
