import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { buildSigner } from '../../../../packages/hcert/test/signer.factory.ts';
import { registerHcertCommands } from './hcert.command.ts';

const fixtures = new URL('../../../../packages/hcert/test/fixtures/dcc/', import.meta.url);
const fixture = (path: string) => new URL(path, fixtures).pathname;

/** Runs `homeward hcert …` in-process; returns what it printed and the exit code it would end with. */
async function run(...args: string[]): Promise<{ out: string; err: string; code: number }> {
  let out = '';
  let err = '';
  const program = new Command('homeward')
    .exitOverride()
    .configureOutput({ writeOut: (text) => (out += text), writeErr: (text) => (err += text) });
  registerHcertCommands(program);
  try {
    await program.parseAsync(['hcert', ...args], { from: 'user' });
    return { out, err, code: typeof process.exitCode === 'number' ? process.exitCode : 0 };
  } catch (error) {
    if (error instanceof CommanderError) return { out, err, code: error.exitCode };
    throw error;
  } finally {
    process.exitCode = undefined;
  }
}

afterEach(() => {
  process.exitCode = undefined;
});

describe('homeward hcert', () => {
  it('verify-testfile prints one JSON verdict line per file', async () => {
    const { out, code } = await run(
      'verify-testfile',
      fixture('common/2DCode/raw/CO5.json'),
      fixture('common/2DCode/raw/B1.json'),
    );
    expect(code).toBe(0);
    const lines = out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ steps: { VERIFY: false, PICTUREDECODE: null }, valid: false });
    expect(lines[1]).toMatchObject({ steps: { UNPREFIX: true, B45DECODE: false } });
    expect(Object.keys(lines[0].steps)).toHaveLength(12);
  });

  it('verify-testfile accepts a schema dir and refuses an unreadable file with exit 2 and one line', async () => {
    const schemaDir = new URL('../../../../packages/hcert/schemas/', import.meta.url).pathname;
    const ok = await run('verify-testfile', '--schema-dir', schemaDir, fixture('common/2DCode/raw/DGC2.json'));
    expect(JSON.parse(ok.out).steps.SCHEMAVALIDATION).toBe(false);
    const missing = await run('verify-testfile', '/nonexistent/file.json');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/cannot read \/nonexistent\/file\.json/);
    expect(missing.err).not.toMatch(/\n\s+at /);
  });

  it('issues with a key and certificate, then verifies against a trust list', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hcert-cli-'));
    const signer = await buildSigner('ES256');
    writeFileSync(join(dir, 'key.pem'), signer.privateKeyPem);
    writeFileSync(join(dir, 'cert.pem'), signer.certificatePem);
    const payload = JSON.parse(readFileSync(fixture('UA/2DCode/raw/1.json'), 'utf8')).JSON;
    writeFileSync(join(dir, 'payload.json'), JSON.stringify(payload));
    writeFileSync(join(dir, 'trust.json'), JSON.stringify([{ certificate: signer.certificatePem }]));
    const issued = await run(
      'issue',
      '--key',
      join(dir, 'key.pem'),
      '--cert',
      join(dir, 'cert.pem'),
      '--issuer',
      'UA',
      '--issued-at',
      '2022-01-01T00:00:00Z',
      '--expires-at',
      '2022-06-01T00:00:00Z',
      join(dir, 'payload.json'),
    );
    expect(issued.code).toBe(0);
    const text = issued.out.trim();
    expect(text).toMatch(/^HC1:/);
    const valid = await run('verify', '--trust-list', join(dir, 'trust.json'), '--at', '2022-02-01T00:00:00', text);
    expect(valid.code).toBe(0);
    expect(JSON.parse(valid.out)).toMatchObject({ ok: true, certificateType: 'v' });
    expect((await run('verify', '--trust-list', join(dir, 'trust.json'), '--at', 'tomorrow', text)).code).toBe(2);
    const late = await run('verify', '--trust-list', join(dir, 'trust.json'), '--at', '2023-01-01T00:00:00Z', text);
    expect(late.code).toBe(1);
    expect(JSON.parse(late.out)).toMatchObject({ ok: false, code: 'expired' });
  });

  it('answers bad arguments with one line and exit 2, and --help with usage', async () => {
    expect((await run('verify', 'HC1:xyz')).code).toBe(2);
    expect((await run('verify', '--trust-list', '/nonexistent.json', 'HC1:xyz')).err).toMatch(/cannot read trust list/);
    expect((await run('verify', '--bogus')).code).toBe(2);
    expect((await run('issue', 'payload.json')).err).toMatch(/--key FILE is required/);
    expect((await run('verify-testfile')).code).toBe(2);
    const help = await run('verify', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/--trust-list/);
  });
});
