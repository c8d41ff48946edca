import type { Application } from '@homeward/shared';
import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';

/**
 * The receipt and the decision letter of an application, as PDF (decision 0020). They are written in English
 * with the standard Helvetica font, as the wallet's certificate PDF is: embedding a CJK font would add megabytes
 * to every letter. Chinese text (a name in Han characters) is left out; the reference ties the letter to the
 * bilingual record the applicant sees in the app.
 */

export interface LetterContext {
  ministry: string;
  missionName: string | null;
  now?: Date;
}

/** Helvetica (WinAnsi) writes Latin text only: anything else is dropped, spaces tidied. */
export function latinOnly(text: string): string {
  return text
    .replace(/[^\x20-\x7e\u00a0-\u00ff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function money(amountMinor: number, currency: string): string {
  return amountMinor === 0 ? 'No fee' : `${(amountMinor / 100).toFixed(2)} ${currency}`;
}

function day(iso: string | null): string {
  if (!iso) return '-';
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));
}

class Writer {
  private y = 790;
  constructor(
    private readonly page: PDFPage,
    private readonly font: PDFFont,
    private readonly bold: PDFFont,
  ) {}

  line(text: string, options: { size?: number; bold?: boolean; gap?: number } = {}): void {
    const size = options.size ?? 11;
    const font = options.bold ? this.bold : this.font;
    // Wrap at the page width (A4 less 2 × 56 pt margins).
    const words = latinOnly(text).split(' ');
    let current = '';
    const lines: string[] = [];
    for (const word of words) {
      const next = current ? `${current} ${word}` : word;
      if (font.widthOfTextAtSize(next, size) > 483 && current) {
        lines.push(current);
        current = word;
      } else current = next;
    }
    if (current) lines.push(current);
    for (const l of lines) {
      this.page.drawText(l, { x: 56, y: this.y, size, font, color: rgb(0.04, 0.05, 0.05) });
      this.y -= size * 1.5;
    }
    this.y -= options.gap ?? 4;
  }

  row(label: string, value: string): void {
    this.page.drawText(latinOnly(label), { x: 56, y: this.y, size: 10, font: this.bold });
    this.page.drawText(latinOnly(value) || '-', { x: 210, y: this.y, size: 10, font: this.font });
    this.y -= 17;
  }
}

async function letter(
  title: string,
  application: Application,
  context: LetterContext,
  body: (w: Writer) => void,
): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`${title} ${application.reference ?? ''}`.trim());
  pdf.setAuthor(latinOnly(context.ministry));
  pdf.setCreationDate(context.now ?? new Date());
  const page = pdf.addPage([595.28, 841.89]);
  const w = new Writer(
    page,
    await pdf.embedFont(StandardFonts.Helvetica),
    await pdf.embedFont(StandardFonts.HelveticaBold),
  );
  w.line(context.ministry, { size: 10 });
  if (context.missionName) w.line(context.missionName, { size: 10, gap: 16 });
  w.line(title, { size: 18, bold: true, gap: 12 });
  w.row('Reference', application.reference ?? '-');
  w.row('Service', application.serviceName.en);
  w.row('Applicant', latinOnly(application.applicantName) || '-');
  w.row('Mission', application.missionCode ?? '-');
  w.row('Submitted', day(application.submittedAt));
  body(w);
  return pdf.save();
}

/** Proof that the application was received: reference, fee, what happens next. */
export function renderReceipt(application: Application, context: LetterContext): Promise<Uint8Array> {
  return letter('Receipt for your application', application, context, (w) => {
    w.row('Fee', money(application.fee.amountMinor, application.fee.currency));
    w.row(
      'Processing time',
      `${application.service.processingDays.min} to ${application.service.processingDays.max} working days`,
    );
    w.line('', { gap: 8 });
    w.line(
      'We have received your application. Quote the reference above when you contact the mission. You can follow ' +
        'its status in the app; we tell you by e-mail when it changes.',
    );
  });
}

const OUTCOME: Partial<Record<Application['status'], string>> = {
  approved: 'Your application is approved.',
  issued: 'Your application is approved and the document has been issued.',
  collected: 'Your application is approved; the document was issued and collected.',
  refused: 'Your application is refused.',
};

/** The decision: approved (and what to do next) or refused with the reason. */
export function renderDecisionLetter(application: Application, context: LetterContext): Promise<Uint8Array> {
  const decided = application.events.filter((e) => e.kind === 'approved' || e.kind === 'refused').at(-1);
  return letter('Decision on your application', application, context, (w) => {
    w.row('Decided', day(decided?.at ?? null));
    w.line('', { gap: 8 });
    w.line(OUTCOME[application.status] ?? 'No decision has been made yet.', { bold: true, gap: 8 });
    if (application.decisionReason) w.line(`Reason: ${application.decisionReason}`);
    if (application.status === 'approved' && application.service.inPersonVisit === 'collection') {
      w.line('Book an appointment in the app to collect your document. Bring your current passport.');
    }
  });
}
