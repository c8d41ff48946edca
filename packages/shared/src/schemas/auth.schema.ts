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
