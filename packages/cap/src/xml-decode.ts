import { CapError } from './cap.error.ts';

type Family = 'ascii-compatible' | 'utf-16le' | 'utf-16be';

const LATIN1_LABELS = new Set([
  'iso-8859-1',
  'iso8859-1',
  'iso_8859-1',
  'latin1',
  'l1',
  'iso-ir-100',
  'cp819',
  'ibm819',
]);
const ASCII_LABELS = new Set(['us-ascii', 'ascii', 'iso646-us', 'ansi_x3.4-1968']);

/**
 * Turns the bytes of an XML document into text, the way the XML spec's Appendix F says a processor should:
 * byte-order mark first, then the declaration's `encoding`, else UTF-8. Contradictions are errors rather
 * than guesses, because a wrong guess silently changes the words of a public warning.
 */
export function decodeXml(input: Uint8Array | string, maxBytes: number): string {
  if (typeof input === 'string') {
    // A JS string is already decoded; the declaration's encoding no longer applies. Bound it by UTF-16 units.
    if (input.length > maxBytes) throw tooLarge(maxBytes);
    return input.startsWith('\uFEFF') ? input.slice(1) : input;
  }
  if (input.byteLength > maxBytes) throw tooLarge(maxBytes);
  const { family, bom } = sniffFamily(input);
  const declared = readDeclaredEncoding(input.subarray(bom), family);
  const decode = pickDecoder(family, bom, declared);
  return decode(input.subarray(bom));
}

function tooLarge(maxBytes: number): CapError {
  return new CapError('input-too-large', `input is larger than the ${maxBytes}-byte limit`);
}

function sniffFamily(b: Uint8Array): { family: Family; bom: number } {
  const [b0, b1, b2, b3] = [b[0], b[1], b[2], b[3]];
  if ((b0 === 0 && b1 === 0) || (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0)) {
    throw new CapError('encoding', 'UTF-32 input is not supported; send UTF-8');
  }
  if (b0 === 0x4c && b1 === 0x6f && b2 === 0xa7 && b3 === 0x94) {
    throw new CapError('encoding', 'EBCDIC input is not supported; send UTF-8');
  }
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { family: 'ascii-compatible', bom: 3 };
  if (b0 === 0xff && b1 === 0xfe) return { family: 'utf-16le', bom: 2 };
  if (b0 === 0xfe && b1 === 0xff) return { family: 'utf-16be', bom: 2 };
  // UTF-16 without a byte-order mark, recognised by its "<?" (Appendix F).
  if (b0 === 0x3c && b1 === 0 && b2 === 0x3f && b3 === 0) return { family: 'utf-16le', bom: 0 };
  if (b0 === 0 && b1 === 0x3c && b2 === 0 && b3 === 0x3f) return { family: 'utf-16be', bom: 0 };
  return { family: 'ascii-compatible', bom: 0 };
}

function readDeclaredEncoding(b: Uint8Array, family: Family): string | undefined {
  // The declaration is ASCII and sits at the very start, so a short prefix decoded in the family is enough.
  const head = b.subarray(0, 1024);
  const text =
    family === 'ascii-compatible'
      ? decodeLatin1(head)
      : new TextDecoder(family).decode(head.subarray(0, head.byteLength - (head.byteLength % 2)));
  const decl = /^\uFEFF?<\?xml[ \t\r\n][^>]*?\?>/.exec(text);
  if (!decl) return undefined;
  const enc = /[ \t\r\n]encoding[ \t\r\n]*=[ \t\r\n]*(["'])([A-Za-z][A-Za-z0-9._-]*)\1/.exec(decl[0]);
  if (enc?.[2] === undefined && /[ \t\r\n]encoding[ \t\r\n]*=/.test(decl[0])) {
    throw new CapError('encoding', 'the XML declaration has an unreadable encoding name');
  }
  return enc?.[2]?.toLowerCase();
}

function pickDecoder(family: Family, bom: number, declared: string | undefined): (b: Uint8Array) => string {
  if (family !== 'ascii-compatible') {
    if (declared !== undefined && declared !== 'utf-16' && declared !== family) {
      throw new CapError('encoding', `the document is ${family.toUpperCase()} but declares encoding "${declared}"`);
    }
    return textDecoder(family, family.toUpperCase());
  }
  if (declared === undefined || declared === 'utf-8' || declared === 'utf8') return textDecoder('utf-8', 'UTF-8');
  if (bom > 0) throw new CapError('encoding', `the document has a UTF-8 byte-order mark but declares "${declared}"`);
  // WHATWG TextDecoder maps these labels to windows-1252 / ASCII-with-extras; decode them exactly instead.
  if (LATIN1_LABELS.has(declared)) return decodeLatin1;
  if (ASCII_LABELS.has(declared)) return decodeAscii;
  let encoding: string;
  try {
    encoding = new TextDecoder(declared).encoding;
  } catch {
    throw new CapError('encoding', `unknown encoding "${declared}"`);
  }
  // "replacement" decodes everything to U+FFFD (ISO-2022-KR and friends); UTF-16 here contradicts the bytes.
  if (encoding === 'replacement' || encoding.startsWith('utf-16')) {
    throw new CapError('encoding', `encoding "${declared}" is not supported for this document`);
  }
  // Node 20's TextDecoder decodes windows-1252 as ISO-8859-1 (0x80–0x9F come out as C1 controls), which
  // would turn curly quotes and dashes in alert text into invisible characters; decode it by table instead.
  if (encoding === 'windows-1252') return decodeWindows1252;
  return textDecoder(encoding, declared);
}

function textDecoder(label: string, name: string): (b: Uint8Array) => string {
  const decoder = new TextDecoder(label, { fatal: true, ignoreBOM: true });
  return (b) => {
    try {
      return decoder.decode(b);
    } catch {
      throw new CapError('encoding', `the bytes are not valid ${name}`);
    }
  };
}

function decodeLatin1(b: Uint8Array): string {
  let out = '';
  // Chunked so a large document does not overflow the argument limit of fromCharCode.
  for (let i = 0; i < b.byteLength; i += 8192) out += String.fromCharCode(...b.subarray(i, i + 8192));
  return out;
}

// windows-1252 0x80–0x9F (WHATWG Encoding table); the five unassigned bytes map to the C1 code points.
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function decodeWindows1252(b: Uint8Array): string {
  return decodeLatin1(b).replace(/[\x80-\x9f]/g, (c) =>
    String.fromCharCode(CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? 0xfffd),
  );
}

function decodeAscii(b: Uint8Array): string {
  const bad = b.findIndex((x) => x > 0x7f);
  if (bad >= 0) throw new CapError('encoding', `byte ${bad} is not US-ASCII`);
  return decodeLatin1(b);
}
