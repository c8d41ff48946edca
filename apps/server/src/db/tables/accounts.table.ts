/** Single-use links sent by mail; only the SHA-256 of the token is stored. */
export interface AccountTokensTable {
  id: string;
  userId: string;
  purpose: 'verify' | 'reset' | 'staff_setup';
  tokenHash: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

/** Server-wide values generated once and kept, e.g. the signing secret when HOMEWARD_SECRET is unset. */
export interface SettingsTable {
  key: string;
  value: string;
  createdAt: string;
}

/** WebAuthn credentials; `backedUp` is 0/1, hidden by the passkeys repo. */
export interface PasskeysTable {
  id: string;
  /** The credential id, base64url, as the authenticator reports it. */
  credentialId: string;
  userId: string;
  name: string;
  /** COSE public key, base64url. */
  publicKey: string;
  counter: number;
  /** JSON array of AuthenticatorTransport. */
  transports: string;
  deviceType: string;
  backedUp: number;
  createdAt: string;
  lastUsedAt: string | null;
}

/** Outstanding WebAuthn challenges; each is used once and expires after a few minutes. */
export interface WebauthnChallengesTable {
  challenge: string;
  purpose: 'registration' | 'authentication';
  userId: string | null;
  expiresAt: string;
}
