import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const XSD_PATH = new URL('./fixtures/CAP-v1.2.xsd', import.meta.url).pathname;

/** Why the xmllint test cannot run here, or undefined when it can. CI sets HOMEWARD_REQUIRE_XMLLINT=1. */
export function xmllintSkipReason(): string | undefined {
  const found = spawnSync('xmllint', ['--version'], { stdio: 'ignore' }).status === 0;
  if (found) return undefined;
  if (process.env.HOMEWARD_REQUIRE_XMLLINT === '1') {
    throw new Error('xmllint is required (HOMEWARD_REQUIRE_XMLLINT=1) but was not found; install libxml2-utils');
  }
  return 'xmllint not installed (apt-get install libxml2-utils); set HOMEWARD_REQUIRE_XMLLINT=1 to require it';
}

/** Validates documents against the OASIS XSD with --nonet; returns xmllint's complaints, empty when all pass. */
export function validateWithXmllint(docs: ReadonlyArray<{ name: string; xml: string }>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cap-xmllint-'));
  try {
    const files = docs.map(({ name, xml }, i) => {
      const file = join(dir, `${i}-${name.replace(/[^\w.-]/g, '_')}.xml`);
      writeFileSync(file, xml);
      return file;
    });
    try {
      execFileSync('xmllint', ['--noout', '--nonet', '--schema', XSD_PATH, ...files], { stdio: 'pipe' });
      return '';
    } catch (e) {
      const stderr = e instanceof Error && 'stderr' in e ? String(e.stderr) : String(e);
      return stderr
        .split('\n')
        .filter((line) => line && !line.endsWith(' validates'))
        .join('\n');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
