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
