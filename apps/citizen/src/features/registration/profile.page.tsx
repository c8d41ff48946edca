import type { Locale } from '@homeward/shared';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { sortByName } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { ErrorSummary, type FieldErrors, TextField, useFormErrors } from '../accounts/form.components.tsx';
import { LocaleRadios } from '../accounts/locale-radios.component.tsx';
import { phoneForPeople } from '../accounts/phone.ts';
import { useMeta } from '../meta/meta.context.tsx';
import { LoadFailed } from '../offline/offline.component.tsx';
import {
  COUNTRIES_PATH,
  type Country,
  PERSON_PATH,
  type Person,
  type ProfileInput,
  SEXES,
  type Sex,
  saveProfile,
} from './registration.api.ts';
import { failedMrzCheck, formErrorsFromApi } from './registration.errors.ts';
import {
  BackToRegistration,
  DateInputs,
  type DateParts,
  firstDateId,
  isoFromParts,
  partsFromIso,
  RadioGroup,
  SelectField,
  TextArea,
} from './registration.fields.tsx';
import type { RegistrationNotice } from './registration.page.tsx';

const FIELDS = {
  '/familyName': 'familyName',
  '/givenName': 'givenName',
  '/nativeName': 'nativeName',
  '/birthDate': 'birthDate',
  '/sex': 'sex-F',
  '/nationality': 'nationality',
  '/passportNumber': 'passportNumber',
  '/passportExpiry': 'passportExpiry',
  '/mrz': 'mrz',
  '/phone': 'phone',
  '/locale': 'locale-zh-CN',
};
const BY_CODE = { mrz_invalid: 'mrz', mrz_mismatch: 'mrz' };
/** The check digits the `mrz` package names, each explained in the person's words. */
const MRZ_CHECKS = [
  'documentNumberCheckDigit',
  'birthDateCheckDigit',
  'expirationDateCheckDigit',
  'personalNumberCheckDigit',
  'compositeCheckDigit',
] as const;
type MrzCheck = (typeof MRZ_CHECKS)[number];

/** The person profile: names as in the passport, the passport itself, and how to reach me. */
export function RegistrationProfilePage() {
  const { t } = useTranslation();
  const person = useApi<{ person: Person | null }>(PERSON_PATH, { keepOnDevice: false });
  const countries = useApi<Country[]>(COUNTRIES_PATH);
  useDocumentTitle(t('registration.profile.title'));
  return (
    <div className="narrow">
      <BackToRegistration />
      {person.data && countries.data ? (
        <ProfileForm person={person.data.person} countries={countries.data} />
      ) : (
        <>
          <h1>{t('registration.profile.title')}</h1>
          {person.status === 'error' || countries.status === 'error' ? (
            <LoadFailed
              onRetry={() => {
                person.retry();
                countries.retry();
              }}
            />
          ) : (
            <p role="status" className="hint">
              {t('common.loading')}
            </p>
          )}
        </>
      )}
    </div>
  );
}

function ProfileForm({ person, countries }: { person: Person | null; countries: Country[] }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const navigate = useNavigate();
  const { meta } = useMeta();
  const [familyName, setFamilyName] = useState(person?.familyName ?? '');
  const [givenName, setGivenName] = useState(person?.givenName ?? '');
  const [nativeName, setNativeName] = useState(person?.nativeName ?? '');
  const [birthDate, setBirthDate] = useState<DateParts>(partsFromIso(person?.birthDate));
  const [sex, setSex] = useState<string>(person?.sex ?? '');
  const [nationality, setNationality] = useState(person?.nationality ?? meta?.sendingState.code ?? '');
  const [passportNumber, setPassportNumber] = useState(person?.passportNumber ?? '');
  const [passportExpiry, setPassportExpiry] = useState<DateParts>(partsFromIso(person?.passportExpiry));
  const [mrz, setMrz] = useState('');
  const [phone, setPhone] = useState(person?.phone ? phoneForPeople(person.phone) : '');
  const [preferred, setPreferred] = useState<Locale>(person?.locale ?? locale);
  const [busy, setBusy] = useState(false);
  const order = useMemo(
    () => [
      'familyName',
      'givenName',
      'nativeName',
      firstDateId('birthDate', locale),
      'sex-F',
      'nationality',
      'passportNumber',
      firstDateId('passportExpiry', locale),
      'mrz',
      'phone',
      'locale-zh-CN',
    ],
    [locale],
  );
  const errors = useFormErrors(order);
  const title = person ? t('registration.profile.title') : t('registration.profile.titleNew');
  useDocumentTitle(title, errors.hasErrors);
  const nationalities = useMemo(
    () => sortByName(countries, locale).map((c) => ({ value: c.code, label: c.name[locale] })),
    [countries, locale],
  );

  /** Error-summary links go to the first box of a date; its message sits above all three. */
  const show = (fields: FieldErrors, form: string | null) => {
    const moved: FieldErrors = { ...fields };
    for (const id of ['birthDate', 'passportExpiry']) {
      if (moved[id]) {
        moved[firstDateId(id, locale)] = moved[id];
        delete moved[id];
      }
    }
    errors.show({ fields: moved, form });
  };
  const fieldError = (id: string) => errors.fields[id];
  const dateError = (id: string) => errors.fields[firstDateId(id, locale)];

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found: FieldErrors = {};
    if (!familyName.trim()) found.familyName = t('registration.profile.familyNameMissing');
    if (!givenName.trim()) found.givenName = t('registration.profile.givenNameMissing');
    const birth = isoFromParts(birthDate);
    if (birth === null) found.birthDate = t('registration.date.invalid');
    const expiry = isoFromParts(passportExpiry);
    if (expiry === null) found.passportExpiry = t('registration.date.invalid');
    if (Object.keys(found).length > 0) {
      show(found, null);
      return;
    }
    const body: ProfileInput = {
      familyName: familyName.trim().toUpperCase(),
      givenName: givenName.trim().toUpperCase(),
      ...(nativeName.trim() ? { nativeName: nativeName.trim() } : {}),
      ...(birth ? { birthDate: birth } : {}),
      ...(sex ? { sex: sex as Sex } : {}),
      ...(nationality ? { nationality } : {}),
      ...(passportNumber.trim() ? { passportNumber: passportNumber.replace(/\s+/g, '').toUpperCase() } : {}),
      ...(expiry ? { passportExpiry: expiry } : {}),
      ...(mrz.trim() ? { mrz: mrz.trim().toUpperCase() } : {}),
      ...(phone.trim() ? { phone: phone.trim() } : {}),
      locale: preferred,
    };
    setBusy(true);
    try {
      await saveProfile(body);
      navigate('/registration', {
        state: { notice: t('registration.profile.saved') } satisfies RegistrationNotice,
      });
    } catch (error) {
      const result = formErrorsFromApi(error, FIELDS, BY_CODE, t('errors.network'), (problem) => {
        const check = failedMrzCheck(problem);
        if (!check) return null;
        const known = (MRZ_CHECKS as readonly string[]).includes(check);
        return known ? t(`registration.mrzCheck.${check as MrzCheck}`) : t('registration.mrzCheck.other');
      });
      show(result.fields, result.form);
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorSummary errors={errors.summary} version={errors.version} />
      <h1>{title}</h1>
      <p>{t('registration.profile.intro')}</p>
      <form noValidate onSubmit={onSubmit}>
        <TextField
          id="familyName"
          label={t('registration.profile.familyName')}
          hint={t('registration.profile.latinHint')}
          error={fieldError('familyName')}
          autoComplete="family-name"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={100}
          value={familyName}
          onChange={setFamilyName}
        />
        <TextField
          id="givenName"
          label={t('registration.profile.givenName')}
          hint={t('registration.profile.givenHint')}
          error={fieldError('givenName')}
          autoComplete="given-name"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={100}
          value={givenName}
          onChange={setGivenName}
        />
        <TextField
          id="nativeName"
          label={t('registration.profile.nativeName')}
          hint={t('registration.profile.nativeHint')}
          error={fieldError('nativeName')}
          autoComplete="off"
          spellCheck={false}
          maxLength={100}
          value={nativeName}
          onChange={setNativeName}
        />
        <DateInputs
          id="birthDate"
          legend={t('registration.profile.birthDate')}
          hint={t('registration.date.hintBirth')}
          error={dateError('birthDate')}
          value={birthDate}
          onChange={setBirthDate}
          birthday
        />
        <RadioGroup
          id="sex"
          legend={t('registration.profile.sex')}
          hint={t('registration.profile.sexHint')}
          error={fieldError('sex-F')}
          value={sex}
          onChange={setSex}
          options={SEXES.map((s) => ({ value: s, label: t(`registration.sex.${s}`) }))}
        />
        <SelectField
          id="nationality"
          label={t('registration.profile.nationality')}
          error={fieldError('nationality')}
          value={nationality}
          onChange={setNationality}
          options={nationalities}
          emptyLabel={t('registration.notGiven')}
        />
        <TextField
          id="passportNumber"
          label={t('registration.profile.passportNumber')}
          hint={t('registration.profile.passportHint')}
          error={fieldError('passportNumber')}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={24}
          value={passportNumber}
          onChange={setPassportNumber}
        />
        <DateInputs
          id="passportExpiry"
          legend={t('registration.profile.passportExpiry')}
          hint={t('registration.date.hintExpiry')}
          error={dateError('passportExpiry')}
          value={passportExpiry}
          onChange={setPassportExpiry}
        />
        <TextArea
          id="mrz"
          label={t('registration.profile.mrz')}
          hint={t('registration.profile.mrzHint')}
          error={fieldError('mrz')}
          rows={3}
          // One MRZ line per text line, as printed: long lines scroll instead of wrapping.
          wrap="off"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          value={mrz}
          onChange={setMrz}
        />
        <TextField
          id="phone"
          label={t('fields.phone')}
          hint={t('fields.phoneHint')}
          error={fieldError('phone')}
          type="tel"
          autoComplete="tel"
          value={phone}
          onChange={setPhone}
        />
        <LocaleRadios value={preferred} onChange={setPreferred} error={fieldError('locale-zh-CN')} />
        <button type="submit" className="button" aria-disabled={busy}>
          {t('registration.save')}
        </button>
      </form>
    </>
  );
}
