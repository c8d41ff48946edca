import type { Compilable, CompiledQuery } from 'kysely';
import { dialectOf } from '../../db/dialect/dialect.ts';
import type { Db } from '../../db/schema.ts';

// Kysely builds, transforms (CamelCasePlugin) and compiles a query afresh on every call: for the intake's two
// hot statements that was about as much CPU as SQLite running them (decision 0018). Here a statement is built
// once per engine and shape with named slots in place of its values, and each call only fills the slots.
// Only for statements that cannot change what a session resolves to: the session cache's watch sees a query
// when it is compiled (modules/auth/session-cache.ts).

const SLOT = '\u0000slot:';

/** A placeholder for a value filled in at each call; its name is the key in `values`. */
export function slot(name: string): string {
  return `${SLOT}${name}`;
}

export interface Template<R> {
  compiled: CompiledQuery<R>;
  /** Per parameter: the slot it takes its value from, or null for a value fixed in the statement. */
  slots: readonly (string | null)[];
}

const templates = new Map<string, Template<unknown>>();

/**
 * The statement `build` makes, compiled once per engine and `shape` (a name that changes whenever the SQL text
 * would, e.g. the number of rows of a multi-row insert).
 */
export function templateOf<R>(db: Db, shape: string, build: () => Compilable<R>): Template<R> {
  const key = `${dialectOf(db).name}:${shape}`;
  let template = templates.get(key) as Template<R> | undefined;
  if (!template) {
    const compiled = build().compile();
    const slots = compiled.parameters.map((p) =>
      typeof p === 'string' && p.startsWith(SLOT) ? p.slice(SLOT.length) : null,
    );
    template = { compiled, slots };
    templates.set(key, template as Template<unknown>);
  }
  return template;
}

/** The template's statement with `parameters` (one per slot, in order; fixed values are kept). */
export function withParameters<R>(template: Template<R>, fill: (slot: string, index: number) => unknown) {
  const { compiled, slots } = template;
  const parameters = new Array<unknown>(slots.length);
  for (let i = 0; i < slots.length; i++) {
    const name = slots[i];
    parameters[i] = name === null || name === undefined ? compiled.parameters[i] : fill(name, i);
  }
  return { ...compiled, parameters } as CompiledQuery<R>;
}

/** `templateOf` and `withParameters` with the slots filled by name from `values`. */
export function compiledOnce<R>(
  db: Db,
  shape: string,
  build: () => Compilable<R>,
  values: Record<string, unknown>,
): CompiledQuery<R> {
  return withParameters(templateOf(db, shape, build), (name) => {
    if (!(name in values)) throw new Error(`no value for slot ${name} of ${shape}`);
    return values[name];
  });
}
