import type { ArrivalPositionResult } from '@homeward/shared';
import { sendJson } from '../../lib/api.client.ts';

/** 0.1° of latitude is about 11 km: the server never needs more to tell the country. */
const coarse = (value: number) => Math.round(value * 10) / 10;

export class PositionRefused extends Error {}

/** The phone's approximate position, with the browser's permission; low accuracy is enough and saves battery. */
export function coarsePosition(): Promise<{ lat: number; lon: number }> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) {
      reject(new PositionRefused('no geolocation'));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (position) => resolve({ lat: coarse(position.coords.latitude), lon: coarse(position.coords.longitude) }),
      (error) => reject(error.code === error.PERMISSION_DENIED ? new PositionRefused(error.message) : error),
      { enableHighAccuracy: false, maximumAge: 10 * 60_000, timeout: 15_000 },
    );
  });
}

/** Tells the server where the app was opened; it answers the country and whether a welcome was sent. */
export function reportPosition(at: { lat: number; lon: number }): Promise<ArrivalPositionResult> {
  return sendJson<ArrivalPositionResult>('POST', '/api/v1/arrivals/position', {
    lat: coarse(at.lat),
    lon: coarse(at.lon),
  });
}
