export type HelpRequestIntakeState = 'received' | 'opened' | 'failed';

/**
 * A citizen's help request as received (decision 0012): acknowledged once committed, turned into a case by the
 * background opener. `body` is the request as sent (JSON), `fingerprint` its hash for Idempotency-Key replays,
 * `problem` the localized problem (JSON) when the case could not be opened.
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
  state: HelpRequestIntakeState;
  caseId: string | null;
  problem: string | null;
  attempts: number;
  updatedAt: string;
}
