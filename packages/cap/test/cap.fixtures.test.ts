import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type CapAlert, CapError, emitCap, parseCap } from '../src/index.ts';
import { validateWithXmllint, xmllintSkipReason } from './xmllint.ts';

// The public CAP corpus (see fixtures/SOURCES.md): 23 real alerts that must parse and round-trip, and the
// `neg-*` files a strict consumer must refuse.
const dir = new URL('./fixtures/alerts/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.xml'));
const valid = files.filter((f) => !f.startsWith('neg-'));
const negative = files.filter((f) => f.startsWith('neg-'));
const read = (f: string): Uint8Array => readFileSync(new URL(f, dir));

/** The signature is recorded but never re-emitted, so round trips compare everything else. */
const unsigned = (a: CapAlert): CapAlert => ({ ...a, signed: false });

describe('CAP fixtures', () => {
  it('has the whole corpus', () => {
    expect(valid).toHaveLength(23);
    expect(negative).toHaveLength(2);
  });

  it.each(valid)('%s parses, and parse → emit → parse gives the same JSON', (file) => {
    const alerts = parseCap(read(file));
    expect(alerts.length).toBeGreaterThan(0);
    for (const alert of alerts) {
      const again = parseCap(emitCap(alert));
      expect(again).toHaveLength(1);
      expect(unsigned(again[0] as CapAlert)).toEqual(unsigned(alert));
    }
  });

  it.each([
    ['neg-invalid-minimal.xml', 'schema', /missing the required element <scope>/],
    ['neg-tw-wra-wrong-xmlns.xml', 'not-cap', /not the CAP 1.2 namespace/],
  ])('%s is rejected', (file, code, message) => {
    const error = catchError(() => parseCap(read(file)));
    expect(error).toBeInstanceOf(CapError);
    expect(error).toMatchObject({ code });
    expect((error as Error).message).toMatch(message);
  });

  it('records XML signatures and reads the shapes the corpus is known for', () => {
    const signed = valid.filter((f) => parseCap(read(f)).some((a) => a.signed));
    expect(signed.sort()).toEqual([
      'ca-ec-weather-signed.xml',
      'ca-eccc-cwvr-2022.xml',
      'ca-naad-alert.xml',
      'ph-pagasa-warning.xml',
      'sc-sma-strong-winds.xml',
      'us-ipaws-5e6dd964.xml',
      'us-ipaws-5e6dd9de-nv.xml',
      'us-ipaws-5e6ddbad-fema.xml',
      'us-ipaws-5e7e0fc5.xml',
    ]);
    const [quake] = parseCap(read('spec-a3-earthquake.xml'));
    expect(quake?.msgType).toBe('Update');
    expect(quake?.references).toEqual([
      { sender: 'trinet@caltech.edu', identifier: 'TRI13970876.1', sent: '2003-06-11T20:30:00-07:00' },
    ]);
    expect(quake?.info[0]?.area[0]?.circle).toEqual(['32.9525,-115.5527 0']);
    const [cancel] = parseCap(read('us-ipaws-5e6dd9de-nv.xml'));
    expect(cancel).toMatchObject({ msgType: 'Cancel', info: [] });
    const [nws] = parseCap(read('us-nws-multiple-polygons.xml'));
    expect(nws?.info[0]?.area[0]?.polygon).toHaveLength(2);
    const [amber] = parseCap(read('spec-a4-amber-alert.xml'));
    expect(amber?.info.map((i) => i.language)).toEqual(['en-US', 'es-US']);
  });

  const skip = xmllintSkipReason();
  it.skipIf(skip !== undefined)(
    `every emitted document validates against CAP-v1.2.xsd${skip ? ` (skipped: ${skip})` : ''}`,
    () => {
      const docs = valid.flatMap((file) => parseCap(read(file)).map((alert) => ({ name: file, xml: emitCap(alert) })));
      expect(docs.length).toBe(23);
      expect(validateWithXmllint(docs)).toBe('');
    },
  );

  it.skipIf(skip !== undefined)(
    `the xmllint check itself catches an invalid document${skip ? ` (skipped: ${skip})` : ''}`,
    () => {
      const xml = new TextDecoder().decode(read('neg-invalid-minimal.xml'));
      expect(validateWithXmllint([{ name: 'neg', xml }])).toMatch(/fails to validate/);
    },
  );
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}
