import { existsSync } from 'node:fs';
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

/** Builds the apps that have no dist yet (first `npm start` on a fresh clone), with Vite's API. */
export async function buildMissingWebApps(log: (line: string) => void, force = false): Promise<void> {
  const missing = (Object.keys(WEB_APPS) as WebAppName[]).filter((name) => force || !isBuilt(name));
  if (missing.length === 0) return;
  const vite = await import('vite');
  for (const name of missing) {
    log(`building the ${name} app (first start only)…`);
    await vite.build({
      root: WEB_APPS[name].root,
      logLevel: 'warn',
      configFile: path.join(WEB_APPS[name].root, 'vite.config.ts'),
    });
  }
}
