import type { HealthCertificate } from '@homeward/shared';
import { ApiError, getJson } from '../../lib/api.client.ts';
import { readCache, writeCache } from '../../lib/cache.store.ts';

export const MY_CERTIFICATES_PATH = '/api/v1/certificates/mine';
const WALLET_KEY = 'certificates:wallet';
const KEEP_KEY = 'homeward.wallet.keep';

export type WalletState =
  | { status: 'loading' }
  /** From the server just now. */
  | { status: 'ready'; certificates: HealthCertificate[]; saved: boolean }
  /** The server could not be reached or the session ended: the copy saved on this phone, if any. */
  | { status: 'offline' | 'signed-out'; certificates: HealthCertificate[] | null; savedAt: number | null };

/**
 * Whether the person keeps their certificates on this phone for offline use. On by default (showing a
 * certificate at a border without a connection is the point), and they can turn it off on a shared phone.
 */
export function keepsWalletOnDevice(): boolean {
  try {
    return localStorage.getItem(KEEP_KEY) !== 'no';
  } catch {
    return false;
  }
}

export function setKeepWalletOnDevice(keep: boolean): void {
  try {
    localStorage.setItem(KEEP_KEY, keep ? 'yes' : 'no');
    if (!keep) forgetWallet();
  } catch {
    // Storage disabled: nothing is kept anyway.
  }
}

export function forgetWallet(): void {
  try {
    localStorage.removeItem(`homeward.cache:${WALLET_KEY}`);
  } catch {
    // Nothing to remove.
  }
}

/** The citizen's certificates: from the server when it answers, otherwise the copy on this phone. */
export async function loadWallet(): Promise<WalletState> {
  try {
    const certificates = await getJson<HealthCertificate[]>(MY_CERTIFICATES_PATH);
    const saved = keepsWalletOnDevice();
    if (saved) writeCache(WALLET_KEY, certificates);
    return { status: 'ready', certificates, saved };
  } catch (error) {
    const cached = readCache<HealthCertificate[]>(WALLET_KEY);
    const signedOut = error instanceof ApiError && (error.status === 401 || error.status === 403);
    return {
      status: signedOut ? 'signed-out' : 'offline',
      certificates: cached?.data ?? null,
      savedAt: cached?.savedAt ?? null,
    };
  }
}
