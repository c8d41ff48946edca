import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoFromEpochSeconds } from '../src/clock.ts';

const viaDate = (seconds: number) => new Date(seconds * 1000).toISOString();

describe('isoFromEpochSeconds', () => {
  it('writes what Date.prototype.toISOString writes, over the whole four-digit range and beyond it', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_167_219_200 - 86_400 * 800, max: 253_402_300_800 + 86_400 * 800 }), (s) => {
        expect(isoFromEpochSeconds(s)).toBe(viaDate(s));
      }),
      { numRuns: 20_000 },
    );
  });

  it.each([
    0, -1, 59, 60, 86_399, 86_400, 951_782_400, 951_868_800, 4_107_542_400, 1_709_164_800, -62_167_219_200,
    -62_167_219_201, 253_402_300_799, 253_402_300_800, -2_208_988_800, 1.5, -0.25,
  ])('writes %d seconds as Date does (epoch, leap days, century years, the range ends, fractions)', (s) => {
    expect(isoFromEpochSeconds(s)).toBe(viaDate(s));
  });

  it('writes every day of 1999–2101 as Date does', () => {
    for (let s = Date.UTC(1999, 0, 1) / 1000; s < Date.UTC(2102, 0, 1) / 1000; s += 86_400 - 1) {
      expect(isoFromEpochSeconds(s)).toBe(viaDate(s));
    }
  });
});
