import { isLocale, type Profile } from '@homeward/shared';
import type { UserRow } from '../users/users.repo.ts';

/** What the account holder sees about their own account; never the password hash. */
export function toProfile(row: UserRow): Profile {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    phone: row.phone,
    locale: isLocale(row.locale) ? row.locale : 'zh-CN',
    emailVerified: row.emailVerifiedAt !== null,
    createdAt: row.createdAt,
    role: row.role,
  };
}
