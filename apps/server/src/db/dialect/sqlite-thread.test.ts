import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqlite } from './sqlite.ts';
import { waitOutBusy } from './sqlite-driver.ts';
import { SqliteThreadDialect } from './sqlite-thread.ts';

interface Items {
  items: { id: string; n: number; data: Buffer | null };
}

// Two connections to one SQLite file, as `homeward start` opens them (decision 0033): the process's own and the job
// worker's on a thread. PostgreSQL has no such pair: no dialect loop.
describe('the job worker’s SQLite connection on a thread', () => {
  let file: string;
  let main: Kysely<Items>;
  let thread: Kysely<Items>;

  beforeEach(async () => {
    file = path.join(tmpdir(), `hw_thread_${randomBytes(4).toString('hex')}.db`);
    main = new Kysely<Items>({ dialect: openSqlite(file).dialect });
    await sql`create table items (id text primary key, n integer not null check (n >= 0), data blob)`.execute(main);
    thread = new Kysely<Items>({ dialect: new SqliteThreadDialect(file) });
  });

  afterEach(async () => {
    await thread.destroy();
    await main.destroy();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  });

  const ids = async (db: Kysely<Items>) =>
    (await db.selectFrom('items').select('id').orderBy('id').execute()).map((r) => r.id);

  it('reads and writes the same file: RETURNING rows, affected counts, blobs as Buffers', async () => {
    const returned = await thread
      .insertInto('items')
      .values([
        { id: 'a', n: 1, data: Buffer.from([1, 2, 3]) },
        { id: 'b', n: 2, data: null },
      ])
      .returning(['id', 'data'])
      .execute();
    expect(returned).toEqual([
      { id: 'a', data: Buffer.from([1, 2, 3]) },
      { id: 'b', data: null },
    ]);
    expect(Buffer.isBuffer(returned[0]?.data)).toBe(true);
    const updated = await thread.updateTable('items').set({ n: 5 }).where('id', '=', 'b').executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(1n);
    // Committed: the other connection sees both rows.
    expect(await ids(main)).toEqual(['a', 'b']);
    const row = await thread.selectFrom('items').selectAll().where('id', '=', 'a').executeTakeFirstOrThrow();
    expect(Buffer.isBuffer(row.data)).toBe(true);
    expect([...(row.data ?? [])]).toEqual([1, 2, 3]);
  });

  it('commits a transaction whole or rolls it back whole, and reports SQLite’s error code', async () => {
    await thread.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ id: 'c', n: 1, data: null }).execute();
      await trx.insertInto('items').values({ id: 'd', n: 2, data: null }).execute();
    });
    const failed = thread.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ id: 'e', n: 1, data: null }).execute();
      await trx.insertInto('items').values({ id: 'c', n: 1, data: null }).execute();
    });
    await expect(failed).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_PRIMARYKEY' });
    expect(await ids(main)).toEqual(['c', 'd']);
    await expect(thread.insertInto('items').values({ id: 'f', n: -1, data: null }).execute()).rejects.toMatchObject({
      code: 'SQLITE_CONSTRAINT_CHECK',
    });
  });

  it('lets the event loop and the process’s own writes go on while a job’s transaction on the thread is open', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    try {
      // A job's transaction holds the write lock and waits for this loop to send its next statement.
      let finish = () => {};
      const opened = new Promise<void>((resolve) => {
        finish = resolve;
      });
      let begun = () => {};
      const holding = new Promise<void>((resolve) => {
        begun = resolve;
      });
      const job = thread.transaction().execute(async (trx) => {
        await trx.insertInto('items').values({ id: 'job', n: 1, data: null }).execute();
        begun();
        await opened;
        await trx.insertInto('items').values({ id: 'job-2', n: 1, data: null }).execute();
      });
      await holding;
      // A request's write on the process's own connection waits on timers, not in SQLite's busy handler: the loop
      // stays free, the job's transaction finishes, and then the request's write goes in.
      const request = main.insertInto('items').values({ id: 'request', n: 1, data: null }).execute();
      const before = ticks;
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(ticks).toBeGreaterThan(before);
      // (Read on a third connection: the process's own is busy with the waiting write.)
      const reader = new SQLite(file, { readonly: true });
      expect(reader.prepare('select id from items').all()).toEqual([]);
      reader.close();
      finish();
      await job;
      await request;
      expect(await ids(main)).toEqual(['job', 'job-2', 'request']);
      // A transaction of the process's own connection that reads, then writes, while a job writes on the thread:
      // it holds the write lock from its start (IMMEDIATE), so the job's write waits for it on the thread instead of
      // the transaction failing on its upgrade (SQLITE_BUSY_SNAPSHOT).
      let threadWrite: Promise<unknown> = Promise.resolve();
      await main.transaction().execute(async (trx) => {
        const n = (await trx.selectFrom('items').select('id').execute()).length;
        threadWrite = thread.insertInto('items').values({ id: 'zz', n: 1, data: null }).execute();
        await new Promise((resolve) => setTimeout(resolve, 30));
        await trx
          .insertInto('items')
          .values({ id: `count-${n}`, n, data: null })
          .execute();
      });
      await threadWrite;
      expect(await ids(main)).toEqual(['count-3', 'job', 'job-2', 'request', 'zz']);
    } finally {
      clearInterval(timer);
    }
  });
});

describe('waiting out SQLITE_BUSY', () => {
  const busy = () => Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });

  it('tries again until the statement goes through', async () => {
    let calls = 0;
    const result = await waitOutBusy(async () => {
      calls++;
      if (calls < 4) throw busy();
      return 'done';
    });
    expect(result).toBe('done');
    expect(calls).toBe(4);
  });

  it('gives up with SQLITE_BUSY after its limit, and passes any other error at once', async () => {
    let calls = 0;
    await expect(
      waitOutBusy(async () => {
        calls++;
        throw busy();
      }, 20),
    ).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
    expect(calls).toBeGreaterThan(1);
    calls = 0;
    await expect(
      waitOutBusy(async () => {
        calls++;
        throw Object.assign(new Error('constraint'), { code: 'SQLITE_CONSTRAINT_CHECK' });
      }),
    ).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_CHECK' });
    expect(calls).toBe(1);
  });
});
