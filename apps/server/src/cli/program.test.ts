import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bin/homeward.js');
const dir = mkdtempSync(path.join(tmpdir(), 'hw-cli-'));

function homeward(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: `sqlite:${path.join(dir, 'cli.db')}`, ...env },
    timeout: 60_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('homeward CLI', () => {
  it('prints help for the program and every verb', () => {
    const top = homeward(['--help']);
    expect(top.code).toBe(0);
    for (const verb of ['start', 'migrate', 'seed', 'user', 'audit', 'cap', 'hcert']) expect(top.out).toContain(verb);
    const create = homeward(['user', 'create', '--help']);
    expect(create.out).toContain('--mission <code>');
  });

  let setupToken = '';
  it('migrates, seeds, and creates a scoped officer with a one-time setup link instead of a password', () => {
    expect(homeward(['migrate']).out).toMatch(/applied \d+ migration\(s\): 202611280800_create_foundation/);
    expect(homeward(['seed', '--demo']).out).toMatch(/missions: \d{2}, demo accounts created: 9/);
    const created = homeward(
      ['user', 'create', '--email', 'new.officer@example.org', '--role', 'consular_officer', '--mission', 'jp-osa'],
      { HOMEWARD_PUBLIC_URL: 'https://consular.example.org/' },
    );
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/created consular_officer new.officer@example.org/);
    expect(created.out).not.toMatch(/password:/);
    const link = created.out.match(/https:\/\/consular\.example\.org\/console\/setup\?token=([\w-]{43})/);
    expect(link).not.toBeNull();
    setupToken = link?.[1] ?? '';
  });

  it('prints a setup link that sets the password and starts the authenticator setup, once', async () => {
    const { openDatabase } = await import('../db/connect.ts');
    const { setUpStaffAccount } = await import('../modules/staff/staff.service.ts');
    const { loadConfig } = await import('../config.ts');
    const opened = await openDatabase({ dialect: 'sqlite', path: path.join(dir, 'cli.db') });
    try {
      const input = {
        token: setupToken,
        password: 'correct horse battery staple',
        ip: null,
        locale: 'en' as const,
      };
      const config = loadConfig({ LOG_LEVEL: 'silent' });
      expect(await setUpStaffAccount(opened.db, config, input)).toMatchObject({ next: 'totp_setup' });
      await expect(setUpStaffAccount(opened.db, config, input)).rejects.toMatchObject({ code: 'link_invalid' });
    } finally {
      await opened.close();
    }
  });

  it('gives a citizen a generated password, and refuses a password chosen for staff', () => {
    const citizen = homeward(['user', 'create', '--email', 'traveller@example.org', '--role', 'citizen']);
    expect(citizen.code).toBe(0);
    expect(citizen.out).toMatch(/one-time password: \S{16}/);
    expect(citizen.out).not.toMatch(/setup/);
    const staffPassword = homeward([
      'user',
      'create',
      '--email',
      'z@example.org',
      '--role',
      'auditor',
      '--password',
      'a password chosen by someone else',
    ]);
    expect(staffPassword.code).toBe(1);
    expect(staffPassword.err).toMatch(/staff choose their own password through the setup link/);
  });

  it('fails with one clear line and a non-zero code on bad arguments', () => {
    const badRole = homeward(['user', 'create', '--email', 'x@example.org', '--role', 'king']);
    expect(badRole.code).not.toBe(0);
    expect(badRole.err).toMatch(/Allowed choices are citizen, hq_admin/);
    const noMission = homeward(['user', 'create', '--email', 'y@example.org', '--role', 'mission_head']);
    expect(noMission.code).toBe(1);
    expect(noMission.err.trim()).toBe('homeward: role mission_head needs at least one mission (--mission CODE)');
    const unknownVerb = homeward(['frobnicate']);
    expect(unknownVerb.code).not.toBe(0);
    expect(unknownVerb.err).toMatch(/unknown command 'frobnicate'/);
  });

  it('names a wrong DATABASE_URL in one line, without a stack trace', () => {
    const wrongScheme = homeward(['migrate'], { DATABASE_URL: 'mysql://localhost/db' });
    expect(wrongScheme.code).toBe(1);
    expect(wrongScheme.err.trim().split('\n')).toHaveLength(1);
    const refused = homeward(['migrate'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' });
    expect(refused.code).toBe(1);
    expect(refused.err.trim()).toBe(
      'homeward: cannot connect to PostgreSQL at postgres://postgres@127.0.0.1:1/none: connection refused (is the server running?)',
    );
  });

  it('verifies the audit chain and names the entry altered in the database', async () => {
    const database = path.join(dir, 'audit.db');
    const env = { DATABASE_URL: `sqlite:${database}` };
    expect(homeward(['seed', '--demo'], env).code).toBe(0);
    const { default: SQLite } = await import('better-sqlite3');
    const raw = new SQLite(database);
    // The demo seed audits what it does (e.g. the demo health certificate): count from where it stopped.
    const seeded = (raw.prepare('select count(*) as n from audit_log').get() as { n: number }).n;
    const { appendAudit } = await import('../modules/audit/audit.service.ts');
    const { openDatabase } = await import('../db/connect.ts');
    const opened = await openDatabase({ dialect: 'sqlite', path: database });
    for (let i = 0; i < 3; i++)
      await appendAudit(opened.db, { actor: null, ip: null }, { action: 'test.cli', details: { i } });
    await opened.close();
    const clean = homeward(['audit', 'verify'], env);
    expect(clean.code).toBe(0);
    expect(clean.out).toMatch(new RegExp(`audit log intact: ${seeded + 3} entries verified`));
    raw.prepare('update audit_log set action = ? where seq = ?').run('test.rewritten', seeded + 2);
    raw.close();
    const broken = homeward(['audit', 'verify'], env);
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(
      new RegExp(`audit log BROKEN at entry ${seeded + 2} .*altered; ${seeded + 1} entries before it verify`),
    );
  });
});
