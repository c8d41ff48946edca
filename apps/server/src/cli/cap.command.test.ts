import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { type CapCliIo, processIo, registerCapCommands } from './cap.command.ts';

const fixtures = new URL('../../../../packages/cap/test/fixtures/alerts/', import.meta.url);
const fixture = (name: string): string => new URL(name, fixtures).pathname;
const work = mkdtempSync(join(tmpdir(), 'cap-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs `homeward <args>` in-process, the way the CLI owner's program wires it, and captures everything. */
async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CapCliIo = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    readFile: processIo.readFile,
  };
  const program = new Command('homeward').exitOverride().configureOutput({
    writeOut: (t) => {
      stdout += t;
    },
    writeErr: (t) => {
      stderr += t;
    },
  });
  registerCapCommands(program, io);
  try {
    await program.parseAsync(['node', 'homeward', ...args]);
    return { code: 0, stdout, stderr };
  } catch (e) {
    if (e instanceof CommanderError) return { code: e.exitCode, stdout, stderr };
    throw e;
  }
}

describe('homeward cap parse', () => {
  it('prints a JSON array of the alerts and exits 0', async () => {
    const { code, stdout, stderr } = await run('cap', 'parse', fixture('spec-a2-severe-thunderstorm.xml'));
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const alerts = JSON.parse(stdout);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ identifier: 'KSTO1055887203', msgType: 'Alert', signed: false });
  });

  it.each([
    ['neg-invalid-minimal.xml', /^cap parse: .*neg-invalid-minimal\.xml: schema: .*<scope>/],
    ['neg-tw-wra-wrong-xmlns.xml', /^cap parse: .*: not-cap: /],
  ])('refuses %s with one line on stderr and exit 1', async (name, line) => {
    const { code, stdout, stderr } = await run('cap', 'parse', fixture(name));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(line);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('refuses a DOCTYPE, a missing file and an oversized file in one line each', async () => {
    const xxe = join(work, 'xxe.xml');
    writeFileSync(xxe, '<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>');
    const cases = [
      await run('cap', 'parse', xxe),
      await run('cap', 'parse', join(work, 'missing.xml')),
      await run('cap', 'parse', '--max-bytes', '10', fixture('spec-a2-severe-thunderstorm.xml')),
    ];
    expect(cases.map((c) => c.code)).toEqual([1, 1, 1]);
    expect(cases[0]?.stderr).toMatch(/doctype-forbidden/);
    expect(cases[1]?.stderr).toMatch(/cannot read the file \(ENOENT\)/);
    expect(cases[2]?.stderr).toMatch(/larger than the 10-byte limit/);
    for (const c of cases) expect(c.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('has --help', async () => {
    const { code, stdout } = await run('cap', 'parse', '--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Usage: homeward cap parse \[options\] <file>/);
    expect(stdout).toMatch(/Exit status/);
  });
});

describe('homeward cap emit', () => {
  it('turns parse output back into CAP XML that parses to the same alert', async () => {
    const parsed = await run('cap', 'parse', fixture('spec-a3-earthquake.xml'));
    const alerts = JSON.parse(parsed.stdout);
    const json = join(work, 'quake.json');
    writeFileSync(json, JSON.stringify(alerts[0]));
    const emitted = await run('cap', 'emit', json);
    expect(emitted.code).toBe(0);
    expect(emitted.stdout).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">/,
    );
    const xml = join(work, 'quake.xml');
    writeFileSync(xml, emitted.stdout);
    expect(JSON.parse((await run('cap', 'parse', xml)).stdout)).toEqual(alerts);
  });

  it('accepts the one-element array that parse prints', async () => {
    const json = join(work, 'array.json');
    writeFileSync(json, (await run('cap', 'parse', fixture('spec-a1-homeland-security.xml'))).stdout);
    expect((await run('cap', 'emit', json)).code).toBe(0);
  });

  it.each([
    ['not JSON', '{', /not JSON/],
    ['an invalid alert', JSON.stringify({ identifier: 'x' }), /invalid-alert: not a CAP alert object/],
    ['two alerts', '[{}, {}]', /expected one alert object, got an array of 2/],
  ])('refuses %s with one line and exit 1', async (_name, content, line) => {
    const json = join(work, 'bad.json');
    writeFileSync(json, content);
    const { code, stdout, stderr } = await run('cap', 'emit', json);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(line);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('has --help', async () => {
    const { code, stdout } = await run('cap', 'emit', '--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Usage: homeward cap emit \[options\] <file>/);
  });

  it('is reachable through the cap group help', async () => {
    const { stdout } = await run('cap', '--help');
    expect(stdout).toMatch(/parse \[options\] <file>/);
    expect(stdout).toMatch(/emit \[options\] <file>/);
  });
});
