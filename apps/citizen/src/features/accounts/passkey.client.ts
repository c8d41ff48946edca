import type { SessionUser } from '@homeward/shared';
import { browserSupportsWebAuthn, startAuthentication, startRegistration } from '@simplewebauthn/browser';
import {
  type Passkey,
  passkeyRegistrationOptions,
  passkeySignInOptions,
  verifyPasskeyRegistration,
  verifyPasskeySignIn,
} from './accounts.api.ts';

/** The person closed the prompt, it timed out, or the device refused: not a server problem. */
export class PasskeyCancelled extends Error {}
export class PasskeyUnsupported extends Error {}

function isBrowserRefusal(error: unknown): boolean {
  // WebAuthn reports a cancelled or timed-out prompt as NotAllowedError; @simplewebauthn wraps it by name.
  return error instanceof Error && ['NotAllowedError', 'AbortError', 'InvalidStateError'].includes(error.name);
}

/** Signs in with a discoverable passkey: options from the server, the device prompt, then the server's check. */
export async function signInWithPasskey(): Promise<{ user: SessionUser }> {
  if (!browserSupportsWebAuthn()) throw new PasskeyUnsupported();
  const optionsJSON = await passkeySignInOptions();
  let response: Awaited<ReturnType<typeof startAuthentication>>;
  try {
    response = await startAuthentication({ optionsJSON });
  } catch (error) {
    if (isBrowserRefusal(error)) throw new PasskeyCancelled();
    throw error;
  }
  return verifyPasskeySignIn(response);
}

/** Creates a passkey on this device for the signed-in account. */
export async function addPasskey(name: string): Promise<Passkey> {
  if (!browserSupportsWebAuthn()) throw new PasskeyUnsupported();
  const optionsJSON = await passkeyRegistrationOptions();
  let response: Awaited<ReturnType<typeof startRegistration>>;
  try {
    response = await startRegistration({ optionsJSON });
  } catch (error) {
    if (isBrowserRefusal(error)) throw new PasskeyCancelled();
    throw error;
  }
  return verifyPasskeyRegistration(response, name);
}
