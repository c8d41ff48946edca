import { type Static, type TLiteral, type TUnion, Type } from '@sinclair/typebox';

// The JSON shape of one CAP 1.2 alert: what `parseCap` returns, `emitCap` accepts and the server publishes in
// its OpenAPI document. Element names are the spec's, so the spec's data dictionary documents every field.
// Repeatable elements are always arrays; whitespace-delimited lists (addresses, references, incidents) are
// split into arrays too, so nobody has to re-implement CAP's quoting rules.

export const CAP_STATUSES = ['Actual', 'Exercise', 'System', 'Test', 'Draft'] as const;
export const CAP_MSG_TYPES = ['Alert', 'Update', 'Cancel', 'Ack', 'Error'] as const;
export const CAP_SCOPES = ['Public', 'Restricted', 'Private'] as const;
export const CAP_CATEGORIES = [
  'Geo',
  'Met',
  'Safety',
  'Security',
  'Rescue',
  'Fire',
  'Health',
  'Env',
  'Transport',
  'Infra',
  'CBRNE',
  'Other',
] as const;
export const CAP_RESPONSE_TYPES = [
  'Shelter',
  'Evacuate',
  'Prepare',
  'Execute',
  'Avoid',
  'Monitor',
  'Assess',
  'AllClear',
  'None',
] as const;
export const CAP_URGENCIES = ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'] as const;
export const CAP_SEVERITIES = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'] as const;
export const CAP_CERTAINTIES = ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'] as const;

/** CAP 1.2 time: explicit numeric offset, no `Z`, no fractional seconds (the XSD's pattern). */
export const CAP_TIME_PATTERN = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}[+-]\\d{2}:\\d{2}$';
/** xs:language, as the XSD types `<language>`. */
export const CAP_LANGUAGE_PATTERN = '^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$';
/** identifier and sender: no whitespace, commas, `<` or `&` (spec 3.2.1). */
export const CAP_ID_PATTERN = '^[^\\s,<&]+$';

type Literals<T extends readonly string[]> = { -readonly [K in keyof T]: TLiteral<T[K]> };

function oneOf<const T extends readonly string[]>(values: T, description: string): TUnion<Literals<T>> {
  // Boundary: TypeBox cannot infer a tuple of literals from a mapped array; the values are the tuple itself.
  return Type.Union(
    values.map((v) => Type.Literal(v)),
    { description },
  ) as unknown as TUnion<Literals<T>>;
}

const CapTime = (description: string) => Type.String({ pattern: CAP_TIME_PATTERN, description });

export const CapValuePairSchema = Type.Object(
  { valueName: Type.String(), value: Type.String() },
  { $id: 'CapValuePair', additionalProperties: false },
);

export const CapReferenceSchema = Type.Object(
  {
    sender: Type.String({ pattern: CAP_ID_PATTERN }),
    identifier: Type.String({ pattern: CAP_ID_PATTERN }),
    sent: CapTime('`sent` of the referenced alert'),
  },
  { $id: 'CapReference', additionalProperties: false, description: 'One `sender,identifier,sent` group.' },
);

export const CapResourceSchema = Type.Object(
  {
    resourceDesc: Type.String(),
    mimeType: Type.String({ description: 'RFC 2046 type/subtype' }),
    size: Type.Optional(Type.Integer({ minimum: 0, description: 'bytes' })),
    uri: Type.Optional(Type.String()),
    derefUri: Type.Optional(Type.String({ description: 'base64 content' })),
    digest: Type.Optional(Type.String({ description: 'SHA-1 of the resource' })),
  },
  { $id: 'CapResource', additionalProperties: false },
);

export const CapAreaSchema = Type.Object(
  {
    areaDesc: Type.String(),
    polygon: Type.Array(Type.String(), { description: '"lat,lon lat,lon …", ≥4 pairs, first = last (WGS 84)' }),
    circle: Type.Array(Type.String(), { description: '"lat,lon radius_km"' }),
    geocode: Type.Array(CapValuePairSchema),
    altitude: Type.Optional(Type.Number({ description: 'feet above mean sea level' })),
    ceiling: Type.Optional(Type.Number({ description: 'feet above mean sea level; only with altitude' })),
  },
  { $id: 'CapArea', additionalProperties: false },
);

export const CapInfoSchema = Type.Object(
  {
    language: Type.String({ pattern: CAP_LANGUAGE_PATTERN, description: 'RFC 3066 tag; "en-US" when absent' }),
    category: Type.Array(oneOf(CAP_CATEGORIES, 'category'), { minItems: 1 }),
    event: Type.String(),
    responseType: Type.Array(oneOf(CAP_RESPONSE_TYPES, 'responseType')),
    urgency: oneOf(CAP_URGENCIES, 'urgency'),
    severity: oneOf(CAP_SEVERITIES, 'severity'),
    certainty: oneOf(CAP_CERTAINTIES, 'certainty'),
    audience: Type.Optional(Type.String()),
    eventCode: Type.Array(CapValuePairSchema),
    effective: Type.Optional(CapTime('effective')),
    onset: Type.Optional(CapTime('onset')),
    expires: Type.Optional(CapTime('expires')),
    senderName: Type.Optional(Type.String()),
    headline: Type.Optional(Type.String()),
    description: Type.Optional(Type.String()),
    instruction: Type.Optional(Type.String()),
    web: Type.Optional(Type.String({ description: 'absolute URI' })),
    contact: Type.Optional(Type.String()),
    parameter: Type.Array(CapValuePairSchema),
    resource: Type.Array(CapResourceSchema),
    area: Type.Array(CapAreaSchema),
  },
  { $id: 'CapInfo', additionalProperties: false },
);

export const CapAlertSchema = Type.Object(
  {
    identifier: Type.String({ pattern: CAP_ID_PATTERN }),
    sender: Type.String({ pattern: CAP_ID_PATTERN }),
    sent: CapTime('when the alert was sent'),
    status: oneOf(CAP_STATUSES, 'status'),
    msgType: oneOf(CAP_MSG_TYPES, 'msgType'),
    source: Type.Optional(Type.String()),
    scope: oneOf(CAP_SCOPES, 'scope'),
    restriction: Type.Optional(Type.String({ description: 'required when scope is Restricted' })),
    addresses: Type.Array(Type.String(), { description: 'required (non-empty) when scope is Private' }),
    code: Type.Array(Type.String()),
    note: Type.Optional(Type.String()),
    references: Type.Array(CapReferenceSchema, { description: 'required (non-empty) for Update and Cancel' }),
    incidents: Type.Array(Type.String()),
    info: Type.Array(CapInfoSchema),
    signed: Type.Boolean({
      description: 'the parsed document carried an XML signature (ds:Signature); not verified, not re-emitted',
    }),
  },
  { $id: 'CapAlert', additionalProperties: false, description: 'One CAP 1.2 alert message' },
);

export type CapValuePair = Static<typeof CapValuePairSchema>;
export type CapReference = Static<typeof CapReferenceSchema>;
export type CapResource = Static<typeof CapResourceSchema>;
export type CapArea = Static<typeof CapAreaSchema>;
export type CapInfo = Static<typeof CapInfoSchema>;
export type CapAlert = Static<typeof CapAlertSchema>;
export type CapStatus = CapAlert['status'];
export type CapMsgType = CapAlert['msgType'];
export type CapScope = CapAlert['scope'];
export type CapCategory = CapInfo['category'][number];
