import { type Static, Type } from '@sinclair/typebox';

/**
 * Online consular services (issue 8, items 1 and 2; decision 0020). A service is data, not code: a definition
 * file per service (apps/server/src/modules/services/definitions/*.json) checked against
 * `ServiceDefinitionSchema` at start, stored as numbered versions; applications keep the version they were made
 * with. GLOSSARY: 申请 application, 护照 passport, 应急旅行证 emergency travel document.
 */

const Text = Type.Object(
  { 'zh-CN': Type.String({ minLength: 1, maxLength: 2000 }), en: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);
const Id = Type.String({ pattern: '^[a-z][a-z0-9_]{1,62}$' });

const common = {
  id: Id,
  label: Text,
  hint: Type.Optional(Text),
  required: Type.Boolean(),
};

export const TextFieldSchema = Type.Object(
  {
    ...common,
    type: Type.Literal('text'),
    minLength: Type.Optional(Type.Integer({ minimum: 0, maximum: 2000 })),
    maxLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 2000 })),
    /** An ECMAScript regular expression the whole answer must match. */
    pattern: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    multiline: Type.Optional(Type.Boolean()),
    autocomplete: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false },
);
export const DateFieldSchema = Type.Object(
  {
    ...common,
    type: Type.Literal('date'),
    /** `past`: before today (a birth date); `future`: after today (a travel date). */
    when: Type.Optional(Type.Union([Type.Literal('past'), Type.Literal('future'), Type.Literal('any')])),
  },
  { additionalProperties: false },
);
export const SelectFieldSchema = Type.Object(
  {
    ...common,
    type: Type.Literal('select'),
    options: Type.Array(
      Type.Object(
        { value: Type.String({ pattern: '^[A-Za-z0-9_-]{1,40}$' }), label: Text },
        { additionalProperties: false },
      ),
      {
        minItems: 2,
        maxItems: 50,
      },
    ),
  },
  { additionalProperties: false },
);
const SimpleFieldSchema = (type: 'country' | 'phone' | 'email') =>
  Type.Object({ ...common, type: Type.Literal(type) }, { additionalProperties: false });

export const FILE_KINDS = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export const FileFieldSchema = Type.Object(
  {
    ...common,
    type: Type.Literal('file'),
    /** What the file may be, as sniffed from its content. */
    accept: Type.Array(Type.Union(FILE_KINDS.map((k) => Type.Literal(k))), { minItems: 1, uniqueItems: true }),
    maxBytes: Type.Integer({ minimum: 1024, maximum: 10_485_760 }),
    /** Pixel rules for a photo (a passport photo): the image must be at least and at most this large. */
    pixels: Type.Optional(
      Type.Object(
        {
          minWidth: Type.Integer({ minimum: 1 }),
          minHeight: Type.Integer({ minimum: 1 }),
          maxWidth: Type.Integer({ minimum: 1 }),
          maxHeight: Type.Integer({ minimum: 1 }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const ServiceFieldSchema = Type.Union([
  TextFieldSchema,
  DateFieldSchema,
  SelectFieldSchema,
  SimpleFieldSchema('country'),
  SimpleFieldSchema('phone'),
  SimpleFieldSchema('email'),
  FileFieldSchema,
]);
export type ServiceField = Static<typeof ServiceFieldSchema>;
export type FileField = Static<typeof FileFieldSchema>;

export const IN_PERSON_VISITS = ['none', 'collection', 'submission'] as const;
export type InPersonVisit = (typeof IN_PERSON_VISITS)[number];

/** A service as its definition file says it (and as `hq_admin` edits it in the console). */
export const ServiceDefinitionSchema = Type.Object(
  {
    id: Id,
    name: Text,
    summary: Text,
    /** Who may apply; checked against the applicant's saved profile and registration. */
    eligibility: Type.Object(
      {
        /** ISO 3166-1 codes of the nationalities that may apply; `[]` for anyone (a visa for foreigners). */
        nationalities: Type.Array(Type.String({ pattern: '^[A-Z]{2}$' }), { uniqueItems: true }),
        /** Nationalities that may NOT apply (a visa is not for the sending state's own nationals). */
        excludedNationalities: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Z]{2}$' }), { uniqueItems: true })),
        minAge: Type.Optional(Type.Integer({ minimum: 0, maximum: 150 })),
        maxAge: Type.Optional(Type.Integer({ minimum: 0, maximum: 150 })),
        /** The applicant must have a residence or trip registered abroad. */
        registeredAbroad: Type.Boolean(),
        note: Type.Optional(Text),
      },
      { additionalProperties: false },
    ),
    fee: Type.Object(
      {
        /** In the currency's minor unit (cents): 2500 is 25.00. 0 for a free service. */
        amountMinor: Type.Integer({ minimum: 0, maximum: 100_000_000 }),
        currency: Type.String({ pattern: '^[A-Z]{3}$' }),
      },
      { additionalProperties: false },
    ),
    processingDays: Type.Object(
      { min: Type.Integer({ minimum: 0, maximum: 365 }), max: Type.Integer({ minimum: 0, maximum: 365 }) },
      { additionalProperties: false },
    ),
    /** Mission codes that offer the service, or `["*"]` for every mission. */
    missions: Type.Array(Type.String({ pattern: '^(\\*|[A-Z]{2}-[A-Z]{3})$' }), { minItems: 1, uniqueItems: true }),
    /** Whether the applicant must come to the mission: to collect the document, or to hand in the application. */
    inPersonVisit: Type.Union(IN_PERSON_VISITS.map((v) => Type.Literal(v))),
    /** Form questions and documents, in the order the form shows them. */
    fields: Type.Array(ServiceFieldSchema, { minItems: 1, maxItems: 60 }),
  },
  { additionalProperties: false },
);
export type ServiceDefinition = Static<typeof ServiceDefinitionSchema>;

/** A service in the catalogue: its definition in force and its version number. */
export const ServiceSchema = Type.Composite([
  ServiceDefinitionSchema,
  Type.Object({ version: Type.Integer(), updatedAt: Type.String() }),
]);
export type Service = Static<typeof ServiceSchema>;

export const ServiceListSchema = Type.Object({ items: Type.Array(ServiceSchema) });
export type ServiceList = Static<typeof ServiceListSchema>;
export const ServiceListQuerySchema = Type.Object({
  mission: Type.Optional(Type.String({ pattern: '^[A-Z]{2}-[A-Z]{3}$' })),
});

export const ServiceVersionListSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      version: Type.Integer(),
      source: Type.Union([Type.Literal('file'), Type.Literal('console')]),
      createdAt: Type.String(),
      createdBy: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});

// --- Applications ---

export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'more_info_requested',
  'approved',
  'refused',
  'issued',
  'collected',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
const Status = Type.Union(APPLICATION_STATUSES.map((s) => Type.Literal(s)));

export const APPLICATION_EVENT_KINDS = [
  'created',
  'submitted',
  'info_requested',
  'info_provided',
  'approved',
  'refused',
  'issued',
  'collected',
] as const;
export type ApplicationEventKind = (typeof APPLICATION_EVENT_KINDS)[number];

/** An answer: text for every field type but files (whose answer is the document id). */
export const AnswersSchema = Type.Record(
  Type.String({ pattern: '^[a-z][a-z0-9_]{1,62}$' }),
  Type.String({ maxLength: 2000 }),
);
export type Answers = Static<typeof AnswersSchema>;

export const ApplicationDocumentSchema = Type.Object({
  id: Type.String(),
  field: Type.String(),
  fileName: Type.String(),
  mediaType: Type.String(),
  sizeBytes: Type.Integer(),
  width: Type.Union([Type.Integer(), Type.Null()]),
  height: Type.Union([Type.Integer(), Type.Null()]),
  createdAt: Type.String(),
});
export type ApplicationDocument = Static<typeof ApplicationDocumentSchema>;

export const ApplicationEventSchema = Type.Object({
  id: Type.String(),
  kind: Type.Union(APPLICATION_EVENT_KINDS.map((k) => Type.Literal(k))),
  status: Status,
  message: Type.Union([Type.String(), Type.Null()]),
  byStaff: Type.Boolean(),
  at: Type.String(),
});
export type ApplicationEvent = Static<typeof ApplicationEventSchema>;

export const ApplicationSummarySchema = Type.Object({
  id: Type.String(),
  reference: Type.Union([Type.String(), Type.Null()]),
  serviceId: Type.String(),
  serviceName: Type.Object({ 'zh-CN': Type.String(), en: Type.String() }),
  serviceVersion: Type.Integer(),
  status: Status,
  missionCode: Type.Union([Type.String(), Type.Null()]),
  applicantName: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  submittedAt: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer({ description: 'Changes with every save; send it back to save or decide' }),
});
export type ApplicationSummary = Static<typeof ApplicationSummarySchema>;

export const ApplicationSchema = Type.Composite([
  ApplicationSummarySchema,
  Type.Object({
    service: ServiceSchema,
    answers: AnswersSchema,
    documents: Type.Array(ApplicationDocumentSchema),
    events: Type.Array(ApplicationEventSchema),
    fee: Type.Object({ amountMinor: Type.Integer(), currency: Type.String() }),
    decisionReason: Type.Union([Type.String(), Type.Null()]),
    /** Where to book the visit once approved (the appointments page), or null. */
    appointmentPath: Type.Union([Type.String(), Type.Null()]),
  }),
]);
export type Application = Static<typeof ApplicationSchema>;

export const ApplicationListSchema = Type.Object({
  items: Type.Array(ApplicationSummarySchema),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  total: Type.Integer(),
});
export type ApplicationList = Static<typeof ApplicationListSchema>;

export const ApplicationListQuerySchema = Type.Object({
  status: Type.Optional(Status),
  serviceId: Type.Optional(Id),
  mission: Type.Optional(Type.String({ pattern: '^[A-Z]{2}-[A-Z]{3}$' })),
  q: Type.Optional(Type.String({ maxLength: 100 })),
  page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
});
export type ApplicationListQuery = Static<typeof ApplicationListQuerySchema>;

export const CreateApplicationBodySchema = Type.Object({ serviceId: Id }, { additionalProperties: false });

export const SaveDraftBodySchema = Type.Object(
  {
    answers: AnswersSchema,
    missionCode: Type.Union([Type.String({ pattern: '^[A-Z]{2}-[A-Z]{3}$' }), Type.Null()]),
    version: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type SaveDraftBody = Static<typeof SaveDraftBodySchema>;

export const SubmitApplicationBodySchema = Type.Object(
  {
    version: Type.Integer({ minimum: 0 }),
    /** The answer to the officer's question, when more information was asked for. */
    message: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false },
);
export type SubmitApplicationBody = Static<typeof SubmitApplicationBodySchema>;

export const DECISION_ACTIONS = ['request_info', 'approve', 'refuse', 'record_issuance', 'record_collection'] as const;
export type DecisionAction = (typeof DECISION_ACTIONS)[number];

export const DecideApplicationBodySchema = Type.Object(
  {
    action: Type.Union(DECISION_ACTIONS.map((a) => Type.Literal(a))),
    /** The question (request_info), the reason (refuse), a note otherwise. */
    message: Type.Optional(Type.String({ maxLength: 4000 })),
    version: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type DecideApplicationBody = Static<typeof DecideApplicationBodySchema>;

/** PUT /services/:id refusal detail: the schema errors of an edited definition, one per field. */
export const SaveServiceBodySchema = Type.Object(
  { definition: Type.Unknown(), reason: Type.String({ minLength: 3, maxLength: 500 }) },
  { additionalProperties: false },
);
