import pg from 'pg';
import type { TestProject } from 'vitest/node';

export const PG_ADMIN_URL = process.env.HOMEWARD_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of a reachable PostgreSQL, or '' when none answers. */
    pgAdminUrl: string;
    pgSkipReason: string;
  }
}

/** Probes PostgreSQL once per run; with HOMEWARD_REQUIRE_PG=1 a missing server fails the run. */
export default async function setup(project: TestProject): Promise<void> {
  const wanted = (process.env.DB_DIALECTS ?? 'sqlite,postgres').split(',').includes('postgres');
  let reason = '';
  if (wanted) {
    const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query('select 1');
    } catch (error) {
      reason = `PostgreSQL not reachable at ${PG_ADMIN_URL} (${error instanceof Error ? error.message : String(error)})`;
    } finally {
      await client.end().catch(() => {});
    }
  } else {
    reason = 'DB_DIALECTS excludes postgres';
  }
  if (reason && process.env.HOMEWARD_REQUIRE_PG === '1') {
    throw new Error(`HOMEWARD_REQUIRE_PG=1 but ${reason}`);
  }
  if (reason) process.stdout.write(`[homeward] skipping PostgreSQL suites: ${reason}\n`);
  project.provide('pgAdminUrl', reason ? '' : PG_ADMIN_URL);
  project.provide('pgSkipReason', reason);
}
