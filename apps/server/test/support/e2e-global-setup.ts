import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../src/config.ts';
import { startPlatform } from '../../src/server.ts';
import { buildMissingWebApps } from '../../src/web/web-apps.ts';

/**
 * Once per run of the browser tests: the web apps built if missing, and one database migrated and seeded with the
 * demo data. Every test file's server starts from a copy of it, instead of migrating and seeding its own (seconds
 * each on a two-core machine, two dozen times in a row).
 */
export default async function setup(project: TestProject): Promise<() => void> {
  await buildMissingWebApps(() => {});
  const file = path.join(tmpdir(), `hw_e2e_template_${randomBytes(6).toString('hex')}.db`);
  const config = loadConfig({ DATABASE_URL: `sqlite:${file}`, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' });
  const platform = await startPlatform(config, { role: 'api', demo: true, serveWebApps: false });
  await platform.close();
  project.provide('demoTemplateDb', file);
  return () => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  };
}
