import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DateFieldSchema,
  FileFieldSchema,
  SelectFieldSchema,
  type ServiceDefinition,
  ServiceDefinitionSchema,
  TextFieldSchema,
} from '@homeward/shared';
import { type TSchema, Type } from '@sinclair/typebox';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

/** The service definitions shipped with Homeward, one JSON file per service. */
export const DEFINITIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'definitions');

/** One complaint about a definition: the JSON Pointer of the field and what is wrong with it. */
export interface DefinitionProblem {
  field: string;
  message: string;
}

/** A definition file that cannot be loaded: startup stops with this message, which names the file and field. */
export class DefinitionFileError extends Error {
  override name = 'DefinitionFileError';
  constructor(
    readonly file: string,
    readonly problems: DefinitionProblem[],
  ) {
    super(`service definition ${file}: ${problems.map((p) => `${p.field || '/'} ${p.message}`).join('; ')}`);
  }
}

const ajv = new Ajv({ allErrors: true, strict: false });

// The form fields are a union by `type`; checking each field against the schema of its own type gives one
// precise complaint ("/fields/3/maxBytes must be <= 10485760") instead of one per union branch.
const FIELD_SCHEMAS: Record<string, TSchema> = {
  text: TextFieldSchema,
  date: DateFieldSchema,
  select: SelectFieldSchema,
  file: FileFieldSchema,
};
const FIELD_TYPES = ['text', 'date', 'select', 'country', 'phone', 'email', 'file'] as const;
const fieldValidators = new Map<string, ValidateFunction>();
function fieldValidator(type: string): ValidateFunction {
  let validate = fieldValidators.get(type);
  if (!validate) {
    const simple = Type.Object(
      {
        id: TextFieldSchema.properties.id,
        type: Type.Literal(type),
        label: TextFieldSchema.properties.label,
        hint: TextFieldSchema.properties.hint,
        required: Type.Boolean(),
      },
      { additionalProperties: false },
    );
    validate = ajv.compile(FIELD_SCHEMAS[type] ?? simple);
    fieldValidators.set(type, validate);
  }
  return validate;
}

const outline = ajv.compile(
  Type.Composite([
    Type.Omit(ServiceDefinitionSchema, ['fields']),
    Type.Object({
      fields: Type.Array(Type.Object({ type: Type.Union(FIELD_TYPES.map((t) => Type.Literal(t))) }), {
        minItems: 1,
        maxItems: 60,
      }),
    }),
  ]),
);

function describe(errors: ErrorObject[] | null | undefined, prefix = ''): DefinitionProblem[] {
  return (errors ?? []).map((e) => {
    const child =
      e.keyword === 'required'
        ? `/${String(e.params.missingProperty)}`
        : e.keyword === 'additionalProperties'
          ? `/${String(e.params.additionalProperty)}`
          : '';
    const message =
      e.keyword === 'additionalProperties'
        ? 'is not an accepted field'
        : e.keyword === 'required'
          ? 'is required'
          : (e.message ?? 'is not valid');
    return { field: `${prefix}${e.instancePath}${child}`, message };
  });
}

/** Rules a JSON Schema cannot say: unique field ids, ranges the right way round, patterns that compile. */
function checkRules(definition: ServiceDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const seen = new Set<string>();
  if (definition.processingDays.min > definition.processingDays.max) {
    problems.push({ field: '/processingDays/min', message: 'must not be more than max' });
  }
  const { minAge, maxAge } = definition.eligibility;
  if (minAge !== undefined && maxAge !== undefined && minAge > maxAge) {
    problems.push({ field: '/eligibility/minAge', message: 'must not be more than maxAge' });
  }
  if (definition.missions.includes('*') && definition.missions.length > 1) {
    problems.push({ field: '/missions', message: 'is either ["*"] or a list of mission codes' });
  }
  definition.fields.forEach((field, index) => {
    const at = `/fields/${index}`;
    if (seen.has(field.id)) problems.push({ field: `${at}/id`, message: `repeats the id "${field.id}"` });
    seen.add(field.id);
    if (field.type === 'text') {
      if (field.minLength !== undefined && field.maxLength !== undefined && field.minLength > field.maxLength) {
        problems.push({ field: `${at}/minLength`, message: 'must not be more than maxLength' });
      }
      if (field.pattern !== undefined) {
        try {
          new RegExp(field.pattern, 'u');
        } catch {
          problems.push({ field: `${at}/pattern`, message: 'is not a valid regular expression' });
        }
      }
    }
    if (field.type === 'select' && new Set(field.options.map((o) => o.value)).size !== field.options.length) {
      problems.push({ field: `${at}/options`, message: 'repeats a value' });
    }
    if (field.type === 'file' && field.pixels) {
      const p = field.pixels;
      if (p.minWidth > p.maxWidth)
        problems.push({ field: `${at}/pixels/minWidth`, message: 'must not be more than maxWidth' });
      if (p.minHeight > p.maxHeight) {
        problems.push({ field: `${at}/pixels/minHeight`, message: 'must not be more than maxHeight' });
      }
    }
  });
  return problems;
}

/**
 * Checks a definition against `ServiceDefinitionSchema` and the rules beside it. Returns the definition or the
 * list of problems, each naming a field by JSON Pointer (`/fields/2/maxBytes`).
 */
export function validateDefinition(
  value: unknown,
): { ok: true; definition: ServiceDefinition } | { ok: false; problems: DefinitionProblem[] } {
  if (!outline(value)) return { ok: false, problems: describe(outline.errors) };
  const candidate = value as { fields: { type: string }[] }; // the outline check above proved this shape
  const problems = candidate.fields.flatMap((field, index) => {
    const validate = fieldValidator(field.type);
    return validate(field) ? [] : describe(validate.errors, `/fields/${index}`);
  });
  if (problems.length > 0) return { ok: false, problems };
  const definition = value as ServiceDefinition; // every part validated above
  const rules = checkRules(definition);
  return rules.length > 0 ? { ok: false, problems: rules } : { ok: true, definition };
}

/** The JSON text a definition is stored and compared as: keys sorted, so formatting never makes a new version. */
export function canonicalDefinition(definition: ServiceDefinition): string {
  const sort = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sort);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([k, v]) => [k, sort(v)]),
      );
    }
    return value;
  };
  return JSON.stringify(sort(definition));
}

export function definitionDigest(definition: ServiceDefinition): string {
  return createHash('sha256').update(canonicalDefinition(definition)).digest('hex');
}

/**
 * Reads and checks every `*.json` file of a folder. The first bad file stops everything with a
 * DefinitionFileError naming it and its fields: a half-loaded catalogue would be worse than none.
 */
export function readDefinitionFiles(dir: string = DEFINITIONS_DIR): ServiceDefinition[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const definitions: ServiceDefinition[] = [];
  const ids = new Set<string>();
  for (const name of files) {
    const file = path.join(dir, name);
    let value: unknown;
    try {
      value = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new DefinitionFileError(file, [{ field: '', message: `is not valid JSON (${(error as Error).message})` }]);
    }
    const result = validateDefinition(value);
    if (!result.ok) throw new DefinitionFileError(file, result.problems);
    if (`${result.definition.id}.json` !== name) {
      throw new DefinitionFileError(file, [{ field: '/id', message: `must match the file name (${name})` }]);
    }
    if (ids.has(result.definition.id))
      throw new DefinitionFileError(file, [{ field: '/id', message: 'is used twice' }]);
    ids.add(result.definition.id);
    definitions.push(result.definition);
  }
  return definitions;
}
