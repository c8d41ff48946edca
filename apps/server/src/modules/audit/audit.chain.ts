import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields an audit hash covers, in a fixed order. */
export interface ChainedEntry {
  seq: number;
  id: string;
  at: string;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  recordType: string | null;
  recordId: string | null;
  missionCode: string | null;
  ip: string | null;
  reason: string | null;
  details: string;
  prevHash: string;
}

/** SHA-256 over the entry's fields as a JSON array (unambiguous: no field can bleed into the next). */
export function hashEntry(entry: ChainedEntry): string {
  const material = JSON.stringify([
    entry.seq,
    entry.id,
    entry.at,
    entry.actorId,
    entry.actorRole,
    entry.action,
    entry.recordType,
    entry.recordId,
    entry.missionCode,
    entry.ip,
    entry.reason,
    entry.details,
    entry.prevHash,
  ]);
  return createHash('sha256').update(material).digest('hex');
}

export interface ChainBreak {
  seq: number;
  id: string;
  problem: string;
}

/**
 * Checks one entry against the one before it. Returns the problem, or null when the link holds.
 * `previous` is null for the first entry of the log.
 */
export function checkLink(
  entry: ChainedEntry & { hash: string },
  previous: { seq: number; hash: string } | null,
): ChainBreak | null {
  const expectedSeq = previous ? previous.seq + 1 : 1;
  const at = { seq: entry.seq, id: entry.id };
  if (entry.seq !== expectedSeq) return { ...at, problem: `expected entry ${expectedSeq} next: an entry is missing` };
  const expectedPrev = previous ? previous.hash : GENESIS_HASH;
  if (entry.prevHash !== expectedPrev) return { ...at, problem: 'does not link to the entry before it' };
  if (hashEntry(entry) !== entry.hash) return { ...at, problem: 'content does not match its hash: it was altered' };
  return null;
}
