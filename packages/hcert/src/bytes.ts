/** Small byte helpers that behave the same in Node and the browser (atob/btoa exist in both). */

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function toBase64(bytes: Uint8Array): string {
  // Short inputs (a kid is 8 bytes, looked up on every verification) by table, without btoa's binary string.
  if (bytes.length <= 48) {
    let out = '';
    let i = 0;
    for (; i + 2 < bytes.length; i += 3) {
      const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
      out +=
        BASE64_ALPHABET.charAt(n >> 18) +
        BASE64_ALPHABET.charAt((n >> 12) & 63) +
        BASE64_ALPHABET.charAt((n >> 6) & 63) +
        BASE64_ALPHABET.charAt(n & 63);
    }
    if (i < bytes.length) {
      const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8);
      out += BASE64_ALPHABET.charAt(n >> 18) + BASE64_ALPHABET.charAt((n >> 12) & 63);
      out += i + 1 < bytes.length ? `${BASE64_ALPHABET.charAt((n >> 6) & 63)}=` : '==';
    }
    return out;
  }
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Decodes standard or URL-safe base64, ignoring whitespace; throws on anything else. */
export function fromBase64(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, '').replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(clean.padEnd(Math.ceil(clean.length / 4) * 4, '='));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

export function fromHex(text: string): Uint8Array {
  const clean = text.trim();
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean)) throw new Error('not a hex string');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Reads the body of a PEM block with the given label (e.g. CERTIFICATE, PRIVATE KEY); null if there is none. */
export function fromPem(text: string, label: string): Uint8Array | null {
  const match = new RegExp(`-----BEGIN ${label}-----([^-]+)-----END ${label}-----`).exec(text);
  return match?.[1] === undefined ? null : fromBase64(match[1]);
}

export function toPem(bytes: Uint8Array, label: string): string {
  const lines = toBase64(bytes).match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** WebCrypto wants a BufferSource backed by a plain ArrayBuffer; copy to one. */
export function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const out = new ArrayBuffer(bytes.length);
  new Uint8Array(out).set(bytes);
  return out;
}
