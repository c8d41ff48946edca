import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CapAlert, CapError, emitCap, parseCap } from '../src/index.ts';
import { BASE_ALERT } from './alert-xml.ts';
import { capAlert } from './cap.arbitrary.ts';
import { validateWithXmllint, xmllintSkipReason } from './xmllint.ts';

/** parseCap may return or throw CapError; anything else, or a slow answer, fails the property. */
function parsesSafely(input: Uint8Array | string): void {
  const started = performance.now();
  try {
    parseCap(input);
  } catch (e) {
    if (!(e instanceof CapError)) throw e;
    expect(e.message).not.toContain('\n');
  }
  expect(performance.now() - started).toBeLessThan(2000);
}

describe('parseCap on arbitrary input', () => {
  it('never throws anything but CapError for random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 4096 }), parsesSafely), { numRuns: 300 });
  });

  it('never throws anything but CapError for random strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), parsesSafely), { numRuns: 300 });
  });

  it('never throws anything but CapError for a valid alert with a random splice', () => {
    const splice = fc.tuple(
      fc.nat({ max: BASE_ALERT.length }),
      fc.nat({ max: 40 }),
      fc.oneof(
        fc.string({ maxLength: 20 }),
        fc.constantFrom('<', '&', ']]>', '<!DOCTYPE', '<!--', '<?', '"', '\uFFFE'),
      ),
    );
    fc.assert(
      fc.property(splice, ([at, cut, insert]) =>
        parsesSafely(BASE_ALERT.slice(0, at) + insert + BASE_ALERT.slice(at + cut)),
      ),
      { numRuns: 500 },
    );
  });
});

describe('emitCap on generated alerts', () => {
  it('round-trips: parse(emit(alert)) gives the alert back', () => {
    fc.assert(
      fc.property(capAlert, (alert) => {
        expect(parseCap(emitCap(alert))).toEqual([alert]);
      }),
      { numRuns: 300 },
    );
  });

  const skip = xmllintSkipReason();
  it.skipIf(skip !== undefined)(
    `emits documents that validate against the XSD${skip ? ` (skipped: ${skip})` : ''}`,
    () => {
      const alerts: CapAlert[] = fc.sample(capAlert, { numRuns: 60, seed: 42 });
      const problems = validateWithXmllint(alerts.map((a, i) => ({ name: `generated-${i}`, xml: emitCap(a) })));
      expect(problems).toBe('');
    },
  );
});
