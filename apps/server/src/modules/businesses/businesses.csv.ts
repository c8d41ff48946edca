import { Readable } from 'node:stream';
import { STAFF_CSV_COLUMNS, STAFF_IMPORT_LIMITS, type StaffCsvColumn } from '@homeward/shared';
import { CsvError, parse } from 'csv-parse';
import { ProblemError } from '../../http/problem.ts';
import type { StoredRowError } from './businesses.csv-messages.ts';
import { toE164 } from './businesses.places.ts';

/** A staff row that passed every check, ready to become a person, their channels and a site link. */
export interface StaffRowInput {
  line: number;
  siteId: string;
  familyName: string;
  givenName: string;
  nativeName: string | null;
  passportNumber: string | null;
  birthDate: string | null;
  phone: string | null;
  email: string | null;
  role: string | null;
  locale: 'zh-CN' | 'en';
}

export type ParsedStaffList =
  | { ok: true; rows: StaffRowInput[] }
  | { ok: false; rowCount: number; errors: StoredRowError[] };

/** At most this many row errors are kept with a rejected import; the rest are counted. */
export const MAX_STORED_ERRORS = 2000;

const LATIN_NAME = /^[A-Za-z][A-Za-z '-]*$/;
// Deliberately plain: one @, no spaces, a dot in the domain. The address is checked by the mail it receives.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_LENGTH: Partial<Record<StaffCsvColumn, number>> = {
  family_name: 100,
  given_name: 100,
  native_name: 100,
  email: 254,
  role: 100,
};

/**
 * Refuses a file that is not UTF-8 text: a NUL byte (a spreadsheet or other binary) or bytes that do not
 * decode. A UTF-8 byte order mark is accepted (Excel's "CSV UTF-8" writes one).
 * @throws ProblemError 422 csv_encoding
 */
export function decodeCsv(body: Buffer): string {
  if (body.includes(0)) throw new ProblemError(422, 'csv_encoding', 'the file is binary, not CSV text');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(body);
  } catch {
    throw new ProblemError(422, 'csv_encoding', 'the file is not UTF-8 (save it as “CSV UTF-8”)');
  }
}

/** @throws ProblemError 422 csv_columns naming the missing, unknown and repeated columns */
function checkHeader(header: readonly string[]): Map<StaffCsvColumn, number> {
  const names = header.map((h) => h.trim());
  const known = new Set<string>(STAFF_CSV_COLUMNS);
  const missing = STAFF_CSV_COLUMNS.filter((c) => !names.includes(c));
  const unknown = names.filter((n) => !known.has(n));
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  if (missing.length || unknown.length || repeated.length) {
    const parts = [
      missing.length ? `missing: ${missing.join(', ')}` : '',
      unknown.length ? `unknown: ${unknown.map((u) => u || '(empty)').join(', ')}` : '',
      repeated.length ? `repeated: ${[...new Set(repeated)].join(', ')}` : '',
    ].filter(Boolean);
    const errors = [
      ...missing.map((c) => ({ field: `/header/${c}`, message: `missing column ${c}` })),
      ...unknown.map((c) => ({ field: `/header/${c}`, message: `unknown column ${c || '(empty)'}` })),
      ...[...new Set(repeated)].map((c) => ({ field: `/header/${c}`, message: `repeated column ${c}` })),
    ];
    throw new ProblemError(422, 'csv_columns', `${parts.join('; ')}. Expected: ${STAFF_CSV_COLUMNS.join(',')}`, errors);
  }
  return new Map(STAFF_CSV_COLUMNS.map((c) => [c, names.indexOf(c)]));
}

function isRealPastDate(value: string, today: string): 'ok' | 'invalid' | 'future' {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'invalid';
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return 'invalid';
  return value < today ? 'ok' : 'future';
}

/** Finds a site by id, or by its name (trimmed, case ignored). */
export interface SiteLookup {
  byId: Map<string, string>;
  byName: Map<string, string[]>;
}

export function siteLookup(sites: readonly { id: string; name: string }[]): SiteLookup {
  const byName = new Map<string, string[]>();
  for (const s of sites) {
    const key = s.name.trim().toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), s.id]);
  }
  return { byId: new Map(sites.map((s) => [s.id, s.id])), byName };
}

/** Checks one data row; appends its errors and returns the clean row when there are none. */
function checkRow(
  line: number,
  record: readonly string[],
  columns: Map<StaffCsvColumn, number>,
  sites: SiteLookup,
  today: string,
  errors: StoredRowError[],
): StaffRowInput | null {
  if (record.length !== STAFF_CSV_COLUMNS.length) {
    errors.push({ line, column: null, code: 'field_count', value: record.length });
    return null;
  }
  const before = errors.length;
  const cell = (c: StaffCsvColumn) => (record[columns.get(c) as number] ?? '').trim();
  const fail = (column: StaffCsvColumn, code: StoredRowError['code'], value?: string | number) =>
    errors.push({ line, column, code, ...(value === undefined ? {} : { value }) });
  for (const [column, max] of Object.entries(MAX_LENGTH) as [StaffCsvColumn, number][]) {
    if (cell(column).length > max) fail(column, 'too_long', max);
  }

  let siteId: string | null = null;
  const site = cell('site');
  if (!site) fail('site', 'required');
  else if (sites.byId.has(site)) siteId = site;
  else {
    const matches = sites.byName.get(site.toLowerCase()) ?? [];
    if (matches.length === 1) siteId = matches[0] as string;
    else fail('site', matches.length ? 'site_ambiguous' : 'site_unknown', site.slice(0, 100));
  }
  for (const column of ['family_name', 'given_name'] as const) {
    const value = cell(column);
    if (!value) fail(column, 'required');
    else if (!LATIN_NAME.test(value)) fail(column, 'name_latin');
  }
  const passportRaw = cell('passport_number').replace(/\s+/g, '').toUpperCase();
  if (passportRaw && !/^[A-Z0-9]{5,20}$/.test(passportRaw)) fail('passport_number', 'passport_invalid');
  const birthDate = cell('birth_date');
  if (birthDate) {
    const check = isRealPastDate(birthDate, today);
    if (check !== 'ok') fail('birth_date', check === 'future' ? 'date_future' : 'date_invalid');
  }
  const phoneRaw = cell('phone');
  const phone = phoneRaw ? toE164(phoneRaw) : null;
  if (phoneRaw && !phone) fail('phone', 'phone_invalid');
  const email = cell('email').toLowerCase();
  if (email && !EMAIL.test(email)) fail('email', 'email_invalid');
  if (!phoneRaw && !email) fail('phone', 'contact_required');
  const localeRaw = cell('locale');
  const locale = localeRaw === '' ? 'zh-CN' : localeRaw.toLowerCase() === 'zh-cn' ? 'zh-CN' : localeRaw.toLowerCase();
  if (locale !== 'zh-CN' && locale !== 'en') fail('locale', 'locale_invalid');

  if (errors.length > before || siteId === null) return null;
  return {
    line,
    siteId,
    familyName: cell('family_name'),
    givenName: cell('given_name'),
    nativeName: cell('native_name') || null,
    passportNumber: passportRaw || null,
    birthDate: birthDate || null,
    phone,
    email: email || null,
    role: cell('role') || null,
    locale: locale as 'zh-CN' | 'en',
  };
}

/** The same person twice: the same passport, or (without one) the same site, names and birth date. */
function duplicateKey(row: StaffRowInput): string {
  if (row.passportNumber) return `passport:${row.passportNumber}`;
  return ['person', row.siteId, row.familyName.toUpperCase(), row.givenName.toUpperCase(), row.birthDate ?? ''].join(
    '\u0000',
  );
}

/** Feeds the text to the parser in slices, so the parser's buffers stay small whatever the file's size. */
function* slices(text: string, size = 64 * 1024): Generator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

/**
 * Reads a staff list CSV row by row against the organisation's sites. File-level faults (encoding, header,
 * no rows, too many rows) throw; row faults are collected, with the line each is on (line 1 is the header).
 * @throws ProblemError 422 csv_encoding, csv_columns, csv_empty, csv_too_many_rows
 */
export async function parseStaffList(
  body: Buffer,
  sites: SiteLookup,
  today: string,
  maxRows: number = STAFF_IMPORT_LIMITS.rows,
): Promise<ParsedStaffList> {
  const text = decodeCsv(body);
  let columns: Map<StaffCsvColumn, number> | null = null;
  const rows: StaffRowInput[] = [];
  const errors: StoredRowError[] = [];
  const seen = new Map<string, number>();
  let rowCount = 0;
  // Records are checked as the parser emits them ('data' events), so the rows before a malformed line are
  // checked too and the malformed one is reported with its line; the file is never held as rows in memory.
  const onRecord = ({ record, info }: { record: string[]; info: { lines: number } }) => {
    if (!columns) {
      columns = checkHeader(record);
      return;
    }
    rowCount++;
    if (rowCount > maxRows) {
      throw new ProblemError(
        422,
        'csv_too_many_rows',
        `a staff list has at most ${maxRows} rows; split the file or remove empty rows`,
      );
    }
    const row = checkRow(info.lines, record, columns, sites, today, errors);
    if (!row) return;
    const key = duplicateKey(row);
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({
        line: row.line,
        column: row.passportNumber ? 'passport_number' : null,
        code: 'duplicate',
        value: first,
      });
    } else {
      seen.set(key, row.line);
      rows.push(row);
    }
  };
  await new Promise<void>((resolve, reject) => {
    const parser = parse({
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      info: true,
    });
    const source = Readable.from(slices(text));
    parser.on('data', (chunk: { record: string[]; info: { lines: number } }) => {
      try {
        onRecord(chunk);
      } catch (error) {
        source.destroy();
        parser.destroy();
        reject(error);
      }
    });
    parser.on('error', (error) => {
      if (!(error instanceof CsvError)) return reject(error);
      const line = (error as CsvError & { lines?: number }).lines ?? rowCount + 2;
      errors.push({ line, column: null, code: 'unreadable', value: error.code });
      resolve();
    });
    parser.on('end', () => resolve());
    source.pipe(parser);
  });
  if (!columns)
    throw new ProblemError(422, 'csv_columns', `the file is empty; expected: ${STAFF_CSV_COLUMNS.join(',')}`);
  if (rowCount === 0 && errors.length === 0)
    throw new ProblemError(422, 'csv_empty', 'the file has a header but no rows');
  if (errors.length === 0) return { ok: true, rows };
  const kept = errors.slice(0, MAX_STORED_ERRORS);
  if (errors.length > kept.length) {
    kept.push({
      line: (kept.at(-1) as StoredRowError).line,
      column: null,
      code: 'more_errors',
      value: errors.length - kept.length,
    });
  }
  return { ok: false, rowCount, errors: kept };
}

/** The template offered for download: the header and one example row. */
export function staffTemplateCsv(): string {
  const example = [
    'Site name',
    'ZHANG',
    'WEI',
    '张伟',
    'E12345678',
    '1988-04-30',
    '+12025550123',
    'zhang.wei@example.com',
    'Engineer',
    'zh-CN',
  ];
  return `\uFEFF${STAFF_CSV_COLUMNS.join(',')}\r\n${example.join(',')}\r\n`;
}
