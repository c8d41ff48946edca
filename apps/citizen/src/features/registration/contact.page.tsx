import { type FormEvent, type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { sortByName } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { useSubmissionKey } from '../../lib/use-submission-key.hook.ts';
import { ErrorSummary, type FieldErrors, TextField, useFormErrors } from '../accounts/form.components.tsx';
import { phoneForPeople } from '../accounts/phone.ts';
import { LoadFailed } from '../offline/offline.component.tsx';
import {
  CONTACTS_PATH,
  COUNTRIES_PATH,
  type Country,
  createContact,
  type EmergencyContact,
  type EmergencyContactInput,
  updateContact,
} from './registration.api.ts';
import { formErrorsFromApi } from './registration.errors.ts';
import { BackToRegistration, SelectField } from './registration.fields.tsx';
import type { RegistrationNotice } from './registration.page.tsx';

const ORDER = ['name', 'relationship', 'phone', 'email', 'countryCode'] as const;
const FIELDS = {
  '/name': 'name',
  '/relationship': 'relationship',
  '/phone': 'phone',
  '/email': 'email',
  '/countryCode': 'countryCode',
};
const BY_CODE = { contact_channel_required: 'phone', phone_invalid: 'phone' };

/** Someone at home to tell if something happens to me: `/registration/emergency-contacts/new` or `/…/:id`. */
export function ContactPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const list = useApi<{ items: EmergencyContact[] }>(id ? CONTACTS_PATH : null, { keepOnDevice: false });
  const countries = useApi<Country[]>(COUNTRIES_PATH);
  const existing = id ? list.data?.items.find((c) => c.id === id) : undefined;
  const title = id ? t('registration.contact.changeTitle') : t('registration.contact.addTitle');
  useDocumentTitle(title);
  let body: ReactNode = null;
  if ((id && list.status === 'error') || countries.status === 'error')
    body = (
      <LoadFailed
        onRetry={() => {
          list.retry();
          countries.retry();
        }}
      />
    );
  else if ((id && !list.data) || !countries.data)
    body = (
      <p role="status" className="hint">
        {t('common.loading')}
      </p>
    );
  else if (id && !existing) body = <p>{t('registration.contact.notFound')}</p>;
  return (
    <div className="narrow">
      <BackToRegistration />
      {body || !countries.data ? (
        <>
          <h1>{title}</h1>
          {body}
        </>
      ) : (
        <ContactForm key={existing?.id ?? 'new'} existing={existing ?? null} title={title} countries={countries.data} />
      )}
    </div>
  );
}

function ContactForm({
  existing,
  title,
  countries,
}: {
  existing: EmergencyContact | null;
  title: string;
  countries: readonly Country[];
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const navigate = useNavigate();
  const [name, setName] = useState(existing?.name ?? '');
  const [relationship, setRelationship] = useState(existing?.relationship ?? '');
  const [phone, setPhone] = useState(existing?.phone ? phoneForPeople(existing.phone) : '');
  const [email, setEmail] = useState(existing?.email ?? '');
  const [countryCode, setCountryCode] = useState(existing?.countryCode ?? '');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(ORDER);
  const submissionKey = useSubmissionKey();
  useDocumentTitle(title, errors.hasErrors);
  const countryOptions = useMemo(
    () => sortByName(countries, locale).map((c) => ({ value: c.code, label: c.name[locale] })),
    [countries, locale],
  );

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found: FieldErrors = {};
    if (!name.trim()) found.name = t('registration.contact.nameMissing');
    if (!relationship.trim()) found.relationship = t('registration.contact.relationshipMissing');
    if (!phone.trim() && !email.trim()) found.phone = t('registration.contact.channelMissing');
    if (Object.keys(found).length > 0) {
      errors.show({ fields: found, form: null });
      return;
    }
    const body: EmergencyContactInput = {
      name: name.trim(),
      relationship: relationship.trim(),
      ...(phone.trim() ? { phone: phone.trim() } : {}),
      ...(email.trim() ? { email: email.trim() } : {}),
      ...(countryCode ? { countryCode } : {}),
    };
    setBusy(true);
    try {
      if (existing) await updateContact(existing.id, body);
      else await createContact(body, submissionKey(body));
      navigate('/registration', {
        state: { notice: t('registration.contact.saved') } satisfies RegistrationNotice,
      });
    } catch (error) {
      errors.show(formErrorsFromApi(error, FIELDS, BY_CODE, t('errors.network')));
      setBusy(false);
    }
  };

  return (
    <>
      <ErrorSummary errors={errors.summary} version={errors.version} />
      <h1>{title}</h1>
      <p>{t('registration.contact.formIntro')}</p>
      <form noValidate onSubmit={onSubmit}>
        <TextField
          id="name"
          label={t('registration.contact.name')}
          error={errors.fields.name}
          autoComplete="off"
          maxLength={100}
          value={name}
          onChange={setName}
        />
        <TextField
          id="relationship"
          label={t('registration.contact.relationship')}
          hint={t('registration.contact.relationshipHint')}
          error={errors.fields.relationship}
          autoComplete="off"
          maxLength={60}
          value={relationship}
          onChange={setRelationship}
        />
        <TextField
          id="phone"
          label={t('registration.contact.phone')}
          hint={t('fields.phoneHint')}
          error={errors.fields.phone}
          type="tel"
          autoComplete="off"
          value={phone}
          onChange={setPhone}
        />
        <TextField
          id="email"
          label={t('registration.contact.email')}
          error={errors.fields.email}
          type="email"
          autoComplete="off"
          spellCheck={false}
          maxLength={254}
          value={email}
          onChange={setEmail}
        />
        <SelectField
          id="countryCode"
          label={t('registration.contact.country')}
          error={errors.fields.countryCode}
          value={countryCode}
          onChange={setCountryCode}
          options={countryOptions}
          emptyLabel={t('registration.notGiven')}
        />
        <button type="submit" className="button" aria-disabled={busy}>
          {t('registration.save')}
        </button>
      </form>
    </>
  );
}
