import { type Static, Type } from '@sinclair/typebox';
import { RoleSchema } from './auth.schema.ts';
import { LocalizedTextSchema } from './meta.schema.ts';

// Citizen accounts and passkeys (decision 0003). The password rules themselves (length, zxcvbn score,
// no email local part) run on the server, which answers 400 weak_password with a field error on /password.

/** Pages of the citizen app that mails link to; a link token travels as `?token=…`. */
export const ACCOUNT_LINK_PATHS = {
  verify: '/verify-email',
  reset: '/reset-password',
  signIn: '/sign-in',
} as const;

export const LocaleSchema = Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]);

const Email = Type.String({ format: 'email', maxLength: 254 });
const Password = Type.String({ minLength: 1, maxLength: 1024 });
const DisplayName = Type.String({ minLength: 1, maxLength: 100 });
/** Any format a person types (+, spaces, hyphens); stored as E.164. */
const Phone = Type.String({ maxLength: 40 });
/** A link token from a mail: 256 random bits, base64url. */
const LinkToken = Type.String({ minLength: 1, maxLength: 200 });

export const SignUpBodySchema = Type.Object(
  { email: Email, password: Password, displayName: DisplayName, locale: LocaleSchema, phone: Type.Optional(Phone) },
  { additionalProperties: false },
);
export type SignUpBody = Static<typeof SignUpBodySchema>;

export const VerifyEmailBodySchema = Type.Object({ token: LinkToken }, { additionalProperties: false });
export type VerifyEmailBody = Static<typeof VerifyEmailBodySchema>;

/** Body of resend-verification and password-reset. */
export const EmailBodySchema = Type.Object({ email: Email }, { additionalProperties: false });
export type EmailBody = Static<typeof EmailBodySchema>;

/** The same answer whether or not an account exists for the address. */
export const SentSchema = Type.Object({ status: Type.Literal('sent') });
export type Sent = Static<typeof SentSchema>;

export const PasswordResetConfirmBodySchema = Type.Object(
  { token: LinkToken, password: Password },
  { additionalProperties: false },
);
export type PasswordResetConfirmBody = Static<typeof PasswordResetConfirmBodySchema>;

export const ProfileSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  displayName: Type.String(),
  phone: Type.Union([Type.String({ description: 'E.164' }), Type.Null()]),
  locale: LocaleSchema,
  emailVerified: Type.Boolean(),
  createdAt: Type.String(),
  role: RoleSchema,
});
export type Profile = Static<typeof ProfileSchema>;

/** `phone: null` or `''` removes the number. */
export const ProfilePatchBodySchema = Type.Object(
  {
    displayName: Type.Optional(DisplayName),
    phone: Type.Optional(Type.Union([Phone, Type.Null()])),
    locale: Type.Optional(LocaleSchema),
  },
  { additionalProperties: false },
);
export type ProfilePatchBody = Static<typeof ProfilePatchBodySchema>;

export const PasswordChangeBodySchema = Type.Object(
  { currentPassword: Password, newPassword: Password },
  { additionalProperties: false },
);
export type PasswordChangeBody = Static<typeof PasswordChangeBodySchema>;

export const DeleteAccountBodySchema = Type.Object({ password: Password }, { additionalProperties: false });
export type DeleteAccountBody = Static<typeof DeleteAccountBodySchema>;

/** A record kept after deletion because the law or a person's safety requires it, and why. */
export const KeptRecordSchema = Type.Object({ type: Type.String(), id: Type.String(), reason: LocalizedTextSchema });
export type KeptRecord = Static<typeof KeptRecordSchema>;

export const DeleteAccountResultSchema = Type.Object({
  deleted: Type.Literal(true),
  kept: Type.Array(KeptRecordSchema),
});
export type DeleteAccountResult = Static<typeof DeleteAccountResultSchema>;

/** The export: one JSON document; `sections` holds what each module registered (cases, registrations …). */
export const AccountExportSchema = Type.Object({
  exportedAt: Type.String(),
  account: ProfileSchema,
  sessions: Type.Array(
    Type.Object({
      createdAt: Type.String(),
      lastSeenAt: Type.String(),
      expiresAt: Type.String(),
      ip: Type.Union([Type.String(), Type.Null()]),
      userAgent: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  passkeys: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      createdAt: Type.String(),
      lastUsedAt: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  audit: Type.Array(
    Type.Object({
      at: Type.String(),
      action: Type.String(),
      ip: Type.Union([Type.String(), Type.Null()]),
      details: Type.Record(Type.String(), Type.Unknown()),
    }),
  ),
  sections: Type.Record(Type.String(), Type.Unknown()),
});
export type AccountExport = Static<typeof AccountExportSchema>;

// Passkeys. The WebAuthn JSON is produced by the browser (via @simplewebauthn/browser) and checked by
// @simplewebauthn/server; only its outer shape is fixed here, since browsers add fields over time.

export const PasskeySchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  createdAt: Type.String(),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
});
export type Passkey = Static<typeof PasskeySchema>;

const Base64Url = Type.String({ maxLength: 16_384 });
const CredentialShape = {
  id: Base64Url,
  rawId: Base64Url,
  type: Type.Literal('public-key'),
  authenticatorAttachment: Type.Optional(Type.String()),
  clientExtensionResults: Type.Record(Type.String(), Type.Unknown()),
};

export const RegistrationResponseSchema = Type.Object(
  {
    ...CredentialShape,
    response: Type.Object(
      {
        clientDataJSON: Base64Url,
        attestationObject: Base64Url,
        transports: Type.Optional(Type.Array(Type.String({ maxLength: 20 }), { maxItems: 10 })),
      },
      { additionalProperties: true },
    ),
  },
  { additionalProperties: true },
);

export const AuthenticationResponseSchema = Type.Object(
  {
    ...CredentialShape,
    response: Type.Object(
      {
        clientDataJSON: Base64Url,
        authenticatorData: Base64Url,
        signature: Base64Url,
        userHandle: Type.Optional(Base64Url),
      },
      { additionalProperties: true },
    ),
  },
  { additionalProperties: true },
);

export const PasskeyRegistrationBodySchema = Type.Object(
  { response: RegistrationResponseSchema, name: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })) },
  { additionalProperties: false },
);
export type PasskeyRegistrationBody = Static<typeof PasskeyRegistrationBodySchema>;

export const PasskeyAuthenticationBodySchema = Type.Object(
  { response: AuthenticationResponseSchema },
  { additionalProperties: false },
);
export type PasskeyAuthenticationBody = Static<typeof PasskeyAuthenticationBodySchema>;

/** PublicKeyCredentialCreationOptionsJSON / RequestOptionsJSON, passed as-is to @simplewebauthn/browser. */
export const WebAuthnOptionsSchema = Type.Object(
  { challenge: Type.String() },
  { additionalProperties: true, description: 'WebAuthn options JSON for @simplewebauthn/browser' },
);
