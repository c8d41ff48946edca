import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { CompiledQuery } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SqliteWriter, SqliteWriterError, startSqliteWriter } from './sqlite-writer.ts';

// The writer thread is SQLite's alone (PostgreSQL commits concurrently on its own connections): no dialect loop.
describe('the SQLite writer thread', () => {
  let file: string;
  let main: SQLite.Database;
  let writer: SqliteWriter;

  beforeEach(() => {
    file = path.join(tmpdir(), `hw_writer_${randomBytes(4).toString('hex')}.db`);
    main = new SQLite(file);
    main.pragma('journal_mode = WAL');
    main.pragma('busy_timeout = 5000');
    main.exec('create table items (id text primary key, n integer not null check (n >= 0))');
    writer = startSqliteWriter(file);
  });

  afterEach(async () => {
    await writer.close();
    main.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  });

  const insert = (id: string, n: number) =>
    CompiledQuery.raw('insert into items (id, n) values (?, ?) on conflict (id) do nothing returning id', [id, n]);
  const stored = () => main.prepare('select id, n from items order by id').all() as { id: string; n: number }[];

  it('commits each transaction before it answers, with the rows of every RETURNING', async () => {
    const results = await writer.transaction([insert('a', 1), insert('b', 2), insert('a', 3)]);
    expect(results).toEqual([[{ id: 'a' }], [{ id: 'b' }], []]);
    // Read on another connection: committed, not merely written.
    expect(stored()).toEqual([
      { id: 'a', n: 1 },
      { id: 'b', n: 2 },
    ]);
  });

  it('rolls a failing transaction back whole and rejects with the SQLite error code', async () => {
    const failed = writer.transaction([insert('c', 1), insert('d', -1)]);
    await expect(failed).rejects.toBeInstanceOf(SqliteWriterError);
    await expect(failed).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_CHECK' });
    expect(stored()).toEqual([]);
    // The next transaction is not touched by the failure.
    await writer.transaction([insert('e', 5)]);
    expect(stored()).toEqual([{ id: 'e', n: 5 }]);
  });

  it('waits for the write lock another connection holds, then commits', async () => {
    main.exec('begin immediate');
    main.prepare('insert into items (id, n) values (?, ?)').run('held', 1);
    const waiting = writer.transaction([insert('after', 2)]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stored().map((r) => r.id)).toEqual(['held']);
    main.exec('commit');
    await waiting;
    expect(stored().map((r) => r.id)).toEqual(['after', 'held']);
  });

  it('says it is broken when its thread dies, refusing instead of waiting forever', async () => {
    // The thread cannot open a file in a folder that does not exist: it stops with an error.
    const dead = startSqliteWriter(path.join(tmpdir(), `hw_missing_${randomBytes(4).toString('hex')}`, 'x.db'));
    await expect(dead.transaction([insert('x', 1)])).rejects.toThrow();
    expect(dead.broken).toBe(true);
    await expect(dead.transaction([insert('y', 1)])).rejects.toThrow();
    await dead.close();
    expect(writer.broken).toBe(false);
  });

  it('answers what was sent before close, and refuses what comes after', async () => {
    const sent = Array.from({ length: 20 }, (_, i) => writer.transaction([insert(`k${i}`, i)]));
    const closing = writer.close();
    await expect(Promise.all(sent)).resolves.toHaveLength(20);
    await closing;
    await expect(writer.transaction([insert('late', 1)])).rejects.toThrow(/closed/);
    expect(stored()).toHaveLength(20);
  });
});
