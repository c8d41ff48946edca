/**
 * The tamper-evident audit log. Append-only: each entry's `hash` covers its content and the previous
 * entry's hash, so altering or deleting a row breaks the chain at that row (`homeward audit verify`).
 */
export interface AuditLogTable {
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
  hash: string;
}

/** Counters for throttling sign-in, sign-up, reset and verification per account and per address. */
export interface ThrottlesTable {
  key: string;
  failures: number;
  windowStart: string;
  blockedUntil: string | null;
}
