import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

// v1.<iv>.<ciphertext>.<tag>, base64url: the version lets a later scheme sit beside this one.
const VERSION = 'v1';

/**
 * Encrypts a private key for storage with AES-256-GCM. `context` (the signer's id) is bound in as associated
 * data, so a sealed key copied onto another signer's row does not open.
 */
export function sealPrivateKey(key: Buffer, plaintext: Uint8Array, context: string): string {
  if (key.length !== 32) throw new Error('seal: the key must be 256 bits');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return [VERSION, iv, ciphertext, cipher.getAuthTag()]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join('.');
}

/** Opens a sealed private key; throws when the key, the context or any byte is not the one it was sealed with. */
export function unsealPrivateKey(key: Buffer, sealed: string, context: string): Uint8Array {
  const [version, iv, ciphertext, tag, ...rest] = sealed.split('.');
  if (version !== VERSION || iv === undefined || ciphertext === undefined || tag === undefined || rest.length > 0) {
    throw new Error('unseal: not a sealed key of a known version');
  }
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  try {
    return new Uint8Array(Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]));
  } catch {
    throw new Error('unseal: the sealed key does not open with this server secret');
  }
}
