import './certificates.css';
import { VALUE_SETS, type ValueSetName } from '@homeward/hcert';
import i18next from 'i18next';
import { type ChangeEvent, type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { ErrorSummary } from '../auth/error-summary.component.tsx';
import { Field, FieldSet } from '../forms/field.component.tsx';
import { errorsFromFailure, type FormError, useFormErrors } from '../forms/form-errors.ts';
import {
  CERTIFICATE_TYPES,
  type CertificateHolderMatch,
  type CertificateType,
  type IssueCertificateBody,
  issueCertificate,
} from './certificates.api.ts';
import { HolderLookup } from './holder-lookup.component.tsx';

interface Draft {
  type: CertificateType;
  personId: string;
  familyName: string;
  givenName: string;
  familyNameLatin: string;
  givenNameLatin: string;
  birthDate: string;
  vp: string;
  mp: string;
  vma: string;
  dn: string;
  sd: string;
  dt: string;
  tt: string;
  nm: string;
  tma: string;
  sc: string;
  tr: string;
  tc: string;
  fr: string;
  df: string;
  du: string;
  co: string;
}

const EMPTY: Draft = {
  type: 'v',
  personId: '',
  familyName: '',
  givenName: '',
  familyNameLatin: '',
  givenNameLatin: '',
  birthDate: '',
  vp: '',
  mp: '',
  vma: '',
  dn: '1',
  sd: '2',
  dt: '',
  tt: '',
  nm: '',
  tma: '',
  sc: '',
  tr: '',
  tc: '',
  fr: '',
  df: '',
  du: '',
  co: 'CN',
};

/** Server field pointers → the ids of the fields in this form. */
const FIELD_IDS: Record<string, string> = {
  '/personId': 'holder-passport',
  '/holder/familyName': 'family-name',
  '/holder/givenName': 'given-name',
  '/holder/familyNameLatin': 'family-name-latin',
  '/holder/givenNameLatin': 'given-name-latin',
  '/holder/birthDate': 'birth-date',
  '/vaccination': 'vp',
  '/vaccination/vp': 'vp',
  '/vaccination/mp': 'mp',
  '/vaccination/ma': 'vma',
  '/vaccination/dn': 'dn',
  '/vaccination/sd': 'sd',
  '/vaccination/dt': 'dt',
  '/vaccination/co': 'co',
  '/test': 'tt',
  '/test/tt': 'tt',
  '/test/nm': 'nm',
  '/test/ma': 'tma',
  '/test/sc': 'sc',
  '/test/tr': 'tr',
  '/test/tc': 'tc',
  '/test/co': 'co',
  '/recovery': 'fr',
  '/recovery/fr': 'fr',
  '/recovery/df': 'df',
  '/recovery/du': 'du',
  '/recovery/co': 'co',
};

const REQUIRED: Record<CertificateType, (keyof Draft)[]> = {
  v: ['vp', 'mp', 'vma', 'dn', 'sd', 'dt', 'co'],
  t: ['tt', 'sc', 'tr', 'co'],
  r: ['fr', 'df', 'du', 'co'],
};

const FIELD_ID_OF: Partial<Record<keyof Draft, string>> = {
  familyName: 'family-name',
  birthDate: 'birth-date',
};

function bodyOf(draft: Draft): IssueCertificateBody {
  const optional = (value: string) => (value.trim() ? value.trim() : undefined);
  const holder = {
    familyName: draft.familyName.trim(),
    ...(optional(draft.givenName) ? { givenName: draft.givenName.trim() } : {}),
    ...(optional(draft.familyNameLatin) ? { familyNameLatin: draft.familyNameLatin.trim() } : {}),
    ...(optional(draft.givenNameLatin) ? { givenNameLatin: draft.givenNameLatin.trim() } : {}),
    birthDate: draft.birthDate.trim(),
  };
  const base = { type: draft.type, holder, ...(optional(draft.personId) ? { personId: draft.personId.trim() } : {}) };
  if (draft.type === 'v') {
    return {
      ...base,
      vaccination: {
        vp: draft.vp,
        mp: draft.mp,
        ma: draft.vma,
        dn: Number(draft.dn),
        sd: Number(draft.sd),
        dt: draft.dt,
        co: draft.co,
      },
    };
  }
  if (draft.type === 't') {
    return {
      ...base,
      test: {
        tt: draft.tt,
        ...(optional(draft.nm) ? { nm: draft.nm.trim() } : {}),
        ...(draft.tma ? { ma: draft.tma } : {}),
        sc: draft.sc ? new Date(draft.sc).toISOString() : '',
        tr: draft.tr,
        ...(optional(draft.tc) ? { tc: draft.tc.trim() } : {}),
        co: draft.co,
      },
    };
  }
  return { ...base, recovery: { fr: draft.fr, df: draft.df, du: draft.du, co: draft.co } };
}

/** The options of a value-set select, sorted by display name; countries by their name in the UI language. */
function useOptions(set: ValueSetName): { code: string; label: string }[] {
  const locale = currentLocale();
  return useMemo(() => {
    const names = set === 'country' ? new Intl.DisplayNames([locale], { type: 'region' }) : null;
    return Object.entries(VALUE_SETS[set])
      .filter(([, entry]) => entry.active)
      .map(([code, entry]) => ({ code, label: names ? (names.of(code) ?? entry.display) : entry.display }))
      .sort((a, b) => a.label.localeCompare(b.label, locale));
  }, [set, locale]);
}

function CodeSelect({
  id,
  label,
  set,
  value,
  onChange,
  error,
  optional = false,
}: {
  id: string;
  label: string;
  set: ValueSetName;
  value: string;
  onChange: (event: ChangeEvent<HTMLSelectElement>) => void;
  error: string | undefined;
  optional?: boolean;
}) {
  const { t } = useTranslation();
  const options = useOptions(set);
  return (
    <Field id={id} label={label} error={error} base="select">
      {(props) => (
        <select {...props} value={value} onChange={onChange}>
          <option value="">{optional ? t('certificates.issue.none') : t('certificates.issue.choose')}</option>
          {options.map((option) => (
            <option key={option.code} value={option.code}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** Health issuers issue a vaccination, test or recovery certificate; the server signs it. */
export function CertificateIssuePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('certificates.issue.title'));
  const navigate = useNavigate();
  const form = useFormErrors();
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [busy, setBusy] = useState(false);
  const [holder, setHolder] = useState<CertificateHolderMatch | null>(null);
  const set = (key: keyof Draft) => (event: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
    setDraft({ ...draft, [key]: event.target.value });

  const check = (): FormError[] => {
    const errors: FormError[] = [];
    if (!draft.familyName.trim())
      errors.push({ fieldId: 'family-name', message: () => i18next.t('certificates.issue.familyNameMissing') });
    if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(draft.birthDate.trim()))
      errors.push({ fieldId: 'birth-date', message: () => i18next.t('certificates.issue.birthDateInvalid') });
    for (const key of REQUIRED[draft.type]) {
      const label = key === 'vma' || key === 'tma' ? 'ma' : key;
      // The cast names one key of the set for the typed t(); every required field has its label in certificates.fields.
      if (!draft[key].trim())
        errors.push({
          fieldId: FIELD_ID_OF[key] ?? key,
          message: () =>
            i18next.t('certificates.issue.required', {
              field: i18next.t(`certificates.fields.${label}` as 'certificates.fields.co'),
            }),
        });
    }
    return errors;
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const errors = check();
    form.show(errors);
    if (errors.length > 0) return;
    setBusy(true);
    try {
      const created = await issueCertificate(bodyOf(draft));
      navigate(`/certificates/${created.id}`);
    } catch (error) {
      form.show(errorsFromFailure(error, FIELD_IDS, 'family-name', t('errors.network')));
      setBusy(false);
    }
  };

  const text = (id: string, key: keyof Draft, label: string, hint?: string, extra: object = {}) => (
    <Field id={id} label={label} hint={hint} error={form.errorFor(id)}>
      {(props) => <input {...props} {...extra} value={draft[key]} onChange={set(key)} />}
    </Field>
  );

  return (
    <div className="narrow">
      <p>
        <Link to="/certificates" className="back-link">
          {t('certificates.back')}
        </Link>
      </p>
      <ErrorSummary errors={form.errors} version={form.version} />
      <h1>{t('certificates.issue.title')}</h1>
      <form noValidate onSubmit={onSubmit}>
        <FieldSet id="type" legend={t('certificates.type')}>
          <div className="radios">
            {CERTIFICATE_TYPES.map((type) => (
              <div key={type} className="checkbox">
                <input
                  id={`type-${type}`}
                  type="radio"
                  name="type"
                  value={type}
                  checked={draft.type === type}
                  onChange={() => setDraft({ ...draft, type })}
                />
                <label htmlFor={`type-${type}`}>{t(`certificates.types.${type}`)}</label>
              </div>
            ))}
          </div>
        </FieldSet>

        <h2>{t('certificates.issue.holderHeading')}</h2>
        <HolderLookup
          chosen={holder}
          onChoose={(match) => {
            setHolder(match);
            setDraft(
              match
                ? {
                    ...draft,
                    personId: match.personId,
                    familyName: match.familyName,
                    givenName: match.givenName,
                    birthDate: match.birthDate ?? draft.birthDate,
                  }
                : { ...draft, personId: '' },
            );
          }}
        />
        {text('family-name', 'familyName', t('certificates.issue.familyName'), t('certificates.issue.nameHint'), {
          type: 'text',
        })}
        {text('given-name', 'givenName', t('certificates.issue.givenName'), undefined, { type: 'text' })}
        {text(
          'family-name-latin',
          'familyNameLatin',
          t('certificates.issue.familyNameLatin'),
          t('certificates.issue.latinHint'),
          { type: 'text', lang: 'en', spellCheck: false },
        )}
        {text('given-name-latin', 'givenNameLatin', t('certificates.issue.givenNameLatin'), undefined, {
          type: 'text',
          lang: 'en',
          spellCheck: false,
        })}
        {text('birth-date', 'birthDate', t('certificates.issue.birthDate'), t('certificates.issue.birthDateHint'), {
          type: 'text',
          inputMode: 'numeric',
          autoComplete: 'off',
        })}

        <h2>{t(`certificates.issue.${draft.type}Heading`)}</h2>
        {draft.type === 'v' ? (
          <>
            <CodeSelect
              id="vp"
              label={t('certificates.fields.vp')}
              set="vaccineProphylaxis"
              value={draft.vp}
              onChange={set('vp')}
              error={form.errorFor('vp')}
            />
            <CodeSelect
              id="mp"
              label={t('certificates.fields.mp')}
              set="vaccineProduct"
              value={draft.mp}
              onChange={set('mp')}
              error={form.errorFor('mp')}
            />
            <CodeSelect
              id="vma"
              label={t('certificates.fields.ma')}
              set="vaccineManufacturer"
              value={draft.vma}
              onChange={set('vma')}
              error={form.errorFor('vma')}
            />
            {text('dn', 'dn', t('certificates.fields.dn'), undefined, {
              type: 'number',
              min: 1,
              max: 9,
              inputMode: 'numeric',
            })}
            {text('sd', 'sd', t('certificates.fields.sd'), undefined, {
              type: 'number',
              min: 1,
              max: 9,
              inputMode: 'numeric',
            })}
            {text('dt', 'dt', t('certificates.fields.dt'), undefined, { type: 'date' })}
          </>
        ) : null}
        {draft.type === 't' ? (
          <>
            <CodeSelect
              id="tt"
              label={t('certificates.fields.tt')}
              set="testType"
              value={draft.tt}
              onChange={set('tt')}
              error={form.errorFor('tt')}
            />
            {text('nm', 'nm', t('certificates.fields.nm'), t('certificates.issue.nmHint'), { type: 'text' })}
            <CodeSelect
              id="tma"
              label={t('certificates.fields.ma')}
              set="testManufacturer"
              value={draft.tma}
              onChange={set('tma')}
              error={form.errorFor('tma')}
              optional
            />
            {text('sc', 'sc', t('certificates.fields.sc'), undefined, { type: 'datetime-local' })}
            <CodeSelect
              id="tr"
              label={t('certificates.fields.tr')}
              set="testResult"
              value={draft.tr}
              onChange={set('tr')}
              error={form.errorFor('tr')}
            />
            {text('tc', 'tc', t('certificates.fields.tc'), undefined, { type: 'text' })}
          </>
        ) : null}
        {draft.type === 'r' ? (
          <>
            {text('fr', 'fr', t('certificates.fields.fr'), undefined, { type: 'date' })}
            {text('df', 'df', t('certificates.fields.df'), undefined, { type: 'date' })}
            {text('du', 'du', t('certificates.fields.du'), undefined, { type: 'date' })}
          </>
        ) : null}
        <CodeSelect
          id="co"
          label={t('certificates.fields.co')}
          set="country"
          value={draft.co}
          onChange={set('co')}
          error={form.errorFor('co')}
        />

        <button type="submit" className="button" aria-disabled={busy}>
          {t('certificates.issue.submit')}
        </button>
      </form>
    </div>
  );
}
