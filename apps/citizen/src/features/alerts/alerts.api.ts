import type { CheckinAnswer, CheckinBody, CheckinLink, CheckinResult, CitizenAlert } from '@homeward/shared';
import { sendJson } from '../../lib/api.client.ts';

// Safety alerts as a recipient reads them, and "Are you safe?" (decision 0021).

export type { CheckinAnswer, CheckinLink, CheckinResult, CitizenAlert };

export const alertPath = (id: string) => `/api/v1/alerts/${encodeURIComponent(id)}/public`;
export const linkPath = (token: string) => `/api/v1/checkins/${encodeURIComponent(token)}`;

export const answerAlert = (id: string, body: CheckinBody) =>
  sendJson<CheckinResult>('POST', `/api/v1/alerts/${encodeURIComponent(id)}/checkin`, body);
export const answerLink = (token: string, body: CheckinBody) => sendJson<CheckinResult>('POST', linkPath(token), body);

/**
 * The phone's position for a "need help" answer, only when the person asks to share it; null when refused or
 * unavailable (never blocks the answer).
 */
export function currentPosition(): Promise<{ lat: number; lon: number } | null> {
  return new Promise((resolve) => {
    if (!('geolocation' in navigator)) return resolve(null);
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lon: p.coords.longitude }),
      () => resolve(null),
      { enableHighAccuracy: false, timeout: 10_000, maximumAge: 300_000 },
    );
  });
}
