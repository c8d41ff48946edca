import { type Static, Type } from '@sinclair/typebox';

/** Health certificates (EU DCC): v vaccination, t test, r recovery. */
export const CERTIFICATE_TYPES = ['v', 't', 'r'] as const;
export type CertificateKind = (typeof CERTIFICATE_TYPES)[number];
export const CertificateKindSchema = Type.Union(CERTIFICATE_TYPES.map((t) => Type.Literal(t)));

const DATE = '^\\d{4}-\\d{2}-\\d{2}$';
const COUNTRY = Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' });
const CODE = Type.String({ minLength: 1, maxLength: 80 });

export const CertificateHolderSchema = Type.Object(
  {
    familyName: Type.String({ minLength: 1, maxLength: 80, description: 'As in the passport, any script' }),
    givenName: Type.Optional(Type.String({ maxLength: 80 })),
    familyNameLatin: Type.Optional(
      Type.String({ maxLength: 80, description: 'Latin spelling (e.g. pinyin) when the name is not in Latin script' }),
    ),
    givenNameLatin: Type.Optional(Type.String({ maxLength: 80 })),
    birthDate: Type.String({ pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$', description: 'YYYY-MM-DD, YYYY-MM or YYYY' }),
  },
  { additionalProperties: false },
);

export const VaccinationEntrySchema = Type.Object(
  {
    vp: CODE,
    mp: CODE,
    ma: CODE,
    dn: Type.Integer({ minimum: 1, maximum: 9, description: 'Dose number' }),
    sd: Type.Integer({ minimum: 1, maximum: 9, description: 'Doses in the series' }),
    dt: Type.String({ pattern: DATE, description: 'Date of vaccination' }),
    co: COUNTRY,
  },
  { additionalProperties: false },
);

export const TestEntrySchema = Type.Object(
  {
    tt: CODE,
    nm: Type.Optional(Type.String({ minLength: 1, maxLength: 80, description: 'NAA test name' })),
    ma: Type.Optional(CODE),
    sc: Type.String({ format: 'date-time', description: 'When the sample was taken' }),
    tr: CODE,
    tc: Type.Optional(Type.String({ minLength: 1, maxLength: 80, description: 'Testing centre' })),
    co: COUNTRY,
  },
  { additionalProperties: false },
);

export const RecoveryEntrySchema = Type.Object(
  {
    fr: Type.String({ pattern: DATE, description: 'Date of the first positive test' }),
    df: Type.String({ pattern: DATE, description: 'Valid from' }),
    du: Type.String({ pattern: DATE, description: 'Valid until' }),
    co: COUNTRY,
  },
  { additionalProperties: false },
);

export const IssueCertificateBodySchema = Type.Object(
  {
    type: CertificateKindSchema,
    personId: Type.Optional(
      Type.String({ format: 'uuid', description: 'The registered person; their account sees it' }),
    ),
    holder: CertificateHolderSchema,
    vaccination: Type.Optional(VaccinationEntrySchema),
    test: Type.Optional(TestEntrySchema),
    recovery: Type.Optional(RecoveryEntrySchema),
  },
  { additionalProperties: false },
);
export type IssueCertificateBody = Static<typeof IssueCertificateBodySchema>;

export const CertificateStatusSchema = Type.Union([
  Type.Literal('valid'),
  Type.Literal('revoked'),
  Type.Literal('expired'),
]);

/** A health certificate as its holder and health issuers see it; `hc1` is what the QR code holds. */
export const HealthCertificateSchema = Type.Object({
  id: Type.String(),
  uci: Type.String({ description: 'Unique certificate identifier (UVCI)' }),
  type: CertificateKindSchema,
  status: CertificateStatusSchema,
  personId: Type.Union([Type.String(), Type.Null()]),
  holder: Type.Object({
    familyName: Type.String(),
    givenName: Type.Union([Type.String(), Type.Null()]),
    familyNameStd: Type.String(),
    givenNameStd: Type.Union([Type.String(), Type.Null()]),
    birthDate: Type.String(),
  }),
  /** The vaccination, test or recovery entry of the payload, as signed. */
  entry: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
  issuedAt: Type.String(),
  expiresAt: Type.String(),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
  revocationReason: Type.Union([Type.String(), Type.Null()]),
  hc1: Type.String(),
});
export type HealthCertificate = Static<typeof HealthCertificateSchema>;

export const HealthCertificatePageSchema = Type.Object({
  items: Type.Array(HealthCertificateSchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export type HealthCertificatePage = Static<typeof HealthCertificatePageSchema>;

export const RevokeCertificateBodySchema = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: 500 }) },
  { additionalProperties: false },
);

/** One signer in the public trust list. */
export const TrustListEntrySchema = Type.Object({
  kid: Type.String({ description: 'Base64 of the first 8 bytes of SHA-256 over the DER' }),
  country: Type.String(),
  certificateType: Type.Union([Type.Literal('CSCA'), Type.Literal('DSC')]),
  certificate: Type.String({ description: 'Base64 DER' }),
  notBefore: Type.String(),
  notAfter: Type.String(),
});

export const TrustListSchema = Type.Object({
  format: Type.Literal('homeward-trust-list/1'),
  updatedAt: Type.String(),
  certificates: Type.Array(TrustListEntrySchema),
});
export type PublishedTrustList = Static<typeof TrustListSchema>;

export const RevocationListSchema = Type.Object({
  format: Type.Literal('homeward-revocation-list/1'),
  hashType: Type.Literal('UCI', { description: 'First 16 bytes of SHA-256 over the UCI, base64' }),
  updatedAt: Type.String(),
  hashes: Type.Array(Type.String()),
});
export type PublishedRevocationList = Static<typeof RevocationListSchema>;

/** A registered person a health issuer may issue a certificate for, found by passport number. */
export const CertificateHolderMatchSchema = Type.Object({
  personId: Type.String(),
  familyName: Type.String(),
  givenName: Type.String(),
  nativeName: Type.Union([Type.String(), Type.Null()]),
  birthDate: Type.Union([Type.String(), Type.Null()]),
  passportNumber: Type.String(),
});
export type CertificateHolderMatch = Static<typeof CertificateHolderMatchSchema>;

/** A signing key as headquarters sees it: which one is in use, which were replaced, and when each expires. */
export const CertificateSignerSchema = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('csca'), Type.Literal('dsc')]),
  kid: Type.String(),
  subject: Type.String(),
  notBefore: Type.String(),
  notAfter: Type.String(),
  inUse: Type.Boolean({ description: 'The CSCA or DSC that signs now' }),
  createdAt: Type.String(),
  retiredAt: Type.Union([Type.String(), Type.Null()]),
  certificatesSigned: Type.Integer({ minimum: 0, description: 'Certificates issued with this DSC (0 for a CSCA)' }),
});
export type CertificateSigner = Static<typeof CertificateSignerSchema>;
