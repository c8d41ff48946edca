import type { Locale } from '@homeward/shared';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { changeLocale } from '../../i18n/i18n.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { LoadFailed } from '../offline/offline.component.tsx';
import { BackToAccount } from './account-links.component.tsx';
import { PROFILE_PATH, type Profile, updateProfile } from './accounts.api.ts';
import { ErrorSummary, errorsFromApi, SuccessNotice, TextField, useFormErrors } from './form.components.tsx';
import { LocaleRadios } from './locale-radios.component.tsx';
import { phoneForPeople } from './phone.ts';
import { useSession } from './session.context.tsx';

const ORDER = ['displayName', 'phone', 'locale-zh-CN'] as const;
const FIELDS = { '/displayName': 'displayName', '/phone': 'phone', '/locale': 'locale-zh-CN' };

/** Name, phone and language; the email address is shown but is not changed here. */
export function ProfilePage() {
  const { t } = useTranslation();
  const profile = useApi<Profile>(PROFILE_PATH, { keepOnDevice: false });
  useDocumentTitle(t('profile.title'));
  return (
    <div className="narrow">
      <BackToAccount />
      {profile.data ? (
        <ProfileForm profile={profile.data} />
      ) : (
        <>
          <h1>{t('profile.title')}</h1>
          {profile.status === 'error' ? (
            <LoadFailed onRetry={profile.retry} />
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

function ProfileForm({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const { session, setUser } = useSession();
  const [displayName, setDisplayName] = useState(profile.displayName);
  const [phone, setPhone] = useState(profile.phone ? phoneForPeople(profile.phone) : '');
  const [locale, setLocale] = useState<Locale>(profile.locale);
  const [saved, setSaved] = useState<Profile | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(ORDER);
  useDocumentTitle(t('profile.title'), errors.hasErrors);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setSaved(null);
    if (!displayName.trim()) {
      errors.show({ fields: { displayName: t('fields.displayNameMissing') }, form: null });
      return;
    }
    setBusy(true);
    try {
      const updated = await updateProfile({ displayName: displayName.trim(), phone: phone.trim(), locale });
      errors.clear();
      setSaved(updated);
      // The server stores the number as E.164; show what it kept, spaced as people write it.
      setPhone(updated.phone ? phoneForPeople(updated.phone) : '');
      if (session.user) setUser({ ...session.user, displayName: updated.displayName, locale: updated.locale });
      // Someone who chooses a language for their messages wants to read this app in it too.
      changeLocale(updated.locale);
    } catch (error) {
      errors.show(errorsFromApi(error, FIELDS, t('errors.network')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {saved ? <SuccessNotice>{t('profile.saved')}</SuccessNotice> : null}
      <ErrorSummary errors={errors.summary} version={errors.version} />
      <h1>{t('profile.title')}</h1>
      <dl className="summary-list">
        <div>
          <dt>{t('fields.email')}</dt>
          <dd>
            {profile.email}
            <br />
            <span className="hint">{t('profile.emailNote')}</span>
          </dd>
        </div>
      </dl>
      <form noValidate onSubmit={onSubmit} className="section-gap">
        <TextField
          id="displayName"
          label={t('fields.displayName')}
          hint={t('fields.displayNameHint')}
          error={errors.fields.displayName}
          type="text"
          autoComplete="name"
          spellCheck={false}
          maxLength={100}
          value={displayName}
          onChange={setDisplayName}
        />
        <TextField
          id="phone"
          label={t('fields.phone')}
          hint={t('fields.phoneHint')}
          error={errors.fields.phone}
          type="tel"
          autoComplete="tel"
          value={phone}
          onChange={setPhone}
        />
        <LocaleRadios value={locale} onChange={setLocale} error={errors.fields['locale-zh-CN']} />
        <button type="submit" className="button" aria-disabled={busy}>
          {t('profile.submit')}
        </button>
      </form>
    </>
  );
}
