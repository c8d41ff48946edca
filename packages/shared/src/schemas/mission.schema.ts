import { type Static, Type } from '@sinclair/typebox';
import { LocalizedTextSchema } from './meta.schema.ts';

export const MissionKindSchema = Type.Union([Type.Literal('embassy'), Type.Literal('consulate_general')]);

/** A diplomatic mission abroad and the consular district (领区) it serves. */
export const MissionSchema = Type.Object({
  code: Type.String(),
  kind: MissionKindSchema,
  name: LocalizedTextSchema,
  city: LocalizedTextSchema,
  countryCode: Type.String(),
  timezone: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()], { description: 'Duty phone in E.164, for tel: links' }),
  phoneDisplay: Type.Union([Type.String(), Type.Null()], { description: 'The same number as people write it' }),
  location: Type.Union([Type.Object({ lat: Type.Number(), lon: Type.Number() }), Type.Null()]),
  jurisdiction: Type.Object({
    countries: Type.Array(Type.String()),
    regions: Type.Array(Type.String()),
  }),
});
export type Mission = Static<typeof MissionSchema>;

export function pageSchema<T extends ReturnType<typeof Type.Object>>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    total: Type.Integer({ minimum: 0 }),
    page: Type.Integer({ minimum: 1 }),
    pageSize: Type.Integer({ minimum: 1 }),
  });
}

export const MissionPageSchema = pageSchema(MissionSchema);
export type MissionPage = Static<typeof MissionPageSchema>;

/**
 * What HQ sends to create or change a mission (PUT /missions/:code). The server checks what a schema cannot:
 * the time zone, the phone number, the country and region codes and that no other mission claims them.
 */
export const MissionBodySchema = Type.Object(
  {
    kind: MissionKindSchema,
    name: Type.Object(
      { 'zh-CN': Type.String({ minLength: 1, maxLength: 200 }), en: Type.String({ minLength: 1, maxLength: 200 }) },
      { additionalProperties: false },
    ),
    city: Type.Object(
      { 'zh-CN': Type.String({ minLength: 1, maxLength: 100 }), en: Type.String({ minLength: 1, maxLength: 100 }) },
      { additionalProperties: false },
    ),
    countryCode: Type.String({ pattern: '^[A-Za-z]{2}$', description: 'ISO 3166-1 alpha-2 of the host country' }),
    timezone: Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone, e.g. America/New_York' }),
    phone: Type.Union([Type.String({ minLength: 1, maxLength: 40 }), Type.Null()], {
      description: 'Duty phone in any format; stored in E.164',
    }),
    location: Type.Union([
      Type.Object(
        { lat: Type.Number({ minimum: -90, maximum: 90 }), lon: Type.Number({ minimum: -180, maximum: 180 }) },
        { additionalProperties: false },
      ),
      Type.Null(),
    ]),
    jurisdiction: Type.Object(
      {
        countries: Type.Array(Type.String({ minLength: 1, maxLength: 10 }), { maxItems: 300 }),
        regions: Type.Array(Type.String({ minLength: 1, maxLength: 10 }), { maxItems: 500 }),
      },
      { additionalProperties: false },
    ),
    reason: Type.String({ minLength: 1, maxLength: 1000 }),
  },
  { additionalProperties: false },
);
export type MissionBody = Static<typeof MissionBodySchema>;
