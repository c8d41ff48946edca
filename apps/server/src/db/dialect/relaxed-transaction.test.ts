import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../../../test/support/db.ts';
import type { Db } from '../schema.ts';
import { dialectOf } from './dialect.ts';

/** The engine's own word on how a commit on this handle waits for the disk. */
async function durability(db: Db): Promise<string> {
  if (dialectOf(db).name === 'postgres') {
    const { rows } = await sql<{ synchronousCommit: string }>`show synchronous_commit`.execute(db);
    return rows[0]?.synchronousCommit ?? ''; // the column, camel-cased by the plugin
  }
  const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(db);
  // SQLite: 1 NORMAL, 2 FULL.
  return ['off', 'normal', 'full', 'extra'][rows[0]?.synchronous ?? -1] ?? '';
}

const RELAXED = { sqlite: 'normal', postgres: 'off' } as const;
const DURABLE = { sqlite: 'full', postgres: 'on' } as const;

describeEachDialect('relaxed transactions (decision 0030)', (getDb) => {
  it('commit without waiting for the disk inside, and leave every other commit durable', async () => {
    const { db } = getDb();
    const engine = dialectOf(db).name;
    const key = `relaxed-${Date.now()}`;
    const inside = await dialectOf(db).relaxedTransaction(db, async (trx) => {
      await trx.insertInto('settings').values({ key, value: '"kept"', createdAt: new Date().toISOString() }).execute();
      return durability(trx);
    });
    expect(inside).toBe(RELAXED[engine]);
    expect(await durability(db)).toBe(DURABLE[engine]);
    expect(await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst()).toEqual({
      value: '"kept"',
    });
  });

  it('roll back on an error, and still leave the handle durable', async () => {
    const { db } = getDb();
    const engine = dialectOf(db).name;
    const key = `relaxed-failed-${Date.now()}`;
    await expect(
      dialectOf(db).relaxedTransaction(db, async (trx) => {
        await trx
          .insertInto('settings')
          .values({ key, value: '"lost"', createdAt: new Date().toISOString() })
          .execute();
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await db.selectFrom('settings').select('key').where('key', '=', key).executeTakeFirst()).toBeUndefined();
    expect(await durability(db)).toBe(DURABLE[engine]);
  });

  it('statements that stand alone commit the same way, each by itself on SQLite', async () => {
    const { db } = getDb();
    const engine = dialectOf(db).name;
    const key = `relaxed-statements-${Date.now()}`;
    const inside = await dialectOf(db).relaxedStatements(db, async (handle) => {
      await handle
        .insertInto('settings')
        .values({ key, value: '"kept"', createdAt: new Date().toISOString() })
        .execute();
      return durability(handle);
    });
    expect(inside).toBe(RELAXED[engine]);
    expect(await durability(db)).toBe(DURABLE[engine]);
    expect(await db.selectFrom('settings').select('key').where('key', '=', key).executeTakeFirst()).toEqual({ key });
  });

  it('called inside a transaction, run in it', async () => {
    const { db } = getDb();
    const key = `relaxed-nested-${Date.now()}`;
    await expect(
      db.transaction().execute(async (outer) => {
        await dialectOf(outer).relaxedTransaction(outer, async (trx) => {
          await trx
            .insertInto('settings')
            .values({ key, value: '"inner"', createdAt: new Date().toISOString() })
            .execute();
        });
        throw new Error('outer refused');
      }),
    ).rejects.toThrow('outer refused');
    expect(await db.selectFrom('settings').select('key').where('key', '=', key).executeTakeFirst()).toBeUndefined();
  });
});
