import QRCode from 'qrcode';

/**
 * Renders HC1 text as an SVG QR code. Error correction Q, as the DCC specification recommends; the HC1 text is
 * all QR alphanumeric characters, so the library picks the dense alphanumeric mode by itself.
 */
export async function renderHcertQrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'Q', margin: 2 });
}

/** Renders HC1 text as a PNG data URL (for an <img> or a PDF). */
export async function renderHcertQrDataUrl(text: string): Promise<string> {
  return QRCode.toDataURL(text, { errorCorrectionLevel: 'Q', margin: 2 });
}
