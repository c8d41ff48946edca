// Node-only helpers (they need node:fs or node:zlib), kept out of the isomorphic main entry.
export { decodeQrPng } from './qr.decode.ts';
export { loadSchemaDir } from './schema.node.ts';
