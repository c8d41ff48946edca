import type {
  DeleteAccountResult,
  KeptRecord,
  Passkey,
  Profile,
  ProfilePatchBody,
  Sent,
  SessionInfo,
  SessionUser,
  SignInResult,
  SignUpBody,
} from '@homeward/shared';
import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';
import { getJson, sendJson } from '../../lib/api.client.ts';

// The shared schemas (decision 0003) are the server's too; it validates its answers against them.
export type { KeptRecord, Passkey, Profile, SessionInfo };

const V1 = '/api/v1';
export const EXPORT_PATH = `${V1}/accounts/me/export`;
export const PROFILE_PATH = `${V1}/accounts/me`;
export const PASSKEYS_PATH = `${V1}/passkeys`;
export const SESSIONS_PATH = `${V1}/auth/sessions`;

export function fetchSessionUser(signal?: AbortSignal): Promise<{ user: SessionUser }> {
  return getJson(`${V1}/auth/me`, signal);
}

export function signIn(body: { email: string; password: string }): Promise<SignInResult> {
  return sendJson('POST', `${V1}/auth/sign-in`, body);
}

export function signOut(): Promise<void> {
  return sendJson('POST', `${V1}/auth/sign-out`);
}

export function signUp(body: SignUpBody): Promise<Sent> {
  return sendJson('POST', `${V1}/accounts/sign-up`, body);
}

export function verifyEmail(token: string): Promise<{ user: SessionUser }> {
  return sendJson('POST', `${V1}/accounts/verify-email`, { token });
}

export function resendVerification(email: string): Promise<Sent> {
  return sendJson('POST', `${V1}/accounts/resend-verification`, { email });
}

export function requestPasswordReset(email: string): Promise<Sent> {
  return sendJson('POST', `${V1}/accounts/password-reset`, { email });
}

export function confirmPasswordReset(token: string, password: string): Promise<void> {
  return sendJson('POST', `${V1}/accounts/password-reset/confirm`, { token, password });
}

export function updateProfile(body: ProfilePatchBody): Promise<Profile> {
  return sendJson('PATCH', PROFILE_PATH, body);
}

export function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  return sendJson('POST', `${V1}/accounts/me/password`, { currentPassword, newPassword });
}

export function deleteAccount(password: string): Promise<DeleteAccountResult> {
  return sendJson('POST', `${V1}/accounts/me/delete`, { password });
}

export function endSession(id: string): Promise<void> {
  return sendJson('DELETE', `${SESSIONS_PATH}/${encodeURIComponent(id)}`);
}

export function signOutEverywhere(): Promise<void> {
  return sendJson('POST', `${V1}/auth/sign-out-everywhere`);
}

export function passkeyRegistrationOptions(): Promise<PublicKeyCredentialCreationOptionsJSON> {
  return sendJson('POST', `${V1}/passkeys/registration/options`);
}

export function verifyPasskeyRegistration(response: RegistrationResponseJSON, name: string): Promise<Passkey> {
  return sendJson('POST', `${V1}/passkeys/registration/verify`, name ? { response, name } : { response });
}

export function removePasskey(id: string): Promise<void> {
  return sendJson('DELETE', `${PASSKEYS_PATH}/${encodeURIComponent(id)}`);
}

export function passkeySignInOptions(): Promise<PublicKeyCredentialRequestOptionsJSON> {
  return sendJson('POST', `${V1}/auth/passkey/options`, {});
}

export function verifyPasskeySignIn(response: AuthenticationResponseJSON): Promise<{ user: SessionUser }> {
  return sendJson('POST', `${V1}/auth/passkey/verify`, { response });
}
