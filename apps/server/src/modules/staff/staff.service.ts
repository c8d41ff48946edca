import type {
  CreateStaffBody,
  Locale,
  Role,
  StaffAccount,
  StaffPage,
  StaffQuery,
  TotpSetupNextStep,
  UpdateStaffBody,
} from '@homeward/shared';
import { isoNow, newId } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/schema.ts';
import { ProblemError } from '../../http/problem.ts';
import { consumeLinkToken, issueLinkToken } from '../accounts/link-tokens.ts';
import { assertPasswordAllowed } from '../accounts/password-policy.ts';
import { type AuditSource, appendAudit } from '../audit/audit.service.ts';
import { endAllSessions } from '../auth/auth.service.ts';
import { deleteChallengesOfUser, deleteRecoveryCodes, deleteTotpCredential } from '../auth/second-factor.repo.ts';
import { startSecondFactor } from '../auth/second-factor.service.ts';
import { findMissionCodes } from '../missions/missions.repo.ts';
import { hashPassword } from '../users/password.ts';
import { findUserByEmail, findUserById, insertUser, insertUserMissions } from '../users/users.repo.ts';
import { isMissionScoped } from '../users/users.service.ts';
import { canChangeStaffAccount, canResetSecondFactor } from './staff.policy.ts';
import { toStaffAccount } from './staff.presenter.ts';
import {
  countStaff,
  deleteUserMissions,
  findStaff,
  listMissionsOfUsers,
  listStaff,
  setPasswordHash,
  updateStaffAccount,
} from './staff.repo.ts';

type Actor = { id: string; role: Role };

function fieldError(field: string, message: string): ProblemError {
  return new ProblemError(400, 'validation_failed', message, [{ field, message }]);
}

/** The one-time link a new (or reset) staff member opens to choose a password and enrol an app. */
export function setupUrl(config: Config, token: string): string {
  return `${config.publicUrl}/console/setup?token=${encodeURIComponent(token)}`;
}

/** Officers and mission heads need missions that exist; global roles take none. */
async function checkMissions(db: Db, role: Role, missions: string[]): Promise<void> {
  if (isMissionScoped(role) && missions.length === 0) {
    throw fieldError('/missions', `role ${role} needs at least one mission`);
  }
  if (!isMissionScoped(role) && missions.length > 0) {
    throw fieldError('/missions', `role ${role} is global and takes no mission`);
  }
  const known = await findMissionCodes(db, missions);
  const unknown = missions.filter((m) => !known.includes(m));
  if (unknown.length > 0) throw fieldError('/missions', `unknown mission ${unknown.join(', ')}`);
}

async function presentOne(db: Db, id: string): Promise<StaffAccount> {
  const row = await findStaff(db, id);
  if (!row) throw new ProblemError(404, 'not_found');
  const missions = await listMissionsOfUsers(db, [id]);
  return toStaffAccount(
    row,
    missions.map((m) => m.missionCode),
  );
}

/** Staff accounts matching a filter, a page at a time. */
export async function searchStaff(db: Db, query: StaffQuery): Promise<StaffPage> {
  const filter = { q: query.q, role: query.role, mission: query.mission?.toUpperCase(), status: query.status };
  const [total, rows] = await Promise.all([
    countStaff(db, filter),
    listStaff(db, filter, query.pageSize, (query.page - 1) * query.pageSize),
  ]);
  const missions = await listMissionsOfUsers(
    db,
    rows.map((r) => r.id),
  );
  const items = rows.map((row) =>
    toStaffAccount(
      row,
      missions.filter((m) => m.userId === row.id).map((m) => m.missionCode),
    ),
  );
  return { items, total, page: query.page, pageSize: query.pageSize };
}

/**
 * Creates a staff account without a password and returns its one-time setup link (72 h): the new
 * colleague chooses a password and enrols an authenticator app through it.
 * @throws ProblemError 400 validation_failed (missions), 409 conflict (email taken)
 */
export async function createStaff(
  db: Db,
  config: Config,
  source: AuditSource,
  input: CreateStaffBody,
): Promise<{ account: StaffAccount; setupUrl: string }> {
  const email = input.email.trim().toLowerCase();
  const missions = [...new Set(input.missions.map((m) => m.toUpperCase()))].sort();
  await checkMissions(db, input.role, missions);
  return db.transaction().execute(async (trx) => {
    if (await findUserByEmail(trx, email)) throw new ProblemError(409, 'conflict', `an account for ${email} exists`);
    const id = newId();
    const now = isoNow();
    await insertUser(trx, {
      id,
      email,
      passwordHash: null,
      displayName: input.displayName.trim(),
      role: input.role,
      locale: input.locale,
      status: 'active',
      // The administrator vouches for the address; the setup link is how its owner gets in.
      emailVerifiedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    await insertUserMissions(trx, id, missions);
    const token = await issueLinkToken(trx, id, 'staff_setup');
    await appendAudit(trx, source, {
      action: 'staff.create',
      record: { type: 'user', id },
      details: { email, role: input.role, missions },
    });
    return { account: await presentOne(trx, id), setupUrl: setupUrl(config, token) };
  });
}

/**
 * Changes a staff member's role, missions or status, with the reason recorded in the audit log beside
 * the before and after. Every session of that person ends, so the change applies at once.
 * @throws ProblemError 404 not_found, 400 validation_failed, 409 conflict (own role or status)
 */
export async function updateStaff(
  db: Db,
  source: AuditSource & { actor: Actor },
  id: string,
  patch: UpdateStaffBody,
): Promise<StaffAccount> {
  return db.transaction().execute(async (trx) => {
    const before = await presentOne(trx, id);
    if (!canChangeStaffAccount(source.actor, before, patch)) {
      throw new ProblemError(409, 'conflict', 'ask another administrator to change your own role or status');
    }
    const role = patch.role ?? before.role;
    // A move to a global role drops the missions unless new ones are named (and then they are refused).
    const missions =
      patch.missions !== undefined
        ? [...new Set(patch.missions.map((m) => m.toUpperCase()))].sort()
        : isMissionScoped(role)
          ? before.missions
          : [];
    await checkMissions(trx, role, missions);
    const now = isoNow();
    await updateStaffAccount(trx, id, { role, status: patch.status ?? before.status, updatedAt: now });
    if (missions.join() !== before.missions.join()) {
      await deleteUserMissions(trx, id);
      await insertUserMissions(trx, id, missions);
    }
    const after = await presentOne(trx, id);
    const sessionsEnded = await endAllSessions(trx, id);
    await appendAudit(trx, source, {
      action: 'staff.update',
      record: { type: 'user', id },
      reason: patch.reason,
      details: {
        before: { role: before.role, missions: before.missions, status: before.status },
        after: { role: after.role, missions: after.missions, status: after.status },
        sessionsEnded,
      },
    });
    return after;
  });
}

/**
 * Removes a staff member's authenticator app, recovery codes, password and sessions, and returns a new
 * setup link: the person comes back only through the link the administrator hands over.
 * @throws ProblemError 404 not_found, 409 conflict (own account)
 */
export async function resetSecondFactor(
  db: Db,
  config: Config,
  source: AuditSource & { actor: Actor },
  id: string,
  reason: string,
): Promise<{ setupUrl: string }> {
  return db.transaction().execute(async (trx) => {
    const target = await findStaff(trx, id);
    if (!target) throw new ProblemError(404, 'not_found');
    if (!canResetSecondFactor(source.actor, target)) {
      throw new ProblemError(409, 'conflict', 'ask another administrator to reset your own second factor');
    }
    await deleteTotpCredential(trx, id);
    await deleteRecoveryCodes(trx, id);
    await deleteChallengesOfUser(trx, id);
    await setPasswordHash(trx, id, null, isoNow());
    const sessionsEnded = await endAllSessions(trx, id);
    const token = await issueLinkToken(trx, id, 'staff_setup');
    await appendAudit(trx, source, {
      action: 'staff.second_factor_reset',
      record: { type: 'user', id },
      reason,
      details: { hadTotp: target.totpEnabled, sessionsEnded },
    });
    return { setupUrl: setupUrl(config, token) };
  });
}

/**
 * Spends a staff setup link: sets the chosen password and starts enrolling an authenticator app.
 * A weak password is refused before the link is spent, so the person can try again.
 * @throws ProblemError 400 link_invalid | weak_password
 */
export async function setUpStaffAccount(
  db: Db,
  config: Config,
  input: { token: string; password: string; ip: string | null; locale: Locale },
): Promise<TotpSetupNextStep> {
  return db.transaction().execute(async (trx) => {
    const { userId } = await consumeLinkToken(trx, input.token, 'staff_setup');
    const user = await findUserById(trx, userId);
    if (!user || user.role === 'citizen' || user.status !== 'active') throw new ProblemError(400, 'link_invalid');
    assertPasswordAllowed(input.password, user.email, input.locale, { userInputs: [user.displayName] });
    await setPasswordHash(trx, user.id, await hashPassword(input.password), isoNow());
    await deleteTotpCredential(trx, user.id);
    await deleteRecoveryCodes(trx, user.id);
    await endAllSessions(trx, user.id);
    const next = await startSecondFactor(trx, config, user);
    if (next.next !== 'totp_setup') throw new Error('an enrolled app survived its removal');
    await appendAudit(
      trx,
      { actor: { id: user.id, role: user.role }, ip: input.ip },
      {
        action: 'auth.staff_setup',
        record: { type: 'user', id: user.id },
      },
    );
    return next;
  });
}
