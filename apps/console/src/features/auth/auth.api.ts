import type { SessionUser, SignInBody } from '@homeward/shared';
import { getJson, postJson } from '../../lib/api.client.ts';

export function signIn(body: SignInBody): Promise<{ user: SessionUser }> {
  return postJson('/api/v1/auth/sign-in', body);
}

export function signOut(): Promise<void> {
  return postJson('/api/v1/auth/sign-out');
}

export function fetchMe(signal?: AbortSignal): Promise<{ user: SessionUser }> {
  return getJson('/api/v1/auth/me', signal);
}
