import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HcertError } from './errors.ts';
import type { SchemaSet } from './schema.ts';

/**
 * Loads DCC schemas from a directory laid out like the published releases: one folder per version holding a
 * `*combined-schema.json`. Node only. Throws HcertError('input') when the directory holds none.
 */
export function loadSchemaDir(dir: string): SchemaSet {
  const schemas = new Map<string, object>();
  let versions: string[];
  try {
    versions = readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
  } catch {
    throw new HcertError('input', `schema dir: cannot read ${dir}`);
  }
  for (const version of versions) {
    const file = readdirSync(join(dir, version)).find((name) => name.endsWith('combined-schema.json'));
    if (!file) continue;
    try {
      schemas.set(version, JSON.parse(readFileSync(join(dir, version, file), 'utf8')));
    } catch {
      throw new HcertError('input', `schema dir: ${join(version, file)} is not JSON`);
    }
  }
  if (schemas.size === 0) throw new HcertError('input', `schema dir: no */*combined-schema.json under ${dir}`);
  return schemas;
}
