import { buildApp } from '../../src/app.ts';
import type { App } from '../../src/http/app-types.ts';
import { seedDemo } from '../../src/modules/demo/demo.seed.ts';
import type { TestDatabase } from './db.ts';

/** The API over a test database, with the demo missions and accounts, without web apps or listening. */
export async function buildTestApp(tdb: TestDatabase, options: { seed?: boolean } = {}): Promise<App> {
  if (options.seed !== false) await seedDemo(tdb.db, tdb.config.state.code);
  const app = await buildApp(
    { db: tdb.db, dialect: tdb.dialect, config: tdb.config, nudgeJobs: () => {} },
    { serveWebApps: false },
  );
  await app.ready();
  return app;
}

export const JSON_WRITE = { 'content-type': 'application/json', 'x-requested-with': 'homeward' } as const;

/** Signs in through the API and returns the cookie header to send with later requests. */
export async function signInAs(app: App, email: string, password: string): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    headers: JSON_WRITE,
    payload: { email, password },
  });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'hw_session');
  if (!cookie) throw new Error('no session cookie');
  return `${cookie.name}=${cookie.value}`;
}
