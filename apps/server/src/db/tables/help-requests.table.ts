import type { CasePriority } from '@homeward/shared';
import type { ColumnType } from 'kysely';

export type HelpRequestIntakeState = 'received' | 'opened' | 'failed';

/**
 * A citizen's help request as received (decision 0012): acknowledged once committed, turned into a case by the
 * background opener. `body` is the request as sent (JSON), `fingerprint` its hash for Idempotency-Key replays,
 * `problem` the localized problem (JSON) when the case could not be opened, `priority` the one the case will open
 * with (the opener's triage, decision 0028).
 */
export interface HelpRequestIntakeTable {
  id: string;
  userId: string;
  idempotencyKey: string | null;
  fingerprint: string;
  body: string;
  locale: string;
  sourceIp: string | null;
  receivedAt: string;
  /** Defaults to P1 in the database: a row written without it is opened first. */
  priority: ColumnType<CasePriority, CasePriority | undefined, CasePriority>;
  state: HelpRequestIntakeState;
  caseId: string | null;
  problem: string | null;
  attempts: number;
  updatedAt: string;
}
