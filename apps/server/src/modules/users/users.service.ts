import { isLocale, type Role, STAFF_ROLES } from '@homeward/shared';
import { isoNow, newId } from '../../clock.ts';
import type { Db } from '../../db/schema.ts';
import { ProblemError } from '../../http/problem.ts';
import { assertPasswordAllowed } from '../accounts/password-policy.ts';
import { findMissionCodes } from '../missions/missions.repo.ts';
import { hashPassword } from './password.ts';
import { findUserByEmail, insertUser, insertUserMissions } from './users.repo.ts';

export interface CreateUserInput {
  email: string;
  password: string;
  /** A hash made earlier by hashPassword, to skip the (deliberately slow) hashing of a known password. */
  passwordHash?: string;
  displayName: string;
  role: Role;
  missions?: string[];
  locale?: string;
  /** E.164, already normalized by the caller. */
  phone?: string | null;
  /** The address is known to work (demo accounts, accounts an administrator makes); citizens prove it by link. */
  emailVerified?: boolean;
}

const SCOPED_ROLES: readonly Role[] = ['consular_officer', 'mission_head'];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Roles whose access is limited to the missions they are assigned to. */
export function isMissionScoped(role: Role): boolean {
  return SCOPED_ROLES.includes(role);
}

/**
 * Creates an account. Officers and mission heads need at least one mission; HQ roles and citizens have none.
 * @throws ProblemError 400 for invalid input, 409 when the email is taken
 */
export async function createUser(db: Db, input: CreateUserInput): Promise<{ id: string }> {
  const email = input.email.trim().toLowerCase();
  const missions = [...new Set(input.missions ?? [])];
  const fieldError = (field: string, message: string) =>
    new ProblemError(400, 'validation_failed', message, [{ field, message }]);
  if (!EMAIL.test(email)) throw fieldError('/email', `"${input.email}" is not an email address`);
  // The same policy as sign-up (decision 0003). The public demo password passes it (zxcvbn score 4),
  // so demo seeding, which passes a precomputed hash, goes through the same check.
  assertPasswordAllowed(input.password, email, isLocale(input.locale) ? input.locale : 'en');
  if (input.displayName.trim() === '') throw fieldError('/displayName', 'enter a display name');
  if (input.role !== 'citizen' && !STAFF_ROLES.includes(input.role)) throw fieldError('/role', 'unknown role');
  if (isMissionScoped(input.role) && missions.length === 0) {
    throw fieldError('/missions', `role ${input.role} needs at least one mission (--mission CODE)`);
  }
  if (!isMissionScoped(input.role) && missions.length > 0) {
    throw fieldError('/missions', `role ${input.role} is global and takes no mission`);
  }
  const known = await findMissionCodes(db, missions);
  const unknown = missions.filter((m) => !known.includes(m));
  if (unknown.length > 0) throw fieldError('/missions', `unknown mission ${unknown.join(', ')}`);
  if (await findUserByEmail(db, email)) throw new ProblemError(409, 'conflict', `an account for ${email} exists`);
  const id = newId();
  const now = isoNow();
  await insertUser(db, {
    id,
    email,
    passwordHash: input.passwordHash ?? (await hashPassword(input.password)),
    displayName: input.displayName.trim(),
    role: input.role,
    locale: isLocale(input.locale) ? input.locale : 'zh-CN',
    status: 'active',
    phone: input.phone ?? null,
    emailVerifiedAt: input.emailVerified ? now : null,
    createdAt: now,
    updatedAt: now,
  });
  await insertUserMissions(db, id, missions);
  return { id };
}
