import { type Static, Type } from '@sinclair/typebox';
import { LocaleSchema } from './accounts.schema.ts';
import { LocalizedTextSchema } from './meta.schema.ts';

// The citizen's own registration (decision 0006): profile, dependents, emergency contacts, presences,
// country subscriptions, and the public place pickers. Rules a schema cannot state (a real calendar date,
// a check digit, a city inside its country) are checked on the server and answered 422 with a code.

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);

export const SEXES = ['F', 'M', 'X'] as const;
export const RELATIONSHIPS = ['child', 'spouse', 'parent', 'sibling', 'other'] as const;
export const PRESENCE_KINDS = ['residence', 'trip'] as const;
export const PRESENCE_PURPOSES = ['tourism', 'business', 'study', 'work', 'family', 'other'] as const;
export const CHANNEL_KINDS = ['email', 'sms', 'voice', 'push'] as const;

export type Relationship = (typeof RELATIONSHIPS)[number];
export type PresencePurpose = (typeof PRESENCE_PURPOSES)[number];

/** Limits a citizen meets as `422 limit_reached`. */
export const REGISTRY_LIMITS = { dependents: 20, emergencyContacts: 5, subscriptions: 50 } as const;

/** A trip lasts at most this many days from arrival to departure. */
export const MAX_TRIP_DAYS = 731;

export const SexSchema = literals(SEXES);
export const RelationshipSchema = literals(RELATIONSHIPS);
export const PresenceKindSchema = literals(PRESENCE_KINDS);
export const PresencePurposeSchema = literals(PRESENCE_PURPOSES);

/** Latin letters as printed in a passport, with spaces, hyphens and apostrophes between them. */
const LatinName = Type.String({ minLength: 1, maxLength: 100, pattern: "^[A-Za-z][A-Za-z '\\-]*$" });
const NativeName = Type.String({ maxLength: 100 });
/** YYYY-MM-DD; the server also refuses dates the calendar does not have. */
export const IsoDateSchema = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });
export const CountryCodeSchema = Type.String({ pattern: '^[A-Z]{2}$' });
/** As typed (spaces allowed); stored upper-case without spaces, 5–20 letters and digits. */
const PassportNumber = Type.String({ maxLength: 40, pattern: '^[A-Za-z0-9 ]*$' });
/** Any format a person types (+, spaces, hyphens); stored as E.164. */
const Phone = Type.String({ maxLength: 40 });

export const ProfileInputSchema = Type.Object(
  {
    familyName: LatinName,
    givenName: LatinName,
    nativeName: Type.Optional(nullable(NativeName)),
    birthDate: Type.Optional(nullable(IsoDateSchema)),
    sex: Type.Optional(Type.Union([SexSchema, Type.Null()])),
    nationality: Type.Optional(nullable(CountryCodeSchema)),
    passportNumber: Type.Optional(nullable(PassportNumber)),
    passportExpiry: Type.Optional(nullable(IsoDateSchema)),
    mrz: Type.Optional(Type.String({ maxLength: 200, description: 'TD3 (2 lines) or TD1 (3 lines), \\n between' })),
    locale: Type.Optional(LocaleSchema),
    phone: Type.Optional(nullable(Phone)),
  },
  { additionalProperties: false },
);
export type ProfileInput = Static<typeof ProfileInputSchema>;

export const ChannelSchema = Type.Object({
  kind: literals(CHANNEL_KINDS),
  address: Type.String(),
  verified: Type.Boolean(),
});
export type Channel = Static<typeof ChannelSchema>;

export const PersonSchema = Type.Object({
  id: Type.String(),
  familyName: Type.String(),
  givenName: Type.String(),
  nativeName: nullable(Type.String()),
  birthDate: nullable(Type.String()),
  sex: Type.Union([SexSchema, Type.Null()]),
  nationality: nullable(Type.String()),
  passportNumber: nullable(Type.String()),
  passportExpiry: nullable(Type.String()),
  locale: LocaleSchema,
  phone: nullable(Type.String()),
  channels: Type.Array(ChannelSchema),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type Person = Static<typeof PersonSchema>;

export const PersonAnswerSchema = Type.Object({ person: Type.Union([PersonSchema, Type.Null()]) });
export type PersonAnswer = Static<typeof PersonAnswerSchema>;

export const DependentInputSchema = Type.Object(
  {
    familyName: LatinName,
    givenName: LatinName,
    nativeName: Type.Optional(nullable(NativeName)),
    birthDate: Type.Optional(nullable(IsoDateSchema)),
    sex: Type.Optional(Type.Union([SexSchema, Type.Null()])),
    passportNumber: Type.Optional(nullable(PassportNumber)),
    passportExpiry: Type.Optional(nullable(IsoDateSchema)),
    relationship: RelationshipSchema,
  },
  { additionalProperties: false },
);
export type DependentInput = Static<typeof DependentInputSchema>;

export const DependentSchema = Type.Object({
  id: Type.String(),
  familyName: Type.String(),
  givenName: Type.String(),
  nativeName: nullable(Type.String()),
  birthDate: nullable(Type.String()),
  sex: Type.Union([SexSchema, Type.Null()]),
  passportNumber: nullable(Type.String()),
  passportExpiry: nullable(Type.String()),
  relationship: RelationshipSchema,
});
export type Dependent = Static<typeof DependentSchema>;

export const EmergencyContactInputSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    relationship: Type.String({ minLength: 1, maxLength: 60 }),
    phone: Type.Optional(nullable(Phone)),
    email: Type.Optional(nullable(Type.String({ format: 'email', maxLength: 254 }))),
    countryCode: Type.Optional(nullable(CountryCodeSchema)),
  },
  { additionalProperties: false },
);
export type EmergencyContactInput = Static<typeof EmergencyContactInputSchema>;

export const EmergencyContactSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  relationship: Type.String(),
  phone: nullable(Type.String()),
  email: nullable(Type.String()),
  countryCode: nullable(Type.String()),
});
export type EmergencyContact = Static<typeof EmergencyContactSchema>;

export const PresenceInputSchema = Type.Object(
  {
    kind: PresenceKindSchema,
    countryCode: CountryCodeSchema,
    regionCode: Type.Optional(nullable(Type.String({ pattern: '^[A-Z]{2}-[A-Z0-9]{1,3}$' }))),
    cityId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    precise: Type.Optional(
      Type.Union([
        Type.Object(
          { lat: Type.Number({ minimum: -90, maximum: 90 }), lon: Type.Number({ minimum: -180, maximum: 180 }) },
          { additionalProperties: false },
        ),
        Type.Null(),
      ]),
    ),
    preciseConsent: Type.Optional(Type.Boolean()),
    arrivalOn: IsoDateSchema,
    departureOn: Type.Optional(nullable(IsoDateSchema)),
    purpose: Type.Optional(Type.Union([PresencePurposeSchema, Type.Null()])),
    dependentIds: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 20, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type PresenceInput = Static<typeof PresenceInputSchema>;

export const PresenceSchema = Type.Object({
  id: Type.String(),
  kind: PresenceKindSchema,
  countryCode: Type.String(),
  countryName: LocalizedTextSchema,
  regionCode: nullable(Type.String()),
  regionName: nullable(Type.String()),
  cityId: Type.Union([Type.Integer(), Type.Null()]),
  cityName: nullable(Type.String()),
  lat: Type.Union([Type.Number(), Type.Null()]),
  lon: Type.Union([Type.Number(), Type.Null()]),
  preciseConsent: Type.Boolean(),
  arrivalOn: Type.String(),
  departureOn: nullable(Type.String()),
  purpose: Type.Union([PresencePurposeSchema, Type.Null()]),
  dependentIds: Type.Array(Type.String()),
  current: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type Presence = Static<typeof PresenceSchema>;

export const PresenceListSchema = Type.Object({
  items: Type.Array(PresenceSchema),
  current: Type.Union([PresenceSchema, Type.Null()]),
});
export type PresenceList = Static<typeof PresenceListSchema>;

export const SubscriptionSchema = Type.Object({
  countryCode: Type.String(),
  countryName: LocalizedTextSchema,
  createdAt: Type.String(),
});
export type Subscription = Static<typeof SubscriptionSchema>;

export const PlaceCitySchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  asciiName: Type.String(),
  regionCode: nullable(Type.String()),
  regionName: nullable(Type.String()),
  lat: Type.Number(),
  lon: Type.Number(),
  population: Type.Integer(),
});
export type PlaceCity = Static<typeof PlaceCitySchema>;

export const PlaceRegionSchema = Type.Object({ code: Type.String(), name: Type.String() });
export type PlaceRegion = Static<typeof PlaceRegionSchema>;
