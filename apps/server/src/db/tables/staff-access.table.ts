/**
 * A half-finished staff sign-in waiting for its second factor; `id` is the SHA-256 of the challenge the
 * client holds. A `totp_setup` challenge carries the new, not yet confirmed secret (encrypted).
 */
export interface AuthChallengesTable {
  id: string;
  userId: string;
  purpose: 'totp' | 'totp_setup';
  pendingSecret: string | null;
  attempts: number;
  createdAt: string;
  expiresAt: string;
}

/** A confirmed authenticator app: the secret (AES-256-GCM) and the last time step accepted (replay guard). */
export interface TotpCredentialsTable {
  userId: string;
  secret: string;
  lastStep: number | null;
  createdAt: string;
}

/** One-time recovery codes, stored as SHA-256 (they are random, so a plain hash is enough). */
export interface RecoveryCodesTable {
  id: string;
  userId: string;
  codeHash: string;
  createdAt: string;
  usedAt: string | null;
}

/** API tokens for other systems; only the SHA-256 of the `hw_…` value is stored. `scopes` is a JSON array. */
export interface ApiTokensTable {
  id: string;
  ownerId: string;
  name: string;
  tokenHash: string;
  scopes: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}
