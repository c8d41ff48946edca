import { REGISTRANT_CSV_COLUMNS } from '@homeward/shared';

/** Excel opens a UTF-8 CSV as UTF-8 (names in hanzi intact) only when it starts with a byte-order mark. */
export const UTF8_BOM = '\uFEFF';

type Cell = string | number | null | undefined;

/**
 * One RFC 4180 field. A value a spreadsheet would run as a formula (=, +, -, @, tab, carriage return first)
 * is prefixed with an apostrophe: a registrant's name must never become a live formula on a staff computer.
 */
export function csvField(value: Cell): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: readonly Cell[]): string {
  return `${cells.map(csvField).join(',')}\r\n`;
}

export const CSV_HEADER = csvLine(REGISTRANT_CSV_COLUMNS);
