import type { StaffAccount } from '@homeward/shared';
import type { StaffRow } from './staff.repo.ts';

/** What administrators see of a staff account: never the password hash or the second-factor secret. */
export function toStaffAccount(row: StaffRow, missions: string[]): StaffAccount {
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    role: row.role,
    missions,
    status: row.status,
    totpEnabled: row.totpEnabled,
    createdAt: row.createdAt,
    lastSignInAt: row.lastSignInAt,
  };
}
