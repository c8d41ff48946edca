import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import type { Config } from '../../src/config.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { Database } from '../../src/db/schema.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface TestDatabase {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Connection string of this throw-away database (sqlite:PATH or postgres://…). */
  url: string;
  config: Config;
  close(): Promise<void>;
}

function wantedDialects(): Dialect[] {
  return (process.env.DB_DIALECTS ?? 'sqlite,postgres')
    .split(',')
    .map((d) => d.trim())
    .filter((d): d is Dialect => d === 'sqlite' || d === 'postgres');
}

/** Creates an empty database, migrated, on the given engine; closing drops it. */
export async function createTestDatabase(dialect: Dialect, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const name = `hw_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  let url: string;
  let drop: () => Promise<void>;
  if (dialect === 'sqlite') {
    const file = path.join(tmpdir(), `${name}.db`);
    url = `sqlite:${file}`;
    drop = async () => {
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    };
  } else {
    const admin = inject('pgAdminUrl');
    if (!admin) throw new Error('PostgreSQL is not available for this run');
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`create database ${name}`);
    await client.end();
    const target = new URL(admin);
    target.pathname = `/${name}`;
    url = target.toString();
    drop = async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' });
  const database = await openDatabase(config.database);
  if (options.migrate !== false) await migrateToLatest(database.db);
  return {
    db: database.db,
    dialect,
    url,
    config,
    async close() {
      await database.close();
      await drop();
    },
  };
}

/**
 * Runs the same suite once per database engine (DB_DIALECTS, default both). Without a reachable
 * PostgreSQL the postgres copy is skipped with its reason; HOMEWARD_REQUIRE_PG=1 fails the run instead.
 */
export function describeEachDialect(name: string, suite: (get: () => TestDatabase) => void): void {
  for (const dialect of wantedDialects()) {
    const skipReason = dialect === 'postgres' ? inject('pgSkipReason') : '';
    const title = skipReason ? `${name} [${dialect}] (skipped: ${skipReason})` : `${name} [${dialect}]`;
    describe.skipIf(Boolean(skipReason))(title, () => {
      let handle: TestDatabase | undefined;
      beforeAll(async () => {
        handle = await createTestDatabase(dialect);
      });
      afterAll(async () => {
        await handle?.close();
      });
      suite(() => {
        if (!handle) throw new Error('test database not ready');
        return handle;
      });
    });
  }
}
