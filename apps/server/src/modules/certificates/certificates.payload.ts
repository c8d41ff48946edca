import { randomBytes } from 'node:crypto';
import { type JsonValue, VALUE_SETS, type ValueSetName, validateDccSchema } from '@homeward/hcert';
import type { FieldError, IssueCertificateBody } from '@homeward/shared';

/** COVID-19 (SNOMED CT), the one disease the DCC value sets know. */
export const DISEASE_COVID19 = '840539006';
export const DCC_SCHEMA_VERSION = '1.3.0';
const RAPID_ANTIGEN_TEST = 'LP217198-3';

const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** How long the signed certificate is technically valid; destinations apply their own rules on top. */
const VACCINATION_VALIDITY_MS = 365 * DAY_MS;
const TEST_VALIDITY_MS = 72 * HOUR_MS;
/** Clocks differ a little; a sample "taken" a few minutes in the future is still accepted. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

const SPECIAL_LETTERS: Record<string, string> = { Æ: 'AE', Ø: 'OE', Å: 'AA', ß: 'SS', Þ: 'TH', Ð: 'D', Ł: 'L' };

/**
 * A name in the machine-readable form of ICAO 9303 (what the payload's fnt/gnt hold): Latin capitals, `<` between
 * parts, accents dropped. Returns null when the name has letters outside Latin script (a Chinese name needs its
 * pinyin spelling given separately).
 */
export function transliterateName(name: string): string | null {
  const upper = name
    .trim()
    .toUpperCase()
    .replace(/[ÄÖÜ]/g, (c) => ({ Ä: 'AE', Ö: 'OE', Ü: 'UE' })[c] ?? c)
    .replace(/[ÆØÅßÞÐŁ]/g, (c) => SPECIAL_LETTERS[c] ?? c)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/['’.]/g, '')
    .replace(/[\s,-]+/g, '<');
  if (!/^[A-Z<]*$/.test(upper)) return null;
  const collapsed = upper.replace(/<+/g, '<').replace(/^<|<$/g, '');
  return collapsed.length > 0 ? collapsed.slice(0, 80) : null;
}

const UVCI_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ/:';

/** Luhn mod N over the UVCI alphabet (digits, capitals, `/` and `:`), as the eHealth Network guideline suggests. */
export function uvciCheckCharacter(text: string): string {
  const n = UVCI_ALPHABET.length;
  let factor = 2;
  let sum = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    const code = UVCI_ALPHABET.indexOf(text.charAt(i));
    if (code < 0) throw new Error(`uvci: ${text.charAt(i)} is not a UVCI character`);
    let addend = factor * code;
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / n) + (addend % n);
    sum += addend;
  }
  return UVCI_ALPHABET.charAt((n - (sum % n)) % n);
}

/** URN:UVCI:01:CN:<24 random characters>#<check character>; the random part carries no personal data. */
export function newUvci(country: string): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ'; // no I or O, which read as 1 and 0
  const opaque = [...randomBytes(24)].map((byte) => alphabet.charAt(byte % alphabet.length)).join('');
  const body = `01:${country}:HW${opaque}`;
  return `URN:UVCI:${body}#${uvciCheckCharacter(body)}`;
}

export interface BuiltPayload {
  payload: JsonValue;
  familyNameStd: string;
  givenNameStd: string | null;
  /** The entry that went into the payload (its v/t/r list holds exactly this one). */
  entry: Record<string, string | number>;
  /** When the signed certificate expires, before clamping to the signer's validity. */
  expiresAt: Date;
}

export interface PayloadContext {
  uci: string;
  /** The issuing authority (`is`), at most 80 characters. */
  issuer: string;
  now: Date;
}

type Errors = FieldError[];

function checkCode(errors: Errors, field: string, set: ValueSetName, code: string | undefined): void {
  if (code !== undefined && !(code in VALUE_SETS[set])) errors.push({ field, message: `unknown code ${code}` });
}

function checkPast(errors: Errors, field: string, date: string, now: Date): void {
  if (Number.isNaN(Date.parse(`${date}T00:00:00Z`))) errors.push({ field, message: 'not a date' });
  else if (Date.parse(`${date}T00:00:00Z`) > now.getTime())
    errors.push({ field, message: 'must not be in the future' });
}

function nameOf(body: IssueCertificateBody, errors: Errors) {
  const { holder } = body;
  const familyNameStd = transliterateName(holder.familyNameLatin || holder.familyName);
  if (!familyNameStd) {
    errors.push({ field: '/holder/familyNameLatin', message: 'give the family name in Latin letters' });
  }
  const givenSource = holder.givenNameLatin || holder.givenName;
  const givenNameStd = givenSource ? transliterateName(givenSource) : null;
  if (givenSource && !givenNameStd) {
    errors.push({ field: '/holder/givenNameLatin', message: 'give the given name in Latin letters' });
  }
  const nam: Record<string, string> = { fn: holder.familyName.trim(), fnt: familyNameStd ?? '' };
  if (holder.givenName?.trim()) nam.gn = holder.givenName.trim();
  if (givenNameStd) nam.gnt = givenNameStd;
  return { nam, familyNameStd: familyNameStd ?? '', givenNameStd };
}

function entryOf(body: IssueCertificateBody, context: PayloadContext, errors: Errors) {
  const common = { tg: DISEASE_COVID19 };
  const now = context.now;
  const groups = { v: 'vaccination', t: 'test', r: 'recovery' } as const;
  for (const [type, field] of Object.entries(groups)) {
    if (type !== body.type && body[field] !== undefined) {
      errors.push({ field: `/${field}`, message: `not part of a ${groups[body.type]} certificate` });
    }
  }
  const wanted = groups[body.type];
  if (body[wanted] === undefined) {
    errors.push({ field: `/${wanted}`, message: 'required' });
    return null;
  }
  if (body.type === 'v' && body.vaccination) {
    const v = body.vaccination;
    checkCode(errors, '/vaccination/vp', 'vaccineProphylaxis', v.vp);
    checkCode(errors, '/vaccination/mp', 'vaccineProduct', v.mp);
    checkCode(errors, '/vaccination/ma', 'vaccineManufacturer', v.ma);
    checkCode(errors, '/vaccination/co', 'country', v.co);
    checkPast(errors, '/vaccination/dt', v.dt, now);
    const entry = { ...common, vp: v.vp, mp: v.mp, ma: v.ma, dn: v.dn, sd: v.sd, dt: v.dt, co: v.co };
    return { entry, expiresAt: new Date(now.getTime() + VACCINATION_VALIDITY_MS) };
  }
  if (body.type === 't' && body.test) {
    const t = body.test;
    checkCode(errors, '/test/tt', 'testType', t.tt);
    checkCode(errors, '/test/tr', 'testResult', t.tr);
    checkCode(errors, '/test/ma', 'testManufacturer', t.ma);
    checkCode(errors, '/test/co', 'country', t.co);
    if (t.tt === RAPID_ANTIGEN_TEST && !t.ma) {
      errors.push({ field: '/test/ma', message: 'a rapid antigen test needs its manufacturer and name' });
    }
    const sampled = Date.parse(t.sc);
    if (sampled > now.getTime() + CLOCK_SKEW_MS)
      errors.push({ field: '/test/sc', message: 'must not be in the future' });
    else if (sampled + TEST_VALIDITY_MS <= now.getTime()) {
      errors.push({ field: '/test/sc', message: 'the sample is older than 72 hours' });
    }
    const entry: Record<string, string> = { ...common, tt: t.tt };
    if (t.nm) entry.nm = t.nm;
    if (t.ma) entry.ma = t.ma;
    entry.sc = new Date(sampled).toISOString().replace(/\.\d{3}Z$/, 'Z');
    entry.tr = t.tr;
    if (t.tc) entry.tc = t.tc;
    entry.co = t.co;
    return { entry, expiresAt: new Date(sampled + TEST_VALIDITY_MS) };
  }
  const r = body.recovery;
  if (!r) return null;
  checkCode(errors, '/recovery/co', 'country', r.co);
  checkPast(errors, '/recovery/fr', r.fr, now);
  if (r.df < r.fr) errors.push({ field: '/recovery/df', message: 'must not be before the first positive test' });
  if (r.du < r.df) errors.push({ field: '/recovery/du', message: 'must not be before “valid from”' });
  const expiresAt = new Date(`${r.du}T23:59:59Z`);
  if (expiresAt.getTime() <= now.getTime()) errors.push({ field: '/recovery/du', message: 'must be in the future' });
  return { entry: { ...common, fr: r.fr, co: r.co, df: r.df, du: r.du }, expiresAt };
}

/**
 * Builds the DCC payload for an issuing request, or the field errors that stop it. The payload is checked against
 * the DCC schema last, so what is signed is always a valid certificate.
 */
export function buildPayload(body: IssueCertificateBody, context: PayloadContext): BuiltPayload | { errors: Errors } {
  const errors: Errors = [];
  const { nam, familyNameStd, givenNameStd } = nameOf(body, errors);
  const built = entryOf(body, context, errors);
  if (errors.length > 0 || !built) return { errors };
  const entry = { ...built.entry, is: context.issuer.slice(0, 80), ci: context.uci };
  const payload = { ver: DCC_SCHEMA_VERSION, nam, dob: body.holder.birthDate, [body.type]: [entry] };
  const verdict = validateDccSchema(payload);
  if (!verdict.valid) return { errors: verdict.errors.map((message) => ({ field: '/', message })) };
  return { payload, familyNameStd, givenNameStd, entry, expiresAt: built.expiresAt };
}
