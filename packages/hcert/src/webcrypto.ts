// WebCrypto types taken from globalThis.crypto itself, so the code compiles both with the DOM library (browser)
// and with only Node's types (the server), where names like CryptoKey are not global.
type Subtle = typeof globalThis.crypto.subtle;
export type WebCryptoKey = Awaited<ReturnType<Subtle['importKey']>>;
export type ImportAlgorithm = Parameters<Subtle['importKey']>[2];
export type SignAlgorithm = Parameters<Subtle['sign']>[0];
