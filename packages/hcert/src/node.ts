// Node-only helpers (they need node:fs, node:zlib or node:crypto), kept out of the isomorphic main entry.
export { importNodeSigningKey, nodeBackend } from './node.backend.ts';
export { decodeQrPng } from './qr.decode.ts';
export { loadSchemaDir } from './schema.node.ts';
