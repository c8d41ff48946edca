import { type Static, Type } from '@sinclair/typebox';

export const LocalizedTextSchema = Type.Object(
  { 'zh-CN': Type.String(), en: Type.String() },
  { additionalProperties: false },
);

/** What every client needs before its first screen: who runs this service and how to call for help. */
export const MetaSchema = Type.Object({
  sendingState: Type.Object({
    code: Type.String({ description: 'ISO 3166-1 alpha-2 of the sending state' }),
    name: LocalizedTextSchema,
    ministry: LocalizedTextSchema,
  }),
  hotline: Type.Object({
    e164: Type.String({ description: 'Hotline in E.164, for tel: links' }),
    display: Type.String({ description: 'Hotline as people write it' }),
    spareE164: Type.Optional(Type.String()),
    spareDisplay: Type.Optional(Type.String()),
    guidance: Type.Optional(LocalizedTextSchema),
  }),
  locales: Type.Array(Type.String()),
  version: Type.String(),
});
export type Meta = Static<typeof MetaSchema>;

export const CountrySchema = Type.Object({ code: Type.String(), name: LocalizedTextSchema });
export type Country = Static<typeof CountrySchema>;
