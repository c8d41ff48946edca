import { type Static, Type } from '@sinclair/typebox';
import { CasePrioritySchema, CaseSchema, CaseStatusSchema } from './case.schema.ts';

export const INCIDENT_KINDS = [
  'earthquake',
  'flood',
  'storm',
  'conflict',
  'evacuation',
  'epidemic',
  'attack',
  'other',
] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];
export const IncidentKindSchema = Type.Union(INCIDENT_KINDS.map((k) => Type.Literal(k)));

export const IncidentStatusSchema = Type.Union([Type.Literal('active'), Type.Literal('closed')]);
export type IncidentStatus = Static<typeof IncidentStatusSchema>;

/** Many cases grouped under one major emergency (an earthquake, an evacuation) with its own board. */
export const IncidentSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  kind: IncidentKindSchema,
  description: Type.String(),
  countries: Type.Array(Type.String({ pattern: '^[A-Z]{2}$' })),
  status: IncidentStatusSchema,
  caseCount: Type.Integer({ minimum: 0, description: 'Cases the caller may see under it' }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type Incident = Static<typeof IncidentSchema>;

export const IncidentPageSchema = Type.Object({
  items: Type.Array(IncidentSchema),
  total: Type.Integer({ minimum: 0 }),
  page: Type.Integer({ minimum: 1 }),
  pageSize: Type.Integer({ minimum: 1 }),
});
export type IncidentPage = Static<typeof IncidentPageSchema>;

export const IncidentCreateBodySchema = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 300 }),
    kind: IncidentKindSchema,
    description: Type.Optional(Type.String({ maxLength: 10_000 })),
    countries: Type.Array(Type.String({ pattern: '^[A-Z]{2}$' }), { minItems: 1, maxItems: 50, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type IncidentCreateBody = Static<typeof IncidentCreateBodySchema>;

export const IncidentUpdateBodySchema = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    kind: Type.Optional(IncidentKindSchema),
    description: Type.Optional(Type.String({ maxLength: 10_000 })),
    countries: Type.Optional(
      Type.Array(Type.String({ pattern: '^[A-Z]{2}$' }), { minItems: 1, maxItems: 50, uniqueItems: true }),
    ),
    status: Type.Optional(IncidentStatusSchema),
  },
  { additionalProperties: false },
);
export type IncidentUpdateBody = Static<typeof IncidentUpdateBodySchema>;

/** The incident's cases (those the caller may see) by status, with counts per mission and priority. */
export const IncidentBoardSchema = Type.Object({
  incident: IncidentSchema,
  columns: Type.Array(
    Type.Object({ status: CaseStatusSchema, total: Type.Integer({ minimum: 0 }), cases: Type.Array(CaseSchema) }),
  ),
  byMission: Type.Array(Type.Object({ missionCode: Type.String(), total: Type.Integer({ minimum: 0 }) })),
  byPriority: Type.Array(Type.Object({ priority: CasePrioritySchema, total: Type.Integer({ minimum: 0 }) })),
});
export type IncidentBoard = Static<typeof IncidentBoardSchema>;
