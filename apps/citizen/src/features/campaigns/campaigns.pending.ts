import type { MyCampaignRegistration, RegisterForCampaignBody } from '@homeward/shared';
import { ApiError, sendJson } from '../../lib/api.client.ts';
import { newKey, retryDelay } from '../../lib/offline-queue.ts';
import { registrationsPath } from './campaigns.api.ts';

// A campaign registration made without a network waits on this phone and is sent when the network returns, with
// the Idempotency-Key it was given when first submitted (decision 0010), as help requests do with their queue
// (lib/offline-queue.ts, whose key and back-off this reuses): a retry after a lost answer registers once. Kept in
// localStorage per campaign: small, and only the choices of the form (no personal data but a birth date).

const PREFIX = 'homeward.campaign-registration.';

export interface PendingRegistration {
  campaignId: string;
  key: string;
  body: RegisterForCampaignBody;
  savedAt: number;
  attempts: number;
}

export function readPending(campaignId: string): PendingRegistration | null {
  try {
    const text = localStorage.getItem(PREFIX + campaignId);
    // Boundary: written by savePending below.
    return text ? (JSON.parse(text) as PendingRegistration) : null;
  } catch {
    return null;
  }
}

function write(pending: PendingRegistration | null, campaignId: string): void {
  try {
    if (pending) localStorage.setItem(PREFIX + campaignId, JSON.stringify(pending));
    else localStorage.removeItem(PREFIX + campaignId);
  } catch {
    // Storage disabled: the registration is only as safe as the open page.
  }
}

/** Keeps a submission on the phone before it is sent; the same body keeps the same key. */
export function savePending(campaignId: string, body: RegisterForCampaignBody): PendingRegistration {
  const known = readPending(campaignId);
  const pending =
    known && JSON.stringify(known.body) === JSON.stringify(body)
      ? known
      : { campaignId, key: newKey(), body, savedAt: Date.now(), attempts: 0 };
  write(pending, campaignId);
  return pending;
}

export function dropPending(campaignId: string): void {
  write(null, campaignId);
}

export type SendOutcome =
  | { kind: 'sent'; registration: MyCampaignRegistration }
  | { kind: 'refused'; error: ApiError }
  | { kind: 'offline'; retryInMs: number };

/**
 * Sends a saved registration. The server's answer (or its refusal) ends the wait; no network keeps it for the
 * next try (the page retries when the browser says it is online again, or after the back-off).
 */
export async function sendPending(pending: PendingRegistration): Promise<SendOutcome> {
  try {
    const registration = await sendJson<MyCampaignRegistration>(
      'POST',
      registrationsPath(pending.campaignId),
      pending.body,
      { idempotencyKey: pending.key },
    );
    dropPending(pending.campaignId);
    return { kind: 'sent', registration };
  } catch (error) {
    const apiError = error instanceof ApiError ? error : new ApiError(0, null);
    if (apiError.offline || apiError.status >= 500) {
      const next = { ...pending, attempts: pending.attempts + 1 };
      write(next, pending.campaignId);
      return { kind: 'offline', retryInMs: retryDelay(next.attempts) };
    }
    dropPending(pending.campaignId);
    return { kind: 'refused', error: apiError };
  }
}
