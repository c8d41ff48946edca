import type { Role } from '@homeward/shared';

export interface UsersTable {
  id: string;
  email: string;
  passwordHash: string | null;
  displayName: string;
  role: Role;
  locale: string;
  status: 'active' | 'disabled';
  /** When the owner proved the address (sign-up link); null until then. Staff and demo accounts are set. */
  emailVerifiedAt: string | null;
  /** E.164, or null. */
  phone: string | null;
  /** The last completed sign-in (for staff, after the second factor); null before the first. */
  lastSignInAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface UserMissionsTable {
  userId: string;
  missionCode: string;
}

/** Server-side sessions; `id` is the SHA-256 of the cookie token, so a leaked table opens no session. */
export interface SessionsTable {
  id: string;
  userId: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
}
