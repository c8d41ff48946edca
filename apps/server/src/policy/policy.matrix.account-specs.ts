import type { Role } from '@homeward/shared';
import { signInAs } from '../../test/support/app.ts';
import { isoNow, newId } from '../clock.ts';
import { DEMO_PASSWORD } from '../modules/demo/demo.accounts.ts';
import { createUser } from '../modules/users/users.service.ts';
import { ACCOUNT_OF, EVERY_ROLE, freshCookie, get, type MatrixWorld, type RouteSpec } from './policy.matrix.world.ts';

/** Specs for the account, passkey, second-factor, staff and token routes (decision 0003). */

const STRONG = 'matrix probe passphrase 8412';
const ADMINS_ONLY = { hq_admin: 'any' } as const;
const CITIZENS_ONLY = { citizen: 'any' } as const;
let counter = 0;
const unique = (label: string) => `matrix.${label}.${Date.now().toString(36)}.${counter++}@example.org`;

/** A verified throw-away citizen, signed in: routes that delete or change an account act on it. */
async function throwawayCitizen(world: MatrixWorld): Promise<{ id: string; email: string; cookie: string }> {
  const email = unique('citizen');
  const { id } = await createUser(world.db, {
    email,
    password: STRONG,
    displayName: 'MATRIX CITIZEN',
    role: 'citizen',
  });
  await world.db.updateTable('users').set({ emailVerifiedAt: isoNow() }).where('id', '=', id).execute();
  return { id, email, cookie: await signInAs(world.app, email, STRONG) };
}

/** A throw-away staff account for admin actions, so demo accounts keep their roles. */
async function throwawayStaff(world: MatrixWorld): Promise<string> {
  const { id } = await createUser(world.db, {
    email: unique('staff'),
    password: STRONG,
    displayName: 'MATRIX STAFF',
    role: 'hotline_agent',
  });
  return id;
}

async function userId(world: MatrixWorld, role: Role): Promise<string> {
  const row = await world.db
    .selectFrom('users')
    .select('id')
    .where('email', '=', ACCOUNT_OF[role])
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A passkey row owned by the role's user (own) or by someone else (other). */
async function passkeyFor(world: MatrixWorld, role: Role | null, own: boolean): Promise<string> {
  const owner = own && role ? await userId(world, role) : (await throwawayCitizen(world)).id;
  const id = newId();
  await world.db
    .insertInto('passkeys')
    .values({
      id,
      credentialId: newId(),
      userId: owner,
      name: 'matrix',
      publicKey: 'AA',
      counter: 0,
      transports: '[]',
      deviceType: 'singleDevice',
      backedUp: 0,
      createdAt: isoNow(),
      lastUsedAt: null,
    })
    .execute();
  return id;
}

/** A session of the role's user (own) or of another user (other), by the id the sessions list shows. */
async function sessionIdFor(world: MatrixWorld, role: Role | null, own: boolean): Promise<string> {
  const who: Role = own && role ? role : role === 'auditor' ? 'health_issuer' : 'auditor';
  const cookie = await signInAs(world.app, ACCOUNT_OF[who], DEMO_PASSWORD);
  const list = (await world.app.inject({ url: '/api/v1/auth/sessions', headers: { cookie } })).json() as {
    id: string;
    current: boolean;
  }[];
  return list.find((s) => s.current)?.id ?? 'missing';
}

async function resignIn(world: MatrixWorld, role: Role | null): Promise<void> {
  if (role) world.cookies[role] = await signInAs(world.app, ACCOUNT_OF[role], DEMO_PASSWORD);
}

const bogusCredential = {
  id: 'AAAA',
  rawId: 'AAAA',
  type: 'public-key',
  clientExtensionResults: {},
  response: { clientDataJSON: 'AAAA', authenticatorData: 'AAAA', signature: 'AAAA' },
};

function publicPost(url: string, payload: Record<string, unknown>, okStatus: number): RouteSpec {
  return {
    allow: EVERY_ROLE,
    anonymous: 'allow',
    okStatus,
    denied: 403,
    outOfScope: 404,
    build: () => ({ method: 'POST', url, payload, headers: { cookie: 'hw_session=unknown' } }),
  };
}

export const ACCOUNT_SPECS: Record<string, RouteSpec> = {
  // Public account flows answer the same to everyone; a bad token is refused by the handler, not the gate.
  'POST /api/v1/accounts/sign-up': {
    ...publicPost('/api/v1/accounts/sign-up', {}, 202),
    build: () => ({
      method: 'POST',
      url: '/api/v1/accounts/sign-up',
      headers: { cookie: 'hw_session=unknown' },
      payload: { email: unique('signup'), password: STRONG, displayName: 'MATRIX', locale: 'en' },
    }),
  },
  'POST /api/v1/accounts/verify-email': publicPost('/api/v1/accounts/verify-email', { token: 'x'.repeat(43) }, 400),
  'POST /api/v1/accounts/resend-verification': publicPost(
    '/api/v1/accounts/resend-verification',
    { email: 'nobody@example.org' },
    202,
  ),
  'POST /api/v1/accounts/password-reset': publicPost(
    '/api/v1/accounts/password-reset',
    { email: 'nobody@example.org' },
    202,
  ),
  'POST /api/v1/accounts/password-reset/confirm': publicPost(
    '/api/v1/accounts/password-reset/confirm',
    { token: 'x'.repeat(43), password: STRONG },
    400,
  ),
  'POST /api/v1/auth/passkey/options': publicPost('/api/v1/auth/passkey/options', {}, 200),
  'POST /api/v1/auth/passkey/verify': publicPost('/api/v1/auth/passkey/verify', { response: bogusCredential }, 401),
  'POST /api/v1/auth/totp': publicPost('/api/v1/auth/totp', { challenge: 'x'.repeat(43), code: '123456' }, 401),
  'POST /api/v1/auth/recovery': publicPost(
    '/api/v1/auth/recovery',
    { challenge: 'x'.repeat(43), code: 'abcd-efgh' },
    401,
  ),
  'POST /api/v1/auth/setup': publicPost('/api/v1/auth/setup', { token: 'x'.repeat(43), password: STRONG }, 400),

  // Every signed-in person manages their own account and sessions.
  'GET /api/v1/accounts/me': {
    allow: EVERY_ROLE,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: get('/api/v1/accounts/me'),
  },
  'PATCH /api/v1/accounts/me': {
    allow: EVERY_ROLE,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: () => ({ method: 'PATCH', url: '/api/v1/accounts/me', payload: { locale: 'zh-CN' } }),
  },
  'POST /api/v1/accounts/me/password': {
    allow: EVERY_ROLE,
    okStatus: 204,
    denied: 403,
    outOfScope: 404,
    build: async (world, role) => ({
      method: 'POST',
      url: '/api/v1/accounts/me/password',
      headers: await freshCookie(world, role),
      payload: { currentPassword: DEMO_PASSWORD, newPassword: DEMO_PASSWORD },
    }),
    after: resignIn,
  },
  'GET /api/v1/accounts/me/export': {
    allow: EVERY_ROLE,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: get('/api/v1/accounts/me/export'),
  },
  'POST /api/v1/accounts/me/delete': {
    allow: CITIZENS_ONLY,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: async (world, role) => {
      if (role !== 'citizen')
        return { method: 'POST', url: '/api/v1/accounts/me/delete', payload: { password: DEMO_PASSWORD } };
      const throwaway = await throwawayCitizen(world);
      return {
        method: 'POST',
        url: '/api/v1/accounts/me/delete',
        headers: { cookie: throwaway.cookie },
        payload: { password: STRONG },
      };
    },
  },
  'GET /api/v1/auth/sessions': {
    allow: EVERY_ROLE,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: get('/api/v1/auth/sessions'),
  },
  'DELETE /api/v1/auth/sessions/:id': {
    allow: {
      citizen: 'own',
      hq_admin: 'own',
      hotline_agent: 'own',
      consular_officer: 'own',
      mission_head: 'own',
      alert_manager: 'own',
      health_issuer: 'own',
      auditor: 'own',
    },
    okStatus: 204,
    denied: 403,
    outOfScope: 404,
    build: async (world, role, scope) => ({
      method: 'DELETE',
      url: `/api/v1/auth/sessions/${await sessionIdFor(world, role, scope === 'own')}`,
    }),
  },
  'POST /api/v1/auth/sign-out-everywhere': {
    allow: EVERY_ROLE,
    okStatus: 204,
    denied: 403,
    outOfScope: 404,
    build: () => ({ method: 'POST', url: '/api/v1/auth/sign-out-everywhere' }),
    after: resignIn,
  },
  'POST /api/v1/auth/recovery-codes': {
    allow: {
      hq_admin: 'any',
      hotline_agent: 'any',
      consular_officer: 'any',
      mission_head: 'any',
      alert_manager: 'any',
      health_issuer: 'any',
      auditor: 'any',
    },
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: () => ({ method: 'POST', url: '/api/v1/auth/recovery-codes', payload: { password: DEMO_PASSWORD } }),
  },

  // Passkeys are a citizen sign-in method; staff sign in with a password and TOTP.
  'POST /api/v1/passkeys/registration/options': {
    allow: CITIZENS_ONLY,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: () => ({ method: 'POST', url: '/api/v1/passkeys/registration/options' }),
  },
  'POST /api/v1/passkeys/registration/verify': {
    allow: CITIZENS_ONLY,
    okStatus: 400,
    denied: 403,
    outOfScope: 404,
    build: () => ({
      method: 'POST',
      url: '/api/v1/passkeys/registration/verify',
      payload: { response: { ...bogusCredential, response: { clientDataJSON: 'AAAA', attestationObject: 'AAAA' } } },
    }),
  },
  'GET /api/v1/passkeys': {
    allow: CITIZENS_ONLY,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: get('/api/v1/passkeys'),
  },
  'DELETE /api/v1/passkeys/:id': {
    allow: { citizen: 'own' },
    okStatus: 204,
    denied: 403,
    outOfScope: 404,
    build: async (world, role, scope) => ({
      method: 'DELETE',
      url: `/api/v1/passkeys/${await passkeyFor(world, role, scope === 'own')}`,
    }),
  },

  // Staff administration and API tokens: headquarters administrators only.
  'GET /api/v1/staff': { allow: ADMINS_ONLY, okStatus: 200, denied: 403, outOfScope: 404, build: get('/api/v1/staff') },
  'POST /api/v1/staff': {
    allow: ADMINS_ONLY,
    okStatus: 201,
    denied: 403,
    outOfScope: 404,
    build: () => ({
      method: 'POST',
      url: '/api/v1/staff',
      payload: {
        email: unique('new-staff'),
        displayName: 'MATRIX NEW',
        role: 'consular_officer',
        missions: ['US-WAS'],
        locale: 'en',
      },
    }),
  },
  'PATCH /api/v1/staff/:id': {
    allow: ADMINS_ONLY,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: async (world) => ({
      method: 'PATCH',
      url: `/api/v1/staff/${await throwawayStaff(world)}`,
      payload: { status: 'disabled', reason: 'policy matrix probe' },
    }),
  },
  'POST /api/v1/staff/:id/reset-second-factor': {
    allow: ADMINS_ONLY,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: async (world) => ({
      method: 'POST',
      url: `/api/v1/staff/${await throwawayStaff(world)}/reset-second-factor`,
      payload: { reason: 'policy matrix probe' },
    }),
  },
  'GET /api/v1/tokens': {
    allow: ADMINS_ONLY,
    okStatus: 200,
    denied: 403,
    outOfScope: 404,
    build: get('/api/v1/tokens'),
  },
  'POST /api/v1/tokens': {
    allow: ADMINS_ONLY,
    okStatus: 201,
    denied: 403,
    outOfScope: 404,
    build: () => ({ method: 'POST', url: '/api/v1/tokens', payload: { name: 'matrix', scopes: ['missions:read'] } }),
  },
  'DELETE /api/v1/tokens/:id': {
    allow: ADMINS_ONLY,
    okStatus: 204,
    denied: 403,
    outOfScope: 404,
    build: async (world) => {
      const created = await world.app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: { cookie: world.cookies.hq_admin, 'content-type': 'application/json', 'x-requested-with': 'homeward' },
        payload: { name: 'matrix-revoke', scopes: ['audit:read'] },
      });
      return { method: 'DELETE', url: `/api/v1/tokens/${(created.json() as { token: { id: string } }).token.id}` };
    },
  },
};
