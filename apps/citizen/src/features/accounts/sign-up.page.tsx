import type { Locale } from '@homeward/shared';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { HelpWithoutAccount } from './account-links.component.tsx';
import { signUp } from './accounts.api.ts';
import { checkEmail, checkNewPassword } from './accounts.validation.ts';
import { ErrorSummary, errorsFromApi, TextField, useFormErrors } from './form.components.tsx';
import { LocaleRadios } from './locale-radios.component.tsx';

const ORDER = ['email', 'password', 'displayName', 'locale-zh-CN', 'phone'] as const;
const FIELDS = {
  '/email': 'email',
  '/password': 'password',
  '/displayName': 'displayName',
  '/locale': 'locale-zh-CN',
  '/phone': 'phone',
};

/** Sign-up on one short page: the password rule is said before it is typed, not after it fails. */
export function SignUpPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [locale, setLocale] = useState<Locale>(currentLocale());
  const [phone, setPhone] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(ORDER);
  useDocumentTitle(t('signUp.title'), errors.hasErrors);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const fields = {
      email: checkEmail(email, t),
      password: checkNewPassword(password, t('signUp.passwordMissing'), t),
      displayName: displayName.trim() ? undefined : t('fields.displayNameMissing'),
    };
    if (fields.email || fields.password || fields.displayName) {
      errors.show({ fields, form: null });
      return;
    }
    setBusy(true);
    try {
      await signUp({
        email: email.trim(),
        password,
        displayName: displayName.trim(),
        locale,
        ...(phone.trim() ? { phone: phone.trim() } : {}),
      });
      navigate('/sign-up/check-email', { state: { email: email.trim() } });
    } catch (error) {
      errors.show(errorsFromApi(error, FIELDS, t('errors.network')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="narrow">
      <ErrorSummary errors={errors.summary} version={errors.version} />
      <h1>{t('signUp.title')}</h1>
      <p>{t('signUp.intro')}</p>
      <HelpWithoutAccount />
      <form noValidate onSubmit={onSubmit}>
        <TextField
          id="email"
          label={t('fields.email')}
          hint={t('signUp.emailHint')}
          error={errors.fields.email}
          type="email"
          autoComplete="email"
          spellCheck={false}
          autoCapitalize="none"
          value={email}
          onChange={setEmail}
        />
        <TextField
          id="password"
          label={t('signUp.password')}
          hint={t('fields.passwordHint')}
          error={errors.fields.password}
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={setPassword}
        />
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
        <LocaleRadios value={locale} onChange={setLocale} error={errors.fields['locale-zh-CN']} />
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
        <button type="submit" className="button" aria-disabled={busy}>
          {t('signUp.submit')}
        </button>
      </form>
      <h2>{t('signUp.haveAccount')}</h2>
      <p>
        <Link to="/sign-in">{t('signUp.signIn')}</Link>
      </p>
    </div>
  );
}
