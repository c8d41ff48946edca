import countries from 'i18n-iso-countries';
import { parse } from 'mrz';
import type { Sex } from '../../db/tables/registry.table.ts';

/** What a valid passport (TD3) or identity card (TD1) machine-readable zone says about its holder. */
export interface MrzData {
  format: 'TD3' | 'TD1';
  familyName: string;
  givenName: string;
  /** Upper-case, no filler characters. */
  documentNumber: string;
  /** YYYY-MM-DD; the century is the latest that puts the birth date on or before `today`. */
  birthDate: string | null;
  /** YYYY-MM-DD, in 20YY unless that is more than 50 years ahead. */
  expiryDate: string | null;
  sex: Sex | null;
  /** ISO 3166-1 alpha-2, when the 3-letter code is a country's. */
  nationality: string | null;
}

export type MrzReading = { ok: true; data: MrzData } | { ok: false; field: string; reason: string };

// State codes are not required to be real: ICAO's specimen is issued by "UTO" (Utopia), and a state's
// passport may carry codes the package does not list. Check digits and the layout are what we verify.
const IGNORED = new Set(['issuingState', 'nationality']);

const LINE_LENGTHS: Record<number, number> = { 2: 44, 3: 30 };

function isoDate(yymmdd: string, century: number): string {
  return `${century + Number(yymmdd.slice(0, 2))}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
}

function birthDateOf(yymmdd: string | null | undefined, today: string): string | null {
  if (!yymmdd || !/^\d{6}$/.test(yymmdd)) return null;
  const recent = isoDate(yymmdd, 2000);
  return recent <= today ? recent : isoDate(yymmdd, 1900);
}

function expiryDateOf(yymmdd: string | null | undefined, today: string): string | null {
  if (!yymmdd || !/^\d{6}$/.test(yymmdd)) return null;
  const recent = isoDate(yymmdd, 2000);
  return Number(recent.slice(0, 4)) - Number(today.slice(0, 4)) > 50 ? isoDate(yymmdd, 1900) : recent;
}

const SEX: Record<string, Sex> = { male: 'M', female: 'F', nonspecified: 'X' };

/**
 * Reads a TD3 (2 × 44) or TD1 (3 × 30) MRZ typed or scanned as lines separated by newlines, with the `mrz`
 * package. Not ok names the first field that failed, e.g. `documentNumberCheckDigit`.
 * @param today YYYY-MM-DD, to pick the century of the birth date
 */
export function readMrz(text: string, today: string): MrzReading {
  const lines = text
    .split('\n')
    .map((line) => line.trim().toUpperCase())
    .filter((line) => line !== '');
  const expected = LINE_LENGTHS[lines.length];
  if (!expected || lines.some((line) => line.length !== expected)) {
    return { ok: false, field: 'format', reason: 'expected 2 lines of 44 characters (TD3) or 3 lines of 30 (TD1)' };
  }
  let result: ReturnType<typeof parse>;
  try {
    result = parse(lines);
  } catch (error) {
    return { ok: false, field: 'format', reason: error instanceof Error ? error.message : String(error) };
  }
  if (result.format !== 'TD3' && result.format !== 'TD1') {
    return { ok: false, field: 'format', reason: `a ${result.format} document is not a passport or identity card` };
  }
  const failed = result.details.find((d) => !d.valid && d.field && !IGNORED.has(d.field));
  if (failed) return { ok: false, field: failed.field ?? 'format', reason: failed.error ?? 'invalid' };

  const { fields } = result;
  const nationality = result.details.find((d) => d.field === 'nationality');
  const nationalityRaw = nationality
    ? (lines[nationality.line] ?? '').slice(nationality.start, nationality.end).replaceAll('<', '')
    : '';
  const sex = fields.sex ? SEX[fields.sex] : undefined;
  return {
    ok: true,
    data: {
      format: result.format,
      familyName: fields.lastName ?? '',
      givenName: fields.firstName ?? '',
      documentNumber: (fields.documentNumber ?? '').replaceAll('<', ''),
      birthDate: birthDateOf(fields.birthDate, today),
      expiryDate: expiryDateOf(fields.expirationDate, today),
      sex: sex ?? null,
      nationality: nationalityRaw.length === 3 ? (countries.alpha3ToAlpha2(nationalityRaw) ?? null) : null,
    },
  };
}
