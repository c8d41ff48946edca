import { type Static, Type } from '@sinclair/typebox';
import { RoleSchema, STAFF_ROLES } from './auth.schema.ts';
import { pageSchema } from './mission.schema.ts';

export const StaffRoleSchema = Type.Union(STAFF_ROLES.map((r) => Type.Literal(r)));
export const StaffStatusSchema = Type.Union([Type.Literal('active'), Type.Literal('disabled')]);
export type StaffStatus = Static<typeof StaffStatusSchema>;

/** A staff account as HQ administrators see it. */
export const StaffAccountSchema = Type.Object({
  id: Type.String(),
  email: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  missions: Type.Array(Type.String()),
  status: StaffStatusSchema,
  totpEnabled: Type.Boolean(),
  createdAt: Type.String(),
  lastSignInAt: Type.Union([Type.String(), Type.Null()]),
});
export type StaffAccount = Static<typeof StaffAccountSchema>;

export const StaffPageSchema = pageSchema(StaffAccountSchema);
export type StaffPage = Static<typeof StaffPageSchema>;

export const StaffQuerySchema = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    role: Type.Optional(StaffRoleSchema),
    mission: Type.Optional(Type.String({ maxLength: 20 })),
    status: Type.Optional(StaffStatusSchema),
    page: Type.Integer({ minimum: 1, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  { additionalProperties: false },
);
export type StaffQuery = Static<typeof StaffQuerySchema>;

export const CreateStaffBodySchema = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 254 }),
    displayName: Type.String({ minLength: 1, maxLength: 200 }),
    role: StaffRoleSchema,
    missions: Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { maxItems: 50 }),
    locale: Type.Union([Type.Literal('zh-CN'), Type.Literal('en')]),
  },
  { additionalProperties: false },
);
export type CreateStaffBody = Static<typeof CreateStaffBodySchema>;

export const CreatedStaffSchema = Type.Object({ account: StaffAccountSchema, setupUrl: Type.String() });
export type CreatedStaff = Static<typeof CreatedStaffSchema>;

export const UpdateStaffBodySchema = Type.Object(
  {
    role: Type.Optional(StaffRoleSchema),
    missions: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 20 }), { maxItems: 50 })),
    status: Type.Optional(StaffStatusSchema),
    reason: Type.String({ minLength: 1, maxLength: 1000 }),
  },
  { additionalProperties: false },
);
export type UpdateStaffBody = Static<typeof UpdateStaffBodySchema>;

export const ReasonBodySchema = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 1000 }) },
  { additionalProperties: false },
);
export type ReasonBody = Static<typeof ReasonBodySchema>;

export const SetupUrlSchema = Type.Object({ setupUrl: Type.String() });

/** API token scopes: `<area>:<verb>`. A token may only call routes whose declared scope it holds. */
export const TOKEN_SCOPES = ['missions:read', 'audit:read', 'staff:read'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
export const TokenScopeSchema = Type.Union(TOKEN_SCOPES.map((s) => Type.Literal(s)));

export const ApiTokenSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  scopes: Type.Array(Type.String()),
  createdAt: Type.String(),
  expiresAt: Type.Union([Type.String(), Type.Null()]),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
});
export type ApiToken = Static<typeof ApiTokenSchema>;

export const CreateTokenBodySchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    scopes: Type.Array(TokenScopeSchema, { minItems: 1, maxItems: TOKEN_SCOPES.length, uniqueItems: true }),
    expiresAt: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);
export type CreateTokenBody = Static<typeof CreateTokenBodySchema>;

/** The token value appears once, in this answer; only its hash is stored. */
export const CreatedTokenSchema = Type.Object({ token: ApiTokenSchema, value: Type.String() });
export type CreatedToken = Static<typeof CreatedTokenSchema>;
