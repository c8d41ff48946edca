import { v7 as uuidv7 } from 'uuid';

/** Times are stored as UTC ISO-8601 text with milliseconds: the same order on both engines. */
export function isoNow(now: Date = new Date()): string {
  return now.toISOString();
}

export function isoAt(msFromNow: number, now: Date = new Date()): string {
  return new Date(now.getTime() + msFromNow).toISOString();
}

/** Ids are UUIDv7 text: unique across processes and sortable by creation time. */
export function newId(): string {
  return uuidv7();
}
