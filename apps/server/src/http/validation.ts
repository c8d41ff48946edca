import { Ajv } from 'ajv';
import formats from 'ajv-formats';

// ajv-formats is CommonJS: its default export arrives wrapped under NodeNext resolution.
const addFormats = formats as unknown as (ajv: Ajv) => Ajv;

import type { FastifySchemaCompiler } from 'fastify';

// Bodies are validated strictly: no type coercion, no silent removal of unknown fields (they are 400s).
// Query strings and params arrive as text, so only they are coerced to the declared types.
function makeAjv(coerce: boolean) {
  const ajv = new Ajv({ allErrors: true, coerceTypes: coerce ? 'array' : false, useDefaults: true, strict: false });
  addFormats(ajv);
  return ajv;
}

const strict = makeAjv(false);
const coercing = makeAjv(true);

export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? strict : coercing).compile(schema);
