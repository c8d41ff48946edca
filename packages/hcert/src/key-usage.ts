/** The three DCC certificate types: vaccination, test, recovery (the payload's group key). */
export type CertificateType = 'v' | 't' | 'r';

// Both OID arcs occur in the wild: the registered 1.3.6.1.4.1.1847 and the 1.3.6.1.4.1.0.1847 that early
// signer certificates used; the specification accepts both.
const TYPE_OIDS: Record<CertificateType, readonly string[]> = {
  t: ['1.3.6.1.4.1.1847.2021.1.1', '1.3.6.1.4.1.0.1847.2021.1.1'],
  v: ['1.3.6.1.4.1.1847.2021.1.2', '1.3.6.1.4.1.0.1847.2021.1.2'],
  r: ['1.3.6.1.4.1.1847.2021.1.3', '1.3.6.1.4.1.0.1847.2021.1.3'],
};
const ALL_DCC_OIDS = new Set(Object.values(TYPE_OIDS).flat());

/** Which certificate types a payload holds (normally exactly one). */
export function certificateTypesOf(payload: unknown): CertificateType[] {
  if (typeof payload !== 'object' || payload === null) return [];
  // Three tests rather than filter() with a callback: this runs twice per verification.
  const types: CertificateType[] = [];
  if ('v' in payload) types.push('v');
  if ('t' in payload) types.push('t');
  if ('r' in payload) types.push('r');
  return types;
}

/**
 * May a signer certificate with these extended key usages sign this payload? A certificate that names any DCC
 * type in its extended key usage may sign only the types it names; one that names none (no extension, an empty
 * one, or only unrelated usages) may sign every type.
 */
export function keyUsageAllows(extendedKeyUsage: readonly string[] | null, payload: unknown): boolean {
  const types = certificateTypesOf(payload);
  if (types.length === 0) return false;
  // The common signer certificate names no DCC usage: answered without building the list of its DCC ones.
  if (!extendedKeyUsage?.some((oid) => ALL_DCC_OIDS.has(oid))) return true;
  const dccOids = extendedKeyUsage.filter((oid) => ALL_DCC_OIDS.has(oid));
  return types.every((type) => TYPE_OIDS[type].some((oid) => dccOids.includes(oid)));
}
