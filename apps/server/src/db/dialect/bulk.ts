import { randomBytes } from 'node:crypto';
import { type RawBuilder, sql } from 'kysely';
import { newId } from '../../clock.ts';
import type { Db } from '../schema.ts';
import { dialectOf } from './dialect.ts';

/** Rows one set-wise insert may number: the counter is the id's last 6 hex digits. */
export const MAX_SEQUENTIAL_IDS = 0xffffff;

/**
 * A fresh prefix for `sequentialIds`: a new UUIDv7's millisecond time, version and rand_a, then 38 random bits of
 * our own (the variant group and 6 hex digits): two statements in the same millisecond, in any process, collide
 * with a chance of 2^-38 (a UUIDv7 generator keeps rand_a and the variant group within a millisecond).
 */
function freshPrefix(): string {
  const bytes = randomBytes(5);
  const variant = (0x8000 | (((bytes[0] ?? 0) << 8) | (bytes[1] ?? 0))) & 0xbfff;
  return `${newId().slice(0, 19)}${variant.toString(16)}-${bytes.subarray(2).toString('hex')}`;
}

/**
 * Ids for the rows of one set-wise `INSERT … SELECT` (decision 0025): a fresh UUIDv7 prefix and the row's number
 * (1 to MAX_SEQUENTIAL_IDS) as the last 6 hex digits — a UUIDv7 with a dedicated counter (RFC 9562, section 6.2,
 * method 1). Unique within the statement by the counter, across statements by the prefix; they sort by creation
 * time like every other id. SQLite formats the counter with printf, PostgreSQL with to_hex and lpad.
 */
export function sequentialIds(db: Db, rowNumber: RawBuilder<unknown>): RawBuilder<string> {
  const prefix = freshPrefix();
  return dialectOf(db).name === 'postgres'
    ? sql<string>`(${prefix} || lpad(to_hex(${rowNumber}), 6, '0'))`
    : sql<string>`(${prefix} || printf('%06x', ${rowNumber}))`;
}
