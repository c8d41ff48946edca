/**
 * Idempotency-Key records (decision 0010): who sent the key (`scope`: the user id), to which route, a hash of
 * the request, and, once the change committed, the response to replay. `claim` identifies the request that
 * holds the key while it is in flight (status null).
 */
export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  method: string;
  route: string;
  fingerprint: string;
  claim: string;
  claimedAt: string;
  status: number | null;
  response: string | null;
  createdAt: string;
}
