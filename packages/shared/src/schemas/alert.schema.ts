import { type Static, Type } from '@sinclair/typebox';

/**
 * Safety alerts (issue 6, items 2, 4 and 5; decision 0021). GLOSSARY: 安全提醒 / alert; 发布 · 更新 · 撤销
 * publish · update · cancel; 审核 review (the four-eyes step); 报平安 I'm safe (check-in). The CAP 1.2 fields keep
 * the spec's names and values, so the alert maps onto a CAP `<info>` one to one.
 */
export const ALERT_STATUSES = ['draft', 'pending', 'published', 'cancelled'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export const ALERT_CATEGORIES = [
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
export const ALERT_URGENCIES = ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'] as const;
export const ALERT_SEVERITIES = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'] as const;
export const ALERT_CERTAINTIES = ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'] as const;
export type AlertCategory = (typeof ALERT_CATEGORIES)[number];
export type AlertUrgency = (typeof ALERT_URGENCIES)[number];
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];
export type AlertCertainty = (typeof ALERT_CERTAINTIES)[number];
export const CHECKIN_ANSWERS = ['safe', 'need_help'] as const;
export type CheckinAnswer = (typeof CHECKIN_ANSWERS)[number];

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Nullable = <T extends ReturnType<typeof Type.String>>(schema: T) => Type.Union([schema, Type.Null()]);
const Country = Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' });
const DateTime = Type.String({ format: 'date-time' });

/** Headline, description and instructions in one language (CAP `<info>` of that language). */
export const AlertTextSchema = Type.Object(
  {
    headline: Type.String({ minLength: 1, maxLength: 160 }),
    description: Type.String({ minLength: 1, maxLength: 8000 }),
    instruction: Type.String({ maxLength: 4000, default: '' }),
  },
  { additionalProperties: false },
);
export type AlertText = Static<typeof AlertTextSchema>;

/** At least one language; the server refuses an alert with neither. */
export const AlertTextsSchema = Type.Object(
  { en: Type.Optional(AlertTextSchema), 'zh-CN': Type.Optional(AlertTextSchema) },
  { additionalProperties: false },
);
export type AlertTexts = Static<typeof AlertTextsSchema>;

/**
 * The targeting engine's area: countries, regions, circles and GeoJSON polygons (checked by the server's
 * targeting engine, which answers each bad part with its own problem code and JSON pointer).
 */
export const AlertAreaSchema = Type.Object(
  {
    countries: Type.Optional(Type.Array(Country, { maxItems: 300 })),
    regions: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Z]{2}-[A-Z0-9]{1,3}$' }), { maxItems: 2000 })),
    circles: Type.Optional(
      Type.Array(
        Type.Object(
          { lat: Type.Number(), lon: Type.Number(), radiusKm: Type.Number() },
          { additionalProperties: false },
        ),
        { maxItems: 100 },
      ),
    ),
    polygons: Type.Optional(
      Type.Array(
        Type.Object(
          {
            type: Type.Union([Type.Literal('Polygon'), Type.Literal('MultiPolygon')]),
            coordinates: Type.Array(Type.Unknown(), { description: 'GeoJSON [longitude, latitude] rings' }),
          },
          { additionalProperties: false },
        ),
        { maxItems: 100 },
      ),
    ),
  },
  { additionalProperties: false },
);
export type AlertArea = Static<typeof AlertAreaSchema>;

/** A draft as the composer saves it (POST creates, PUT replaces while still a draft). */
export const AlertDraftBodySchema = Type.Object(
  {
    country: Type.String({
      pattern: '^[A-Z]{2}$',
      description: 'The country the alert is about: its Atom feed lists the alert (with any other country named)',
    }),
    texts: AlertTextsSchema,
    category: literals(ALERT_CATEGORIES),
    urgency: literals(ALERT_URGENCIES),
    severity: literals(ALERT_SEVERITIES),
    certainty: literals(ALERT_CERTAINTIES),
    effective: Type.Optional(Nullable(DateTime)),
    expires: Type.Optional(Nullable(DateTime)),
    senderName: Type.Optional(Type.String({ maxLength: 200 })),
    area: AlertAreaSchema,
    checkin: Type.Boolean({ description: 'Ask the recipients "Are you safe?"' }),
    signalId: Type.Optional(Type.String({ format: 'uuid', description: 'The incoming CAP signal it was made from' })),
  },
  { additionalProperties: false },
);
export type AlertDraftBody = Static<typeof AlertDraftBodySchema>;

/** Submitting for review: when the area reaches nobody now, the composer must say it knows. */
export const AlertSubmitBodySchema = Type.Object(
  { confirmEmptyArea: Type.Optional(Type.Boolean({ default: false })) },
  { additionalProperties: false },
);
export type AlertSubmitBody = Static<typeof AlertSubmitBodySchema>;

/** An update of a published alert: new texts and CAP fields (the area stays), sent as CAP msgType Update. */
export const AlertUpdateBodySchema = Type.Object(
  {
    texts: AlertTextsSchema,
    urgency: literals(ALERT_URGENCIES),
    severity: literals(ALERT_SEVERITIES),
    certainty: literals(ALERT_CERTAINTIES),
    expires: Type.Optional(Nullable(DateTime)),
  },
  { additionalProperties: false },
);
export type AlertUpdateBody = Static<typeof AlertUpdateBodySchema>;

export const AlertReasonBodySchema = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: 500 }) },
  { additionalProperties: false },
);
export type AlertReasonBody = Static<typeof AlertReasonBodySchema>;

const Person = Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]);

/** One CAP message sent for the alert: the first Alert, then each Update or Cancel referencing the earlier ones. */
export const AlertMessageSchema = Type.Object({
  identifier: Type.String(),
  msgType: literals(['Alert', 'Update', 'Cancel'] as const),
  sent: Type.String({ description: 'CAP time of the message' }),
});

export const AlertSchema = Type.Object({
  id: Type.String(),
  status: literals(ALERT_STATUSES),
  country: Type.String(),
  texts: AlertTextsSchema,
  category: literals(ALERT_CATEGORIES),
  urgency: literals(ALERT_URGENCIES),
  severity: literals(ALERT_SEVERITIES),
  certainty: literals(ALERT_CERTAINTIES),
  effective: Nullable(Type.String()),
  expires: Nullable(Type.String()),
  senderName: Type.String(),
  area: AlertAreaSchema,
  checkin: Type.Boolean(),
  signalId: Nullable(Type.String()),
  createdBy: Person,
  createdAt: Type.String(),
  updatedAt: Type.String(),
  submittedBy: Person,
  submittedAt: Nullable(Type.String()),
  /** Recipients counted when it was submitted (what the reviewer is told). */
  reachAtSubmit: Type.Union([Type.Integer(), Type.Null()]),
  emptyAreaConfirmed: Type.Boolean(),
  approvedBy: Person,
  publishedAt: Nullable(Type.String()),
  cancelledAt: Nullable(Type.String()),
  cancelReason: Nullable(Type.String()),
  recipients: Type.Integer({ minimum: 0, description: 'People reached at publication' }),
  /** 'preparing' while the job fixing the recipients of a just-approved alert runs; then 'ready'. */
  recipientsState: literals(['preparing', 'ready'] as const),
  messages: Type.Array(AlertMessageSchema),
  capUrl: Nullable(Type.String({ description: 'The CAP 1.2 document (public) once published' })),
});
export type Alert = Static<typeof AlertSchema>;

export const AlertListQuerySchema = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    status: Type.Optional(literals(ALERT_STATUSES)),
    page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  },
  { additionalProperties: false },
);
export type AlertListQuery = Static<typeof AlertListQuerySchema>;

export const AlertPageSchema = Type.Object({
  items: Type.Array(AlertSchema),
  total: Type.Integer({ minimum: 0 }),
  page: Type.Integer({ minimum: 1 }),
  pageSize: Type.Integer({ minimum: 1 }),
});
export type AlertPage = Static<typeof AlertPageSchema>;

/** An alert as a recipient reads it, in their language (the other one when it has only that). */
export const CitizenAlertSchema = Type.Object({
  id: Type.String(),
  status: literals(['published', 'cancelled'] as const),
  country: Type.String(),
  language: literals(['en', 'zh-CN'] as const),
  headline: Type.String(),
  description: Type.String(),
  instruction: Type.String(),
  category: literals(ALERT_CATEGORIES),
  urgency: literals(ALERT_URGENCIES),
  severity: literals(ALERT_SEVERITIES),
  certainty: literals(ALERT_CERTAINTIES),
  effective: Nullable(Type.String()),
  expires: Nullable(Type.String()),
  senderName: Type.String(),
  publishedAt: Type.String(),
  updatedAt: Type.String(),
  cancelledAt: Nullable(Type.String()),
  checkin: Type.Boolean(),
  /** The person's last answer to "Are you safe?", if any. */
  answer: Type.Union([literals(CHECKIN_ANSWERS), Type.Null()]),
  answeredAt: Nullable(Type.String()),
});
export type CitizenAlert = Static<typeof CitizenAlertSchema>;

export const CitizenAlertListSchema = Type.Object({ items: Type.Array(CitizenAlertSchema) });
export type CitizenAlertList = Static<typeof CitizenAlertListSchema>;

/** "Are you safe?": the answer, and (for need help) where they are if they share it. */
export const CheckinBodySchema = Type.Object(
  {
    answer: literals(CHECKIN_ANSWERS),
    lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
    lon: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type CheckinBody = Static<typeof CheckinBodySchema>;

export const CheckinResultSchema = Type.Object({
  alertId: Type.String(),
  answer: literals(CHECKIN_ANSWERS),
  answeredAt: Type.String(),
  /** The help case opened for a "need help" answer (its number), once per person and alert. */
  caseNumber: Nullable(Type.String()),
  headline: Type.String(),
  language: literals(['en', 'zh-CN'] as const),
});
export type CheckinResult = Static<typeof CheckinResultSchema>;

/** What the landing page of a signed link shows before and after the tap. */
export const CheckinLinkSchema = Type.Object({
  alertId: Type.String(),
  headline: Type.String(),
  language: literals(['en', 'zh-CN'] as const),
  answer: Type.Union([literals(CHECKIN_ANSWERS), Type.Null()]),
  expiresAt: Type.String(),
});
export type CheckinLink = Static<typeof CheckinLinkSchema>;

export const CheckinTallySchema = Type.Object({
  alertId: Type.String(),
  recipients: Type.Integer({ minimum: 0 }),
  safe: Type.Integer({ minimum: 0 }),
  needHelp: Type.Integer({ minimum: 0 }),
  unanswered: Type.Integer({ minimum: 0 }),
  reminded: Type.Integer({ minimum: 0, description: 'Unanswered people sent at least one reminder' }),
  /** True while the recipients are still being fixed: the counts so far are partial. */
  preparing: Type.Boolean(),
  /** Answers with a place (rounded to about 1 km), for the map; no names. */
  points: Type.Array(Type.Object({ lat: Type.Number(), lon: Type.Number(), answer: literals(CHECKIN_ANSWERS) })),
  at: Type.String(),
});
export type CheckinTally = Static<typeof CheckinTallySchema>;

export const ReminderResultSchema = Type.Object({ reminded: Type.Integer({ minimum: 0 }) });
export type ReminderResult = Static<typeof ReminderResultSchema>;

/** An external CAP alert received (uploaded or polled), kept as parsed JSON with the area it names. */
export const IncomingSignalSchema = Type.Object({
  id: Type.String(),
  receivedAt: Type.String(),
  origin: literals(['upload', 'poll'] as const),
  originUrl: Nullable(Type.String()),
  identifier: Type.String(),
  sender: Type.String(),
  sent: Type.String(),
  msgType: Type.String(),
  headline: Type.String(),
  event: Type.String(),
  severity: Type.String(),
  /** The CAP areas as a targeting area (polygons and circles; geocodes are not mapped); null when it has none. */
  area: Type.Union([AlertAreaSchema, Type.Null()]),
  /** The draft made from it, if any. */
  alertId: Nullable(Type.String()),
  /** A draft body prefilled from the signal: language, CAP fields and the same area. */
  draft: Type.Unknown({ description: 'AlertDraftBody without `country` when none could be told' }),
});
export type IncomingSignal = Static<typeof IncomingSignalSchema>;

export const IncomingSignalPageSchema = Type.Object({
  items: Type.Array(IncomingSignalSchema),
  total: Type.Integer({ minimum: 0 }),
  page: Type.Integer({ minimum: 1 }),
  pageSize: Type.Integer({ minimum: 1 }),
});
export type IncomingSignalPage = Static<typeof IncomingSignalPageSchema>;

/** A configured CAP source the worker polls (HOMEWARD_CAP_FEEDS) and how its last fetches went. */
export const CapFeedStatusSchema = Type.Object({
  url: Type.String(),
  lastFetchedAt: Nullable(Type.String()),
  lastSuccessAt: Nullable(Type.String()),
  /** The HTTP status of the last answer (304: not changed), null when none came. */
  lastStatus: Type.Union([Type.Integer(), Type.Null()]),
  lastError: Nullable(Type.String()),
  lastErrorAt: Nullable(Type.String()),
  fetches: Type.Integer({ minimum: 0 }),
  /** New incoming signals this source produced. */
  signals: Type.Integer({ minimum: 0 }),
});
export type CapFeedStatus = Static<typeof CapFeedStatusSchema>;

export const CapFeedStatusListSchema = Type.Object({
  pollEverySeconds: Type.Integer({ minimum: 1 }),
  items: Type.Array(CapFeedStatusSchema),
});
export type CapFeedStatusList = Static<typeof CapFeedStatusListSchema>;
