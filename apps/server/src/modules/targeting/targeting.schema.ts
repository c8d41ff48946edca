import { type Static, Type } from '@sinclair/typebox';

// A GeoJSON position: [longitude, latitude] and an optional altitude, which targeting ignores.
const PositionSchema = Type.Array(Type.Number(), { minItems: 2, maxItems: 3 });
const RingSchema = Type.Array(PositionSchema, { maxItems: 10_000 });

export const PolygonSchema = Type.Object(
  { type: Type.Literal('Polygon'), coordinates: Type.Array(RingSchema, { minItems: 1, maxItems: 100 }) },
  { additionalProperties: false },
);

export const MultiPolygonSchema = Type.Object(
  {
    type: Type.Literal('MultiPolygon'),
    coordinates: Type.Array(Type.Array(RingSchema, { minItems: 1, maxItems: 100 }), { minItems: 1, maxItems: 100 }),
  },
  { additionalProperties: false },
);

export const CircleSchema = Type.Object(
  {
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lon: Type.Number({ minimum: -180, maximum: 180 }),
    radiusKm: Type.Number({ exclusiveMinimum: 0, maximum: 2000, description: 'Radius in kilometres, (0, 2000]' }),
  },
  { additionalProperties: false },
);

/**
 * Who to reach is described as a union of places: whole countries (ISO 3166-1 alpha-2), admin-1 regions
 * (ISO 3166-2), circles and GeoJSON polygons. At least one place must be given.
 */
export const AreaSchema = Type.Object(
  {
    countries: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Z]{2}$' }), { maxItems: 300 })),
    regions: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Z]{2}-[A-Z0-9]{1,3}$' }), { maxItems: 2000 })),
    circles: Type.Optional(Type.Array(CircleSchema, { maxItems: 100 })),
    polygons: Type.Optional(Type.Array(Type.Union([PolygonSchema, MultiPolygonSchema]), { maxItems: 100 })),
  },
  { additionalProperties: false },
);

/** The question the alert composer and check-ins ask: who is in this area at this time. */
export const TargetingQuerySchema = Type.Object(
  {
    area: AreaSchema,
    at: Type.String({ format: 'date-time', description: 'The moment asked about; presences are by UTC date' }),
  },
  { additionalProperties: false },
);

export type Area = Static<typeof AreaSchema>;
export type Circle = Static<typeof CircleSchema>;
export type PolygonGeometry = Static<typeof PolygonSchema> | Static<typeof MultiPolygonSchema>;
export type TargetingQuery = Static<typeof TargetingQuerySchema>;
