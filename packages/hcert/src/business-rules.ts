import { HcertError } from './errors.ts';
import type { CertificateType } from './key-usage.ts';

/**
 * Business rules per destination, as data. A small fixed vocabulary rather than a general language: each kind
 * below is one check the EU's CertLogic rule sets express again and again ("a test no older than 48 h",
 * "a full vaccination course", "a recovery still within its validity"), and a checker can read why one failed.
 */
export type BusinessRule =
  /** Which certificate types the destination accepts at all. */
  | { id: string; kind: 'accepted-types'; types: CertificateType[] }
  /** Vaccination: the course is complete, dose number ≥ total doses (dn ≥ sd). */
  | { id: string; kind: 'vaccination-complete' }
  /** Vaccination: the last dose is at least minDays and at most maxDays old (either bound optional). */
  | { id: string; kind: 'vaccination-age'; minDays?: number; maxDays?: number }
  /** Test: the sample was taken at most `hours` before the check. */
  | { id: string; kind: 'test-max-age'; hours: number }
  /** Test: the result is "not detected" (SNOMED CT 260415000). */
  | { id: string; kind: 'test-negative' }
  /** Recovery: the check falls within the certificate's df…du. */
  | { id: string; kind: 'recovery-valid' };

export type BusinessRuleKind = BusinessRule['kind'];

export interface Destination {
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** The destination's name by language tag (e.g. en, zh-CN). */
  name: Record<string, string>;
  rules: BusinessRule[];
}

export interface BusinessRuleSet {
  format: 'homeward-business-rules/1';
  updatedAt: string;
  destinations: Destination[];
}

export interface RuleOutcome {
  rule: BusinessRule;
  passed: boolean;
}

const KINDS: Record<BusinessRuleKind, CertificateType | null> = {
  'accepted-types': null,
  'vaccination-complete': 'v',
  'vaccination-age': 'v',
  'test-max-age': 't',
  'test-negative': 't',
  'recovery-valid': 'r',
};
const NOT_DETECTED = '260415000';
const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(message: string): never {
  throw new HcertError('input', `business rules: ${message}`);
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

function readRule(value: unknown, where: string): BusinessRule {
  if (!isRecord(value) || typeof value.id !== 'string' || typeof value.kind !== 'string' || !(value.kind in KINDS)) {
    fail(`${where}: expected { id, kind } with a known kind`);
  }
  const { id, kind } = value;
  switch (kind as BusinessRuleKind) {
    case 'accepted-types': {
      const types = value.types;
      if (!Array.isArray(types) || types.length === 0 || !types.every((t) => t === 'v' || t === 't' || t === 'r')) {
        fail(`${where}: types must list some of v, t, r`);
      }
      return { id, kind: 'accepted-types', types: types as CertificateType[] };
    }
    case 'vaccination-age': {
      const { minDays, maxDays } = value;
      if ((minDays !== undefined && !isCount(minDays)) || (maxDays !== undefined && !isCount(maxDays))) {
        fail(`${where}: minDays and maxDays must be whole days`);
      }
      if (minDays === undefined && maxDays === undefined) fail(`${where}: give minDays, maxDays or both`);
      return {
        id,
        kind: 'vaccination-age',
        ...(minDays === undefined ? {} : { minDays }),
        ...(maxDays === undefined ? {} : { maxDays }),
      };
    }
    case 'test-max-age':
      if (!isCount(value.hours) || value.hours === 0) fail(`${where}: hours must be a positive whole number`);
      return { id, kind: 'test-max-age', hours: value.hours };
    default:
      return { id, kind: kind as 'vaccination-complete' | 'test-negative' | 'recovery-valid' };
  }
}

/**
 * Reads a business-rule file (`{ format: "homeward-business-rules/1", destinations: [...] }`).
 * @throws HcertError('input') naming the first thing that is not in that shape
 */
export function readBusinessRules(json: unknown): BusinessRuleSet {
  if (!isRecord(json) || json.format !== 'homeward-business-rules/1' || !Array.isArray(json.destinations)) {
    fail('expected { format: "homeward-business-rules/1", destinations: [...] }');
  }
  const seen = new Set<string>();
  const destinations = json.destinations.map((entry: unknown, index): Destination => {
    const where = `destination ${index}`;
    if (!isRecord(entry) || typeof entry.country !== 'string' || !/^[A-Z]{2}$/.test(entry.country)) {
      fail(`${where}: country must be an ISO 3166-1 alpha-2 code`);
    }
    if (seen.has(entry.country)) fail(`${where}: ${entry.country} appears twice`);
    seen.add(entry.country);
    const name = entry.name;
    if (!isRecord(name) || !Object.values(name).every((text) => typeof text === 'string')) {
      fail(`${where}: name must map language tags to text`);
    }
    if (!Array.isArray(entry.rules)) fail(`${where}: rules must be an array`);
    const rules = entry.rules.map((rule: unknown, i) => readRule(rule, `${where} rule ${i}`));
    return { country: entry.country, name: name as Record<string, string>, rules };
  });
  return {
    format: 'homeward-business-rules/1',
    updatedAt: typeof json.updatedAt === 'string' ? json.updatedAt : '',
    destinations,
  };
}

const instant = (value: unknown): number => (typeof value === 'string' ? Date.parse(value) : Number.NaN);

function check(rule: BusinessRule, type: CertificateType, entry: Record<string, unknown>, at: number): boolean {
  switch (rule.kind) {
    case 'accepted-types':
      return rule.types.includes(type);
    case 'vaccination-complete':
      return isCount(entry.dn) && isCount(entry.sd) && entry.sd > 0 && entry.dn >= entry.sd;
    case 'vaccination-age': {
      // dt is a date (YYYY-MM-DD): count whole days from its start in UTC.
      const days = (at - instant(entry.dt)) / DAY_MS;
      if (Number.isNaN(days)) return false;
      return (
        (rule.minDays === undefined || days >= rule.minDays) && (rule.maxDays === undefined || days <= rule.maxDays)
      );
    }
    case 'test-max-age': {
      const taken = instant(entry.sc);
      return !Number.isNaN(taken) && taken <= at && at - taken <= rule.hours * HOUR_MS;
    }
    case 'test-negative':
      return entry.tr === NOT_DETECTED;
    case 'recovery-valid': {
      const from = instant(entry.df);
      // du is the last valid day: valid through its end.
      const until = instant(entry.du) + DAY_MS;
      return !Number.isNaN(from) && !Number.isNaN(until) && from <= at && at < until;
    }
  }
}

/**
 * Applies a destination's rules to a verified DCC payload at a moment: the accepted-types rules always, the others
 * only when they concern the payload's certificate type. The payload passes when every outcome passed.
 */
export function evaluateBusinessRules(
  payload: unknown,
  destination: Destination,
  at: Date = new Date(),
): RuleOutcome[] {
  const group = isRecord(payload) ? (['v', 't', 'r'] as const).find((type) => Array.isArray(payload[type])) : undefined;
  const entries = group && isRecord(payload) ? (payload[group] as unknown[]) : [];
  const entry = entries[0];
  return destination.rules
    .filter((rule) => KINDS[rule.kind] === null || KINDS[rule.kind] === group)
    .map((rule) => ({
      rule,
      passed: group !== undefined && isRecord(entry) ? check(rule, group, entry, at.getTime()) : false,
    }));
}
