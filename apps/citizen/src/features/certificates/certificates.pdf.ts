import type { HealthCertificate } from '@homeward/shared';
import QRCode from 'qrcode';

/** The words of the paper certificate in the page's language (the caller translates them). */
export interface PdfWords {
  title: string;
  type: string;
  name: string;
  nameLatin: string;
  birthDate: string;
  uci: string;
  issued: string;
  expires: string;
  note: string;
}

// A4 in PDF points (1/72 inch).
const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const MARGIN = 56;
// The canvas draws 2.5 pixels per point (180 dpi): sharp on paper, a few hundred KB as PNG.
const SCALE = 2.5;
const QR_SIZE = 320;
const QR_TOP = 165;
const ROWS_TOP = QR_TOP + QR_SIZE + 40;
// Each fact: its label (in the picture) and under it the value (PDF text).
const ROW_HEIGHT = 38;
const VALUE_OFFSET = 16;
const FONT_STACK = 'system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "PingFang SC", sans-serif';

/** ICAO 9303 form ("ZHANG<<SAN<FENG" style fields) as a readable Latin line: "ZHANG, SAN FENG". */
function latinName(certificate: HealthCertificate): string {
  const { familyNameStd, givenNameStd } = certificate.holder;
  const given = (givenNameStd ?? '').replace(/</g, ' ').trim();
  return given ? `${familyNameStd.replace(/</g, ' ')}, ${given}` : familyNameStd.replace(/</g, ' ');
}

const day = (iso: string) => iso.slice(0, 10);

/**
 * The page as a picture in the system fonts (so any script prints without embedding a CJK font): title, the
 * holder's name as written, the labels, the certificate type and a note. The Latin values go into the PDF as
 * real text (Helvetica) at the places left for them, so they can be selected, searched and read aloud.
 */
function drawPageImage(certificate: HealthCertificate, words: PdfWords): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(PAGE_WIDTH * SCALE);
  canvas.height = Math.round(PAGE_HEIGHT * SCALE);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('pdf: no 2D canvas');
  context.scale(SCALE, SCALE);
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, PAGE_WIDTH, PAGE_HEIGHT);
  context.fillStyle = '#111111';
  context.textBaseline = 'alphabetic';
  context.font = `bold 24px ${FONT_STACK}`;
  context.fillText(words.title, MARGIN, 72, PAGE_WIDTH - 2 * MARGIN);
  context.font = `18px ${FONT_STACK}`;
  context.fillText(words.type, MARGIN, 100, PAGE_WIDTH - 2 * MARGIN);
  const name = [certificate.holder.familyName, certificate.holder.givenName].filter(Boolean).join(' ');
  context.font = `bold 20px ${FONT_STACK}`;
  context.fillText(name, MARGIN, 132, PAGE_WIDTH - 2 * MARGIN);
  context.strokeStyle = '#999999';
  context.lineWidth = 1;
  context.strokeRect(MARGIN, QR_TOP - 10, PAGE_WIDTH - 2 * MARGIN, QR_SIZE + 20);
  context.font = `12px ${FONT_STACK}`;
  context.fillStyle = '#444444';
  const labels = [words.nameLatin, words.birthDate, words.uci, words.issued, words.expires];
  labels.forEach((label, index) => {
    context.fillText(label, MARGIN, ROWS_TOP + index * ROW_HEIGHT, PAGE_WIDTH - 2 * MARGIN);
  });
  context.font = `11px ${FONT_STACK}`;
  wrap(context, words.note, PAGE_WIDTH - 2 * MARGIN).forEach((line, index) => {
    context.fillText(line, MARGIN, ROWS_TOP + labels.length * ROW_HEIGHT + 16 + index * 16);
  });
  return canvas;
}

/** Breaks a note into lines that fit: at spaces for Latin text, anywhere for text without spaces (Chinese). */
function wrap(context: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const part of text.includes(' ') ? text.split(/(?<= )/) : [...text]) {
    if (line && context.measureText(line + part).width > width) {
      lines.push(line.trimEnd());
      line = part.trimStart();
    } else {
      line += part;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function canvasPng(canvas: HTMLCanvasElement): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) => (blob ? resolve(blob.arrayBuffer()) : reject(new Error('pdf: canvas to PNG'))),
      'image/png',
    );
  });
}

/**
 * A printable A4 PDF of one certificate, made on the device (offline too): the page picture in the page's
 * language, the QR code as its own image at full size (about 11 cm, error correction Q), and the Latin fields as
 * text. pdf-lib is loaded only when a PDF is asked for.
 */
export async function buildCertificatePdf(certificate: HealthCertificate, words: PdfWords): Promise<Uint8Array> {
  const { PDFDocument, StandardFonts, rgb } = await import('pdf-lib');
  const pdf = await PDFDocument.create();
  pdf.setTitle(`${words.title} · ${latinName(certificate)}`);
  pdf.setSubject(certificate.uci);
  pdf.setCreator('Homeward');
  const page = pdf.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
  const background = await pdf.embedPng(await canvasPng(drawPageImage(certificate, words)));
  page.drawImage(background, { x: 0, y: 0, width: PAGE_WIDTH, height: PAGE_HEIGHT });
  // Eight pixels per module: the image is drawn exactly, not smoothed, at any print size.
  const qr = await pdf.embedPng(
    await QRCode.toDataURL(certificate.hc1, { errorCorrectionLevel: 'Q', margin: 2, scale: 8 }),
  );
  page.drawImage(qr, {
    x: (PAGE_WIDTH - QR_SIZE) / 2,
    y: PAGE_HEIGHT - QR_TOP - QR_SIZE,
    width: QR_SIZE,
    height: QR_SIZE,
  });
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const values = [
    latinName(certificate),
    certificate.holder.birthDate,
    certificate.uci,
    day(certificate.issuedAt),
    day(certificate.expiresAt),
  ];
  values.forEach((value, index) => {
    const size = font.widthOfTextAtSize(value, 13) > PAGE_WIDTH - 2 * MARGIN ? 10 : 13;
    page.drawText(value, {
      x: MARGIN,
      y: PAGE_HEIGHT - (ROWS_TOP + index * ROW_HEIGHT + VALUE_OFFSET),
      size,
      font,
      color: rgb(0.07, 0.07, 0.07),
    });
  });
  return pdf.save();
}
