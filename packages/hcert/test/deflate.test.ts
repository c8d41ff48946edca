import { readdirSync, readFileSync, statSync } from 'node:fs';
import { deflateSync, inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inflateZlib } from '../src/compression.ts';
import { buildLengths, deflateSmall } from '../src/deflate.ts';

const FIXTURES = new URL('./fixtures/dcc/', import.meta.url).pathname;

function* testFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = `${dir}/${name}`;
    if (statSync(path).isDirectory()) yield* testFiles(path);
    else if (name.endsWith('.json')) yield path;
  }
}

/** The COSE_Sign1 of every EU test file that has one, once each. */
function euCoses(): Buffer[] {
  const seen = new Set<string>();
  const coses: Buffer[] = [];
  for (const path of testFiles(FIXTURES)) {
    let hex: unknown;
    try {
      hex = JSON.parse(readFileSync(path, 'utf8')).COSE;
    } catch {
      continue;
    }
    if (typeof hex !== 'string' || hex.length === 0 || seen.has(hex)) continue;
    seen.add(hex);
    coses.push(Buffer.from(hex, 'hex'));
  }
  return coses;
}

/** The cost of an optimal prefix code for the frequencies (Huffman's merging, the slow and obvious way). */
function huffmanCost(frequencies: number[]): number {
  const queue = frequencies.filter((f) => f > 0).sort((a, b) => a - b);
  let cost = 0;
  while (queue.length > 1) {
    const merged = (queue.shift() ?? 0) + (queue.shift() ?? 0);
    cost += merged;
    let at = 0;
    while (at < queue.length && (queue[at] ?? 0) < merged) at++;
    queue.splice(at, 0, merged);
  }
  return cost;
}

describe('the small-input deflate', () => {
  it('compresses every COSE of the EU test set to what zlib inflates, no larger in total than zlib level 9', () => {
    const coses = euCoses();
    expect(coses.length).toBeGreaterThan(400);
    let ours = 0;
    let zlib = 0;
    for (const cose of coses) {
      const out = deflateSmall(cose);
      const reference = deflateSync(cose, { level: 9 });
      expect(inflateSync(out)).toEqual(cose);
      expect(inflateZlib(out)).toEqual(new Uint8Array(cose));
      expect(out.length).toBeLessThanOrEqual(reference.length + 2);
      ours += out.length;
      zlib += reference.length;
    }
    expect(ours).toBeLessThanOrEqual(zlib);
  });

  it('round-trips repetitive, random and empty inputs, one call after another (tables kept between calls)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 16_384 }),
          fc
            .tuple(fc.integer({ min: 1, max: 256 }), fc.integer({ min: 0, max: 16_384 }), fc.double({ min: 0, max: 1 }))
            .map(([alphabet, length, repeat]) => {
              const bytes = new Uint8Array(length);
              for (let i = 0; i < length; i++) {
                bytes[i] =
                  i > 40 && (i * 7919) % 100 < repeat * 100
                    ? (bytes[i - 1 - ((i * 31) % 40)] ?? 0)
                    : (i * 2654435761) % alphabet;
              }
              return bytes;
            }),
        ),
        (bytes) => {
          expect(new Uint8Array(inflateSync(deflateSmall(bytes)))).toEqual(bytes);
        },
      ),
      { numRuns: 200 },
    );
    expect(new Uint8Array(inflateSync(deflateSmall(new Uint8Array(0))))).toEqual(new Uint8Array(0));
    // The tables' offset wraps after about 65,000 calls: streams before and after must both be right.
    const text = new TextEncoder().encode('URN:UVCI:01:CN:HWBENCH00000001#A URN:UVCI:01:CN:HWBENCH00000002#A');
    for (let call = 0; call < 70_000; call++) {
      const out = deflateSmall(text);
      if (call % 5000 === 0) expect(new Uint8Array(inflateSync(out))).toEqual(text);
    }
    expect(() => deflateSmall(new Uint8Array(16_385))).toThrow(RangeError);
  });

  it('builds optimal code lengths, and complete ones within the length limit when the optimum is too deep', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 5000 }), { minLength: 2, maxLength: 286 }), (frequencies) => {
        const lengths = new Uint8Array(frequencies.length);
        buildLengths(Int32Array.from(frequencies), frequencies.length, 15, lengths);
        const used = frequencies.filter((f) => f > 0).length;
        let kraft = 0;
        let cost = 0;
        frequencies.forEach((f, s) => {
          const length = lengths[s] ?? 0;
          if (f > 0) expect(length).toBeGreaterThan(0);
          if (length > 0) kraft += 2 ** -length;
          cost += f * length;
        });
        expect(kraft).toBeLessThanOrEqual(1);
        if (used >= 2) {
          expect(kraft).toBe(1);
          expect(cost).toBe(huffmanCost(frequencies));
        }
      }),
      { numRuns: 300 },
    );
    // Fibonacci frequencies make an optimal code 24 bits deep: the limit of 15 must hold and the code stay complete.
    const fibonacci = [1, 1];
    while (fibonacci.length < 25) fibonacci.push((fibonacci.at(-1) ?? 0) + (fibonacci.at(-2) ?? 0));
    const lengths = new Uint8Array(25);
    buildLengths(Int32Array.from(fibonacci), 25, 15, lengths);
    expect(Math.max(...lengths)).toBe(15);
    expect([...lengths].reduce((sum, length) => sum + 2 ** -length, 0)).toBe(1);
  });
});
