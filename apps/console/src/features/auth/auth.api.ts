import type {
  SecondFactorResult,
  SessionInfo,
  SessionUser,
  SignInBody,
  SignInResult,
  TotpSetupNextStep,
} from '@homeward/shared';
import { deleteJson, getJson, postJson } from '../../lib/api.client.ts';

export type { SignInResult } from '@homeward/shared';
/** First-time authenticator setup, from sign-in or from a setup link. */
export type TotpSetupStep = TotpSetupNextStep;

export function signIn(body: SignInBody): Promise<SignInResult> {
  return postJson('/api/v1/auth/sign-in', body);
}

/** Completes sign-in with an authenticator code; recovery codes come back only right after setup. */
export function submitTotp(challenge: string, code: string): Promise<SecondFactorResult> {
  return postJson('/api/v1/auth/totp', { challenge, code });
}

export function submitRecoveryCode(challenge: string, code: string): Promise<{ user: SessionUser }> {
  return postJson('/api/v1/auth/recovery', { challenge, code });
}

/** Staff setup link: sets the first password and starts TOTP setup. */
export function completeSetup(token: string, password: string): Promise<TotpSetupStep> {
  return postJson('/api/v1/auth/setup', { token, password });
}

export function signOut(): Promise<void> {
  return postJson('/api/v1/auth/sign-out');
}

export function fetchMe(signal?: AbortSignal): Promise<{ user: SessionUser }> {
  return getJson('/api/v1/auth/me', signal);
}

export type StaffSession = SessionInfo;

export const SESSIONS_PATH = '/api/v1/auth/sessions';

export function endSession(id: string): Promise<void> {
  return deleteJson(`${SESSIONS_PATH}/${encodeURIComponent(id)}`);
}

export function signOutEverywhere(): Promise<void> {
  return postJson('/api/v1/auth/sign-out-everywhere');
}

export function regenerateRecoveryCodes(password: string): Promise<{ recoveryCodes: string[] }> {
  return postJson('/api/v1/auth/recovery-codes', { password });
}
