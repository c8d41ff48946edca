import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/support/db.ts';
import { type OpenDatabase, openDatabase } from './connect.ts';
import { createGroupCommit } from './group-commit.ts';

describeEachDialect('group commit', (getDb) => {
  // A second handle on the same database: what it sees is committed, not merely written.
  let other: OpenDatabase;
  beforeAll(async () => {
    other = await openDatabase(getDb().config.database);
  });
  afterAll(async () => {
    await other.close();
  });

  const committedNames = async (prefix: string) =>
    (
      await other.db.selectFrom('counters').select('name').where('name', 'like', `${prefix}%`).orderBy('name').execute()
    ).map((r) => r.name);

  it('rolls a failing unit back alone and rejects only its caller', async () => {
    const commits = createGroupCommit(getDb().db);
    const results = await Promise.allSettled(
      ['a', 'b', 'c'].map((name) =>
        commits.run(async (trx) => {
          await trx
            .insertInto('counters')
            .values({ name: `poison-${name}`, value: 1 })
            .execute();
          if (name === 'b') throw new Error('unit b refused');
          return name;
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(results[1]).toMatchObject({ reason: new Error('unit b refused') });
    expect(await committedNames('poison-')).toEqual(['poison-a', 'poison-c']);
    await commits.close();
  });

  it('rolls back a unit whose statement fails in the database, keeping the others', async () => {
    const commits = createGroupCommit(getDb().db);
    await commits.run((trx) => trx.insertInto('counters').values({ name: 'dup-1', value: 1 }).execute());
    const results = await Promise.allSettled([
      commits.run((trx) => trx.insertInto('counters').values({ name: 'dup-2', value: 1 }).execute()),
      commits.run(async (trx) => {
        await trx.insertInto('counters').values({ name: 'dup-3', value: 1 }).execute();
        await trx.insertInto('counters').values({ name: 'dup-1', value: 2 }).execute(); // primary key taken
      }),
      commits.run((trx) => trx.insertInto('counters').values({ name: 'dup-4', value: 1 }).execute()),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await committedNames('dup-')).toEqual(['dup-1', 'dup-2', 'dup-4']);
    await commits.close();
  });

  it('runs units in the order they were queued and resolves each with its own value', async () => {
    const commits = createGroupCommit(getDb().db);
    const seen: number[] = [];
    const values = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        commits.run(async (trx) => {
          seen.push(i);
          await trx
            .insertInto('counters')
            .values({ name: `order-${String(i).padStart(2, '0')}`, value: i })
            .execute();
          return i * 10;
        }),
      ),
    );
    expect(values).toEqual(Array.from({ length: 20 }, (_, i) => i * 10));
    if (getDb().dialect === 'sqlite') expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(await committedNames('order-')).toHaveLength(20);
    await commits.close();
  });

  it('answers each caller only after its unit is committed', async () => {
    const commits = createGroupCommit(getDb().db);
    const visibleAtResolve = await Promise.all(
      ['x', 'y', 'z'].map(async (name) => {
        await commits.run((trx) =>
          trx
            .insertInto('counters')
            .values({ name: `durable-${name}`, value: 1 })
            .execute(),
        );
        return (await committedNames(`durable-${name}`)).length;
      }),
    );
    expect(visibleAtResolve).toEqual([1, 1, 1]);
    await commits.close();
  });

  it('shares one commit among the units queued together on SQLite', async () => {
    const commits = createGroupCommit(getDb().db);
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        commits.run((trx) =>
          trx
            .insertInto('counters')
            .values({ name: `batch-${i}`, value: i })
            .execute(),
        ),
      ),
    );
    expect(commits.stats.units).toBe(30);
    // PostgreSQL commits each unit on its own connection; SQLite's single writer batches them.
    expect(commits.stats.batches).toBe(getDb().dialect === 'sqlite' ? 1 : 30);
    await commits.close();
  });

  it('waits for queued units on close and refuses new ones after', async () => {
    const commits = createGroupCommit(getDb().db);
    const queued = commits.run((trx) => trx.insertInto('counters').values({ name: 'close-1', value: 1 }).execute());
    await commits.close();
    await expect(queued).resolves.toBeDefined();
    expect(await committedNames('close-')).toEqual(['close-1']);
    await expect(commits.run(async () => 1)).rejects.toThrow(/closed/);
  });
});
