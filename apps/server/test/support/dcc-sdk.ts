import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * PathCheck's @pathcheck/dcc-sdk (GPL-3.0, test and benchmark only), an independent EU DCC implementation with its
 * own CBOR, COSE and Base45 code. On Node 20 its CommonJS entry fails to load (the `esm` loader cannot read a newer
 * dependency), so its ES module sources are copied next to it with `"type": "module"` and explicit `.js`
 * extensions, and imported from there (its own node_modules still resolve). For a key id it does not know it
 * downloads PathCheck's online registry, so callers put the signer certificates in its cache first.
 */
export interface DccSdk {
  addCachedCerts(certs: Record<string, string>): void;
  unpackAndVerify(uri: string): Promise<{ status: string; contents?: Map<number, unknown> }>;
}

export async function loadDccSdk(): Promise<{ sdk: DccSdk; dispose(): void }> {
  const root = path.dirname(createRequire(import.meta.url).resolve('@pathcheck/dcc-sdk/package.json'));
  const dir = mkdtempSync(path.join(root, 'homeward-esm-'));
  try {
    cpSync(path.join(root, 'lib'), dir, { recursive: true });
    writeFileSync(path.join(dir, 'package.json'), '{"type":"module"}');
    const files = (folder: string): string[] =>
      readdirSync(folder).flatMap((name) => {
        const file = path.join(folder, name);
        return statSync(file).isDirectory() ? files(file) : [file];
      });
    for (const file of files(dir).filter((f) => f.endsWith('.js'))) {
      const source = readFileSync(file, 'utf8').replace(/from '(\.\.?\/[^']+?)(?<!\.js)'/g, "from '$1.js'");
      writeFileSync(file, source);
    }
    // The module is typed by the interface above: it ships no types.
    const sdk = (await import(pathToFileURL(path.join(dir, 'dcc.js')).href)) as DccSdk;
    return { sdk, dispose: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
