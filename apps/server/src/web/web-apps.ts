import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const appsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The two browser apps: where their sources and built files live and where the server mounts them. */
export const WEB_APPS = {
  citizen: { root: path.join(appsDir, 'citizen'), dist: path.join(appsDir, 'citizen/dist'), prefix: '/' },
  console: { root: path.join(appsDir, 'console'), dist: path.join(appsDir, 'console/dist'), prefix: '/console/' },
} as const;

export type WebAppName = keyof typeof WEB_APPS;

export function isBuilt(name: WebAppName): boolean {
  return existsSync(path.join(WEB_APPS[name].dist, 'index.html'));
}

/**
 * Builds the apps that have no dist yet (first `npm start` on a fresh clone). Vite runs in a child process
 * with NODE_ENV=production: under a test runner NODE_ENV is "test", which would make Vite build a
 * development bundle without the service worker.
 */
export async function buildMissingWebApps(log: (line: string) => void, force = false): Promise<void> {
  const missing = (Object.keys(WEB_APPS) as WebAppName[]).filter((name) => force || !isBuilt(name));
  if (missing.length === 0) return;
  // The package's own CLI file, found next to its package.json (its exports map hides the bin path).
  const viteCli = path.join(path.dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin/vite.js');
  for (const name of missing) {
    log(`building the ${name} app (first start only)…`);
    const { root } = WEB_APPS[name];
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [viteCli, 'build', '--logLevel', 'warn'], {
        cwd: root,
        env: { ...process.env, NODE_ENV: 'production' },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      child.once('error', reject);
      child.once('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`building the ${name} app failed (exit ${code})`)),
      );
    });
  }
}
