import { type FormEvent, type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { useSubmissionKey } from '../../lib/use-submission-key.hook.ts';
import { ErrorSummary, type FieldErrors, TextField, useFormErrors } from '../accounts/form.components.tsx';
import { LoadFailed } from '../offline/offline.component.tsx';
import {
  createDependent,
  DEPENDENTS_PATH,
  type Dependent,
  type DependentInput,
  RELATIONSHIPS,
  type Relationship,
  SEXES,
  type Sex,
  updateDependent,
} from './registration.api.ts';
import { formErrorsFromApi } from './registration.errors.ts';
import {
  BackToRegistration,
  DateInputs,
  type DateParts,
  firstDateId,
  isoFromParts,
  partsFromIso,
  RadioGroup,
  SelectField,
} from './registration.fields.tsx';
import type { RegistrationNotice } from './registration.page.tsx';

const FIELDS = {
  '/familyName': 'familyName',
  '/givenName': 'givenName',
  '/nativeName': 'nativeName',
  '/relationship': 'relationship',
  '/birthDate': 'birthDate',
  '/sex': 'sex-F',
  '/passportNumber': 'passportNumber',
  '/passportExpiry': 'passportExpiry',
};

/** A family member without an account of their own: `/registration/dependents/new` or `/…/:id`. */
export function DependentPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const list = useApi<{ items: Dependent[] }>(id ? DEPENDENTS_PATH : null, { keepOnDevice: false });
  const existing = id ? list.data?.items.find((d) => d.id === id) : undefined;
  const title = id ? t('registration.dependent.changeTitle') : t('registration.dependent.addTitle');
  useDocumentTitle(title);
  let body: ReactNode = null;
  if (id && list.status === 'error') body = <LoadFailed onRetry={list.retry} />;
  else if (id && !list.data)
    body = (
      <p role="status" className="hint">
        {t('common.loading')}
      </p>
    );
  else if (id && !existing) body = <p>{t('registration.dependent.notFound')}</p>;
  return (
    <div className="narrow">
      <BackToRegistration />
      {body ? (
        <>
          <h1>{title}</h1>
          {body}
        </>
      ) : (
        <DependentForm key={existing?.id ?? 'new'} existing={existing ?? null} title={title} />
      )}
    </div>
  );
}

function DependentForm({ existing, title }: { existing: Dependent | null; title: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const navigate = useNavigate();
  const [familyName, setFamilyName] = useState(existing?.familyName ?? '');
  const [givenName, setGivenName] = useState(existing?.givenName ?? '');
  const [nativeName, setNativeName] = useState(existing?.nativeName ?? '');
  const [relationship, setRelationship] = useState<string>(existing?.relationship ?? '');
  const [birthDate, setBirthDate] = useState<DateParts>(partsFromIso(existing?.birthDate));
  const [sex, setSex] = useState<string>(existing?.sex ?? '');
  const [passportNumber, setPassportNumber] = useState(existing?.passportNumber ?? '');
  const [passportExpiry, setPassportExpiry] = useState<DateParts>(partsFromIso(existing?.passportExpiry));
  const [busy, setBusy] = useState(false);
  const order = useMemo(
    () => [
      'familyName',
      'givenName',
      'nativeName',
      'relationship',
      firstDateId('birthDate', locale),
      'sex-F',
      'passportNumber',
      firstDateId('passportExpiry', locale),
    ],
    [locale],
  );
  const errors = useFormErrors(order);
  const submissionKey = useSubmissionKey();
  useDocumentTitle(title, errors.hasErrors);

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

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found: FieldErrors = {};
    if (!familyName.trim()) found.familyName = t('registration.profile.familyNameMissing');
    if (!givenName.trim()) found.givenName = t('registration.profile.givenNameMissing');
    if (!relationship) found.relationship = t('registration.dependent.relationshipMissing');
    const birth = isoFromParts(birthDate);
    if (birth === null) found.birthDate = t('registration.date.invalid');
    const expiry = isoFromParts(passportExpiry);
    if (expiry === null) found.passportExpiry = t('registration.date.invalid');
    if (Object.keys(found).length > 0) {
      show(found, null);
      return;
    }
    const body: DependentInput = {
      familyName: familyName.trim().toUpperCase(),
      givenName: givenName.trim().toUpperCase(),
      relationship: relationship as Relationship,
      ...(nativeName.trim() ? { nativeName: nativeName.trim() } : {}),
      ...(birth ? { birthDate: birth } : {}),
      ...(sex ? { sex: sex as Sex } : {}),
      ...(passportNumber.trim() ? { passportNumber: passportNumber.replace(/\s+/g, '').toUpperCase() } : {}),
      ...(expiry ? { passportExpiry: expiry } : {}),
    };
    setBusy(true);
    try {
      if (existing) await updateDependent(existing.id, body);
      else await createDependent(body, submissionKey(body));
      navigate('/registration', {
        state: { notice: t('registration.dependent.saved') } satisfies RegistrationNotice,
      });
    } catch (error) {
      const result = formErrorsFromApi(error, FIELDS, {}, t('errors.network'));
      show(result.fields, result.form);
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorSummary errors={errors.summary} version={errors.version} />
      <h1>{title}</h1>
      <p>{t('registration.dependent.formIntro')}</p>
      <form noValidate onSubmit={onSubmit}>
        <TextField
          id="familyName"
          label={t('registration.profile.familyName')}
          hint={t('registration.profile.latinHint')}
          error={errors.fields.familyName}
          autoComplete="off"
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
          error={errors.fields.givenName}
          autoComplete="off"
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
          error={errors.fields.nativeName}
          autoComplete="off"
          spellCheck={false}
          maxLength={100}
          value={nativeName}
          onChange={setNativeName}
        />
        <SelectField
          id="relationship"
          label={t('registration.dependent.relationship')}
          error={errors.fields.relationship}
          value={relationship}
          onChange={setRelationship}
          options={RELATIONSHIPS.map((r) => ({ value: r, label: t(`registration.relationship.${r}`) }))}
          emptyLabel={t('registration.choose')}
        />
        <DateInputs
          id="birthDate"
          legend={t('registration.profile.birthDate')}
          hint={t('registration.date.hintBirth')}
          error={errors.fields[firstDateId('birthDate', locale)]}
          value={birthDate}
          onChange={setBirthDate}
        />
        <RadioGroup
          id="sex"
          legend={t('registration.profile.sex')}
          hint={t('registration.profile.sexHint')}
          error={errors.fields['sex-F']}
          value={sex}
          onChange={setSex}
          options={SEXES.map((s) => ({ value: s, label: t(`registration.sex.${s}`) }))}
        />
        <TextField
          id="passportNumber"
          label={t('registration.profile.passportNumber')}
          hint={t('registration.profile.passportHint')}
          error={errors.fields.passportNumber}
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
          error={errors.fields[firstDateId('passportExpiry', locale)]}
          value={passportExpiry}
          onChange={setPassportExpiry}
        />
        <button type="submit" className="button" aria-disabled={busy}>
          {t('registration.save')}
        </button>
      </form>
    </>
  );
}
