import {
  type BusinessRuleSet,
  followCscaHandovers,
  readBusinessRules,
  readVerifierLists,
  type VerifierLists,
  verifySignedList,
} from '@homeward/hcert';
import { readCache, writeCache } from '../../lib/cache.store.ts';

export const TRUST_LIST_PATH = '/api/v1/certificates/trust-list';
/** The same list as a JWS signed by the country signing CA (CSCA); the verifier uses only this one. */
export const SIGNED_TRUST_LIST_PATH = '/api/v1/certificates/trust-list/signed';
/** The CSCA certificate (base64 DER) that signed the first list this device accepted: every later list must match. */
const PIN_KEY = 'certificates:csca-pin';
/** Hand-over statements, each signed by a replaced CSCA and naming the next: how a pinned device moves on. */
export const CSCA_HANDOVERS_PATH = '/api/v1/certificates/csca-handovers';
export const REVOCATION_LIST_PATH = '/api/v1/certificates/revocation-list';
export const BUSINESS_RULES_PATH = '/api/v1/certificates/business-rules';
const CACHE_KEY = 'certificates:lists';

interface RawLists {
  trust: unknown;
  revocation: unknown;
  /** Absent in copies saved before the rules were published. */
  rules?: unknown;
}

export interface LoadedLists {
  lists: VerifierLists;
  /** The business rules per destination; null when this device has none readable. */
  rules: BusinessRuleSet | null;
  /** When the lists were downloaded (epoch ms). */
  savedAt: number;
  /** False when the network failed and the copy on this device is used. */
  fresh: boolean;
}

function rulesOrNull(json: unknown): BusinessRuleSet | null {
  try {
    return readBusinessRules(json);
  } catch {
    return null;
  }
}

async function fetchJson(path: string): Promise<unknown> {
  const response = await fetch(path, { headers: { Accept: 'application/json' }, cache: 'no-cache' });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

/**
 * Downloads the signed trust list and checks its signature. The first list this device accepts pins its signer
 * (trust on first use, over the same HTTPS origin that serves the app). A later list must be signed by the pinned
 * CSCA, or by a CSCA that hand-over statements lead to from the pinned one (each signed by the CSCA it replaces;
 * the device then pins the new one). Anything else is refused, and the verifier keeps its saved copy.
 */
async function fetchSignedTrustList(): Promise<unknown> {
  const signed = await fetchJson(SIGNED_TRUST_LIST_PATH);
  const jws = typeof signed === 'object' && signed !== null && 'jws' in signed ? signed.jws : null;
  if (typeof jws !== 'string') throw new Error('signed trust list: no jws');
  const pinned = readCache<string>(PIN_KEY)?.data ?? null;
  if (!pinned) {
    const { content, signerCertificate } = await verifySignedList(jws);
    writeCache<string>(PIN_KEY, signerCertificate);
    return content;
  }
  try {
    return (await verifySignedList(jws, { pinned })).content;
  } catch (refused) {
    // Perhaps the CSCA was replaced: the list must check on its own, and a hand-over must lead to its signer.
    const { content, signerCertificate } = await verifySignedList(jws);
    const published = await fetchJson(CSCA_HANDOVERS_PATH);
    const handovers =
      typeof published === 'object' &&
      published !== null &&
      'handovers' in published &&
      Array.isArray(published.handovers)
        ? published.handovers
        : [];
    if (!(await followCscaHandovers(handovers, pinned, signerCertificate))) throw refused;
    writeCache<string>(PIN_KEY, signerCertificate);
    return content;
  }
}

/**
 * The trust list and revocation list for offline verification: downloaded when the network answers (the browser
 * revalidates with the ETag, so an unchanged list costs a 304), otherwise the copy saved on this device.
 * Resolves to null when there is neither.
 */
export async function loadVerifierLists(): Promise<LoadedLists | null> {
  try {
    const [trust, revocation, rules] = await Promise.all([
      fetchSignedTrustList(),
      fetchJson(REVOCATION_LIST_PATH),
      fetchJson(BUSINESS_RULES_PATH),
    ]);
    const lists = await readVerifierLists(trust, revocation, { requireChain: true });
    const readRules = readBusinessRules(rules);
    const savedAt = Date.now();
    writeCache<RawLists>(CACHE_KEY, { trust, revocation, rules }, savedAt);
    return { lists, rules: readRules, savedAt, fresh: true };
  } catch {
    const cached = readCache<RawLists>(CACHE_KEY);
    if (!cached) return null;
    try {
      const lists = await readVerifierLists(cached.data.trust, cached.data.revocation, { requireChain: true });
      return { lists, rules: rulesOrNull(cached.data.rules), savedAt: cached.savedAt, fresh: false };
    } catch {
      return null;
    }
  }
}
