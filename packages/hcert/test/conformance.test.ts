import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type HcertBackend, judgeTestFile, TEST_STEPS, type TestStep, webBackend } from '../src/index.ts';
import { nodeBackend } from '../src/node.ts';

const root = new URL('./fixtures/dcc/', import.meta.url);
const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.json'))
  .map((name) => name.split('\\').join('/'))
  .sort();

/** Defects in the public data, named in shared/testdata/README.md: not scored. */
function isKnownDefect(file: string, step: TestStep): boolean {
  if (file.startsWith('NL/') && (step === 'SCHEMAVALIDATION' || step === 'VALIDOBJECT')) return true;
  return file === 'FR/2DCode/raw/test_pcr_ok.json' && (step === 'DECODE' || step === 'VALIDJSON');
}

// Both backends judge the whole set: the browser's (WebCrypto, fflate) and the server's (node:crypto, node:zlib).
const backends: [string, HcertBackend][] = [
  ['webBackend', webBackend],
  ['nodeBackend', nodeBackend],
];

describe.each(backends)('EU DCC test vectors (%s)', (_name, backend) => {
  it('judges every expected flag of the public set as the data expects', async () => {
    const mismatches: string[] = [];
    const unjudged: string[] = [];
    let matched = 0;
    for (const file of files) {
      const data = JSON.parse(readFileSync(new URL(file, root), 'utf8'));
      const verdict = await judgeTestFile(data, { name: file, backend });
      const expected: Record<string, unknown> = data.EXPECTEDRESULTS ?? {};
      for (const step of TEST_STEPS) {
        const flag = expected[`EXPECTED${step}`];
        if (typeof flag !== 'boolean' || isKnownDefect(file, step)) continue;
        const got = verdict.steps[step];
        if (got === null) unjudged.push(`${file} ${step}: ${verdict.reasons[step] ?? ''}`);
        else if (got === flag) matched++;
        else mismatches.push(`${file} ${step}: expected ${flag}, got ${got} (${verdict.reasons[step] ?? ''})`);
      }
    }
    expect(mismatches).toEqual([]);
    // The only flags left unjudged are PICTUREDECODE in files that carry no 2DCODE picture.
    expect(unjudged.filter((line) => !line.includes('PICTUREDECODE: no input: 2DCODE'))).toEqual([]);
    expect(matched).toBeGreaterThan(3800);
    expect(files.length).toBeGreaterThan(440);
  }, 120_000);
});
