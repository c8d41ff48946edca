import jsQRModule from 'jsqr';

type JsQr = (
  data: Uint8ClampedArray,
  width: number,
  height: number,
  options?: { inversionAttempts?: 'dontInvert' | 'onlyInvert' | 'attemptBoth' | 'invertFirst' },
) => { data: string } | null;
// jsqr is a UMD bundle: depending on the bundler and the module resolution, the default import is the function
// itself or a module object with the function as `default`. Accept both.
const imported: unknown = jsQRModule;
const jsQR = (typeof imported === 'function' ? imported : (imported as { default: JsQr }).default) as JsQr; // boundary: CJS/ESM interop

/** Pictures are scaled down to this many pixels on the long side before decoding: enough for a DCC QR. */
const MAX_SIDE = 1600;

/** The text of the QR code in a picture (a photo or a screenshot), or null when there is none to read. */
export async function readQrFromImage(file: Blob): Promise<string | null> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return null;
  }
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return null;
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const pixels = context.getImageData(0, 0, width, height);
  return jsQR(pixels.data, width, height, { inversionAttempts: 'attemptBoth' })?.data ?? null;
}

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorConstructor = new (options: { formats: string[] }) => BarcodeDetectorLike;

/** The browser's own QR detector (Chrome on Android and others), or null where there is none. */
export function qrDetector(): BarcodeDetectorLike | null {
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorConstructor }).BarcodeDetector; // boundary: not in every browser's types
  return Detector ? new Detector({ formats: ['qr_code'] }) : null;
}
