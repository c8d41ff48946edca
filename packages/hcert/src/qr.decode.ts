import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { HcertError } from './errors.ts';

type JsQr = (
  data: Uint8ClampedArray,
  width: number,
  height: number,
  options?: { inversionAttempts?: 'dontInvert' | 'onlyInvert' | 'attemptBoth' | 'invertFirst' },
) => { data: string } | null;
// jsqr is a UMD bundle: Node hands the function itself to a default import, while its typings describe an
// ES module with a `default` inside (and a bundler's resolution describes the function). Accept both shapes.
const imported: unknown = jsQRModule;
const jsQR = (typeof imported === 'function' ? imported : (imported as { default: JsQr }).default) as JsQr; // boundary: CJS/ESM interop

/** A QR picture larger than this is not a health certificate scan; refuse before decoding pixels. */
const MAX_PNG_BYTES = 4 * 1024 * 1024;
const MAX_PIXELS = 4096 * 4096;

/**
 * Reads the text of the QR code in a PNG picture (Node only: pngjs uses node:zlib). Throws HcertError('input')
 * when the picture is not a PNG or holds no readable QR code.
 */
export function decodeQrPng(png: Uint8Array): string {
  if (png.length > MAX_PNG_BYTES) throw new HcertError('too-large', `picture: ${png.length} bytes is too large`);
  let image: { width: number; height: number; data: Uint8Array };
  try {
    // Read the header first so a PNG that claims a huge canvas is refused before its pixels are inflated.
    const width = png.length >= 24 ? new DataView(png.buffer, png.byteOffset + 16, 8).getUint32(0) : 0;
    const height = png.length >= 24 ? new DataView(png.buffer, png.byteOffset + 20, 4).getUint32(0) : 0;
    if (width * height > MAX_PIXELS) throw new HcertError('too-large', `picture: ${width}x${height} is too large`);
    image = PNG.sync.read(Buffer.from(png.buffer, png.byteOffset, png.byteLength));
  } catch (error) {
    if (error instanceof HcertError) throw error;
    throw new HcertError('input', `picture: not a readable PNG (${error instanceof Error ? error.message : ''})`);
  }
  const pixels = new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  const code = jsQR(pixels, image.width, image.height, { inversionAttempts: 'attemptBoth' });
  if (!code) throw new HcertError('input', 'picture: no readable QR code');
  return code.data;
}
