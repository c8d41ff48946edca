import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFINITIONS_DIR,
  DefinitionFileError,
  readDefinitionFiles,
  validateDefinition,
} from './services.definitions.ts';

const shipped = () => JSON.parse(readFileSync(path.join(DEFINITIONS_DIR, 'passport_renewal.json'), 'utf8'));

describe('service definitions', () => {
  let dir: string | null = null;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  function folderWith(files: Record<string, unknown>): string {
    dir = mkdtempSync(path.join(tmpdir(), 'hw-services-'));
    for (const [name, value] of Object.entries(files)) {
      writeFileSync(path.join(dir, name), typeof value === 'string' ? value : JSON.stringify(value));
    }
    return dir;
  }

  it('ships at least six real services, each valid', () => {
    const definitions = readDefinitionFiles();
    expect(definitions.map((d) => d.id)).toEqual(
      expect.arrayContaining([
        'passport_renewal',
        'emergency_travel_document',
        'life_certificate',
        'birth_registration',
        'notarisation_legalisation',
        'visa',
      ]),
    );
    const passport = definitions.find((d) => d.id === 'passport_renewal');
    expect(passport?.fields.find((f) => f.id === 'photo')).toMatchObject({ type: 'file', required: true });
  });

  it('refuses a bad file with an error naming the file and the field', () => {
    const bad = shipped();
    bad.fields[6].maxBytes = 50 * 1024 * 1024;
    const folder = folderWith({ 'passport_renewal.json': bad });
    expect(() => readDefinitionFiles(folder)).toThrow(DefinitionFileError);
    expect(() => readDefinitionFiles(folder)).toThrow(
      /passport_renewal\.json: \/fields\/6\/maxBytes must be <= 10485760/,
    );
  });

  it('names a missing field, an unknown field, a repeated id and bad JSON', () => {
    const missing = shipped();
    delete missing.fee;
    expect(validateDefinition(missing)).toEqual({ ok: false, problems: [{ field: '/fee', message: 'is required' }] });

    const unknown = shipped();
    unknown.fields[0].colour = 'red';
    expect(validateDefinition(unknown)).toEqual({
      ok: false,
      problems: [{ field: '/fields/0/colour', message: 'is not an accepted field' }],
    });

    const twice = shipped();
    twice.fields[2].id = 'family_name';
    expect(validateDefinition(twice)).toEqual({
      ok: false,
      problems: [{ field: '/fields/2/id', message: 'repeats the id "family_name"' }],
    });

    const pixels = shipped();
    pixels.fields[6].pixels.minWidth = 5000;
    expect(validateDefinition(pixels)).toMatchObject({ ok: false, problems: [{ field: '/fields/6/pixels/minWidth' }] });

    const folder = folderWith({ 'visa.json': '{ "id": "visa", ' });
    expect(() => readDefinitionFiles(folder)).toThrow(/visa\.json: \/ is not valid JSON/);
  });

  it('refuses a field of an unknown type and a file whose id does not match its name', () => {
    const odd = shipped();
    odd.fields[1].type = 'signature';
    const result = validateDefinition(odd);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]?.field).toBe('/fields/1/type');

    const folder = folderWith({ 'passport.json': shipped() });
    expect(() => readDefinitionFiles(folder)).toThrow(/passport\.json: \/id must match the file name/);
  });
});
