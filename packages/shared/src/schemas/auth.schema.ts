import { type Static, Type } from '@sinclair/typebox';

export const ROLES = [
  'citizen',
  'hq_admin',
  'hotline_agent',
  'consular_officer',
  'mission_head',
  'alert_manager',
  'health_issuer',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];
export const STAFF_ROLES = ROLES.filter((r) => r !== 'citizen');

export const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)));

export const SignInBodySchema = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);
export type SignInBody = Static<typeof SignInBodySchema>;

/** The signed-in person as the apps see them. */
export const SessionUserSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  missions: Type.Array(Type.String(), { description: 'Mission codes the user is scoped to; empty = global' }),
  locale: Type.String(),
});
export type SessionUser = Static<typeof SessionUserSchema>;

/** Staff must prove a second factor; the challenge names this half-finished sign-in for five minutes. */
export const TotpNextStepSchema = Type.Object({
  next: Type.Literal('totp'),
  challenge: Type.String(),
});

/** First staff sign-in (or after a reset): enrol an authenticator app, then confirm with a code. */
export const TotpSetupNextStepSchema = Type.Object({
  next: Type.Literal('totp_setup'),
  challenge: Type.String(),
  secret: Type.String({ description: 'Base32 TOTP secret, for typing into an authenticator app' }),
  otpauthUrl: Type.String({ description: 'otpauth:// URI, for a QR code' }),
});
export type TotpSetupNextStep = Static<typeof TotpSetupNextStepSchema>;

export const SignInNextStepSchema = Type.Union([TotpNextStepSchema, TotpSetupNextStepSchema]);
export type SignInNextStep = Static<typeof SignInNextStepSchema>;

/** `POST /auth/sign-in`: a signed-in citizen, or the second step staff must complete. */
export const SignInResultSchema = Type.Union([Type.Object({ user: SessionUserSchema }), SignInNextStepSchema]);
export type SignInResult = Static<typeof SignInResultSchema>;

export const SecondFactorBodySchema = Type.Object(
  {
    challenge: Type.String({ minLength: 1, maxLength: 200 }),
    code: Type.String({ minLength: 1, maxLength: 64 }),
  },
  { additionalProperties: false },
);
export type SecondFactorBody = Static<typeof SecondFactorBodySchema>;

/** `POST /auth/totp`: recovery codes only right after setup, shown once. */
export const SecondFactorResultSchema = Type.Object({
  user: SessionUserSchema,
  recoveryCodes: Type.Optional(Type.Array(Type.String())),
});
export type SecondFactorResult = Static<typeof SecondFactorResultSchema>;

export const StaffSetupBodySchema = Type.Object(
  {
    token: Type.String({ minLength: 1, maxLength: 200 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);
export type StaffSetupBody = Static<typeof StaffSetupBodySchema>;

export const RecoveryCodesBodySchema = Type.Object(
  { password: Type.String({ minLength: 1, maxLength: 1024 }) },
  { additionalProperties: false },
);
export const RecoveryCodesSchema = Type.Object({ recoveryCodes: Type.Array(Type.String()) });

export const SessionInfoSchema = Type.Object({
  id: Type.String(),
  createdAt: Type.String(),
  lastSeenAt: Type.String(),
  ip: Type.Union([Type.String(), Type.Null()]),
  userAgent: Type.Union([Type.String(), Type.Null()]),
  current: Type.Boolean(),
});
export type SessionInfo = Static<typeof SessionInfoSchema>;
