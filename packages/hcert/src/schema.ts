import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { BUNDLED_SCHEMAS } from './schema.bundled.ts';

/** DCC JSON schemas by version ("1.3.0" → schema object). */
export type SchemaSet = ReadonlyMap<string, object>;

/** The version whose schema judges a payload whose own `ver` has none. */
export const FALLBACK_SCHEMA_VERSION = '1.3.0';

export interface SchemaVerdict {
  valid: boolean;
  version: string;
  errors: string[];
}

// ajv-formats is CommonJS; under NodeNext its default import is the module object with a `default` inside.
const addFormats: (ajv: Ajv2020) => unknown =
  'default' in addFormatsModule && typeof addFormatsModule.default === 'function'
    ? addFormatsModule.default
    : (addFormatsModule as unknown as (ajv: Ajv2020) => unknown); // boundary: CJS/ESM interop shape

const compiled = new WeakMap<object, ValidateFunction>();

function validatorFor(schema: object): ValidateFunction {
  const cached = compiled.get(schema);
  if (cached) return cached;
  // strict: false because the published schemas carry annotations (e.g. "valueset-uri") ajv does not know.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  compiled.set(schema, validate);
  return validate;
}

/** Picks the schema for a payload's `ver`, falling back to 1.3.0. */
export function schemaVersionFor(payload: unknown, schemas: SchemaSet = BUNDLED_SCHEMAS): string {
  const ver = typeof payload === 'object' && payload !== null && 'ver' in payload ? payload.ver : undefined;
  return typeof ver === 'string' && schemas.has(ver) ? ver : FALLBACK_SCHEMA_VERSION;
}

/** Validates a DCC payload against the JSON schema of its version. */
export function validateDccSchema(payload: unknown, schemas: SchemaSet = BUNDLED_SCHEMAS): SchemaVerdict {
  const version = schemaVersionFor(payload, schemas);
  const schema = schemas.get(version);
  if (!schema) return { valid: false, version, errors: [`no schema for version ${version}`] };
  const validate = validatorFor(schema);
  if (validate(payload)) return { valid: true, version, errors: [] };
  const errors = (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? 'invalid'}`);
  return { valid: false, version, errors };
}
