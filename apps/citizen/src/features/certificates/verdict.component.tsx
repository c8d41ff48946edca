import { type HcertVerdict, VALUE_SETS, type ValueSetName, valueSetDisplay } from '@homeward/hcert';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';

type Entry = Record<string, unknown>;
type ReasonKey =
  | 'unreadable'
  | 'untrusted'
  | 'signature'
  | 'keyUsage'
  | 'notYetValid'
  | 'expired'
  | 'content'
  | 'revoked'
  | 'unknown';

/** Failure codes of @homeward/hcert grouped into what a border officer needs to hear. */
const REASONS: Record<string, ReasonKey> = {
  input: 'unreadable',
  prefix: 'unreadable',
  base45: 'unreadable',
  compression: 'unreadable',
  'too-large': 'unreadable',
  cbor: 'unreadable',
  cose: 'unreadable',
  cwt: 'unreadable',
  format: 'unreadable',
  'unknown-kid': 'untrusted',
  certificate: 'untrusted',
  algorithm: 'signature',
  signature: 'signature',
  'key-usage': 'keyUsage',
  'not-yet-valid': 'notYetValid',
  expired: 'expired',
  schema: 'content',
  revoked: 'revoked',
};

const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

function formatDate(value: unknown, withTime = false): string {
  const raw = text(value);
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00Z` : raw);
  if (Number.isNaN(date.getTime())) return raw;
  return new Intl.DateTimeFormat(currentLocale(), {
    dateStyle: 'long',
    ...(withTime ? { timeStyle: 'short' } : {}),
    timeZone: withTime ? undefined : 'UTC',
  }).format(date);
}

function country(code: unknown): string {
  const raw = text(code);
  try {
    return new Intl.DisplayNames([currentLocale()], { type: 'region' }).of(raw) ?? raw;
  } catch {
    return raw;
  }
}

function coded(set: ValueSetName, value: unknown): string {
  const raw = text(value);
  return raw in VALUE_SETS[set] ? valueSetDisplay(set, raw) : raw;
}

function Row({ label, value }: { label: string; value: string }) {
  if (!value) return null;
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

/** The rows that say what a certificate states: who, and the vaccination, test or recovery. */
export function CertificateFacts({ payload, expiresAt }: { payload: unknown; expiresAt?: string }) {
  const { t } = useTranslation();
  const record = (typeof payload === 'object' && payload !== null ? payload : {}) as Record<string, unknown>; // boundary: a verified DCC payload
  const nam = (record.nam ?? {}) as Entry;
  const type = (['v', 't', 'r'] as const).find((key) => Array.isArray(record[key]));
  const entry = (type ? ((record[type] as unknown[])[0] ?? {}) : {}) as Entry;
  const nativeName = [text(nam.fn), text(nam.gn)].filter(Boolean).join(' ');
  const latinName = [text(nam.fnt), text(nam.gnt)].filter(Boolean).join(', ').replaceAll('<', ' ');
  return (
    <dl className="summary-list">
      <Row label={t('certificates.facts.name')} value={nativeName} />
      <Row label={t('certificates.facts.nameLatin')} value={latinName} />
      <Row label={t('certificates.facts.birthDate')} value={text(record.dob)} />
      <Row label={t('certificates.facts.type')} value={type ? t(`certificates.types.${type}`) : ''} />
      {type === 'v' ? (
        <>
          <Row label={t('certificates.facts.vaccine')} value={coded('vaccineProduct', entry.mp)} />
          <Row label={t('certificates.facts.manufacturer')} value={coded('vaccineManufacturer', entry.ma)} />
          <Row
            label={t('certificates.facts.dose')}
            value={t('certificates.facts.doseOf', { n: text(entry.dn), of: text(entry.sd) })}
          />
          <Row label={t('certificates.facts.vaccinatedOn')} value={formatDate(entry.dt)} />
        </>
      ) : null}
      {type === 't' ? (
        <>
          <Row label={t('certificates.facts.testType')} value={coded('testType', entry.tt)} />
          <Row label={t('certificates.facts.testResult')} value={coded('testResult', entry.tr)} />
          <Row label={t('certificates.facts.sampledAt')} value={formatDate(entry.sc, true)} />
          <Row label={t('certificates.facts.testCentre')} value={text(entry.tc)} />
        </>
      ) : null}
      {type === 'r' ? (
        <>
          <Row label={t('certificates.facts.firstPositive')} value={formatDate(entry.fr)} />
          <Row label={t('certificates.facts.recoveryFrom')} value={formatDate(entry.df)} />
          <Row label={t('certificates.facts.recoveryUntil')} value={formatDate(entry.du)} />
        </>
      ) : null}
      <Row label={t('certificates.facts.country')} value={country(entry.co)} />
      <Row label={t('certificates.facts.issuer')} value={text(entry.is)} />
      {expiresAt ? <Row label={t('certificates.facts.expires')} value={formatDate(expiresAt, true)} /> : null}
      <Row label={t('certificates.facts.uci')} value={text(entry.ci)} />
    </dl>
  );
}

function Icon({ valid }: { valid: boolean }) {
  return (
    <svg className="verdict__icon" viewBox="0 0 40 40" aria-hidden="true" focusable="false">
      <circle cx="20" cy="20" r="18" fill="none" stroke="currentColor" strokeWidth="4" />
      {valid ? (
        <path d="M11 21l6 6 12-13" fill="none" stroke="currentColor" strokeWidth="4" />
      ) : (
        <path d="M13 13l14 14M27 13L13 27" fill="none" stroke="currentColor" strokeWidth="4" />
      )}
    </svg>
  );
}

/**
 * The big result: green "Valid" with what the certificate states, or red "Not valid" with why. Focused when it
 * appears (a new check), so a screen reader reads it and a keyboard user lands on it.
 */
export function Verdict({ verdict, checkedAt }: { verdict: HcertVerdict; checkedAt: number }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: focus again on every check, even with the same result.
  useEffect(() => {
    ref.current?.focus();
  }, [checkedAt]);
  if (verdict.ok) {
    return (
      <section className="verdict verdict--valid" ref={ref} tabIndex={-1} aria-labelledby="verdict-title">
        <h2 className="verdict__banner" id="verdict-title">
          <Icon valid />
          {t('certificates.verdict.valid')}
        </h2>
        <p>{t('certificates.verdict.compare')}</p>
        <CertificateFacts payload={verdict.payload} expiresAt={verdict.expiresAt} />
      </section>
    );
  }
  const reason = REASONS[verdict.code] ?? 'unknown';
  return (
    <section className="verdict verdict--invalid" ref={ref} tabIndex={-1} aria-labelledby="verdict-title">
      <h2 className="verdict__banner" id="verdict-title">
        <Icon valid={false} />
        {t('certificates.verdict.invalid')}
      </h2>
      <p className="verdict__reason">{t(`certificates.reasons.${reason}`)}</p>
      <details>
        <summary>{t('certificates.verdict.technical')}</summary>
        <p>
          <code>
            {verdict.code}: {verdict.reason}
          </code>
        </p>
      </details>
    </section>
  );
}
