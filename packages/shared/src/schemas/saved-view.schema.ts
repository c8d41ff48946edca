import { type Static, Type } from '@sinclair/typebox';

/** The lists a view can be saved for (today the case list). */
export const SavedViewAreaSchema = Type.Union([Type.Literal('cases')]);
export type SavedViewArea = Static<typeof SavedViewAreaSchema>;

/**
 * The list's query parameters as the list page keeps them in its address (e.g. `{ status: 'waiting', q: '护照' }`).
 * Kept as given: the list route validates them again when the view is opened, so a view saved before a filter
 * was renamed shows a clear error instead of silently different results.
 */
export const SavedViewFiltersSchema = Type.Record(
  Type.String({ pattern: '^[A-Za-z][A-Za-z0-9]{0,39}$' }),
  Type.Union([Type.String({ maxLength: 200 }), Type.Array(Type.String({ maxLength: 200 }), { maxItems: 20 })]),
  { maxProperties: 20, additionalProperties: false },
);
export type SavedViewFilters = Static<typeof SavedViewFiltersSchema>;

export const SavedViewSchema = Type.Object({
  id: Type.String(),
  area: SavedViewAreaSchema,
  name: Type.String(),
  filters: SavedViewFiltersSchema,
  createdAt: Type.String({ format: 'date-time' }),
});
export type SavedView = Static<typeof SavedViewSchema>;

export const SavedViewBodySchema = Type.Object(
  {
    area: SavedViewAreaSchema,
    name: Type.String({ minLength: 1, maxLength: 80, pattern: '\\S' }),
    filters: SavedViewFiltersSchema,
  },
  { additionalProperties: false },
);
export type SavedViewBody = Static<typeof SavedViewBodySchema>;

/** A user's views of one list, newest first. */
export const SavedViewListSchema = Type.Object({ items: Type.Array(SavedViewSchema) });
export type SavedViewList = Static<typeof SavedViewListSchema>;

/** At most this many views per person and list. */
export const MAX_SAVED_VIEWS = 50;
