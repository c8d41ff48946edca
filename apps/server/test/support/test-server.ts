import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { startPlatform } from '../../src/server.ts';
import { buildMissingWebApps } from '../../src/web/web-apps.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated SQLite database with the demo data, made once per run by e2e-global-setup.ts. */
    demoTemplateDb: string;
  }
}

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

/** Settings a test may change that the demo data does not depend on: those servers can start from the template. */
const TEMPLATE_SAFE = new Set(['PORT', 'HOST', 'HOMEWARD_PUBLIC_URL', 'HOMEWARD_SMTP_URL']);

/**
 * The whole platform for browser tests: a fresh SQLite database with the demo data (a copy of the run's template,
 * e2e-global-setup.ts, unless a setting the demo data depends on differs), the API and worker in this process,
 * and the built web apps (built now if missing).
 */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  await buildMissingWebApps(() => {});
  const file = path.join(tmpdir(), `hw_e2e_${randomBytes(6).toString('hex')}.db`);
  const template = inject('demoTemplateDb');
  if (template && Object.keys(env).every((key) => TEMPLATE_SAFE.has(key))) {
    copyFileSync(template, file);
    if (existsSync(`${template}-wal`)) copyFileSync(`${template}-wal`, `${file}-wal`);
  }
  const config = loadConfig({
    DATABASE_URL: `sqlite:${file}`,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    HOMEWARD_WORKER_POLL_MS: '100',
    ...env,
  });
  const platform = await startPlatform(config, { role: 'all', demo: true });
  if (!platform.url) throw new Error('test server did not listen');
  return {
    url: platform.url.replace('[::1]', '127.0.0.1'),
    async close() {
      await platform.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    },
  };
}
