import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { ApiError } from '../../lib/api.client.ts';
import type { AccountNotice } from './account.page.tsx';
import { BackToAccount } from './account-links.component.tsx';
import { changePassword } from './accounts.api.ts';
import { checkNewPassword } from './accounts.validation.ts';
import { ErrorSummary, errorsFromApi, TextField, useFormErrors } from './form.components.tsx';

const ORDER = ['currentPassword', 'newPassword'] as const;
const FIELDS = { '/currentPassword': 'currentPassword', '/newPassword': 'newPassword', '/password': 'newPassword' };

/** Change the password: the current one proves it is you; other devices are signed out. */
export function ChangePasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(ORDER);
  useDocumentTitle(t('password.title'), errors.hasErrors);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const fields = {
      currentPassword: currentPassword ? undefined : t('password.currentMissing'),
      newPassword: checkNewPassword(newPassword, t('fields.newPasswordMissing'), t),
    };
    if (fields.currentPassword || fields.newPassword) {
      errors.show({ fields, form: null });
      return;
    }
    setBusy(true);
    try {
      await changePassword(currentPassword, newPassword);
      navigate('/account', { replace: true, state: { notice: 'passwordChanged' } satisfies AccountNotice });
    } catch (error) {
      const next = errorsFromApi(error, FIELDS, t('errors.network'));
      // A wrong current password comes back as a whole-form problem; it belongs next to that field.
      if (!next.fields.currentPassword && next.form && isCredentialsProblem(error)) {
        errors.show({ fields: { ...next.fields, currentPassword: next.form }, form: null });
      } else {
        errors.show(next);
      }
      setBusy(false);
    }
  };

  return (
    <div className="narrow">
      <BackToAccount />
      <ErrorSummary errors={errors.summary} version={errors.version} />
      <h1>{t('password.title')}</h1>
      <form noValidate onSubmit={onSubmit}>
        <TextField
          id="currentPassword"
          label={t('password.current')}
          error={errors.fields.currentPassword}
          type="password"
          autoComplete="current-password"
          value={currentPassword}
          onChange={setCurrentPassword}
        />
        <TextField
          id="newPassword"
          label={t('fields.newPassword')}
          hint={t('fields.passwordHint')}
          error={errors.fields.newPassword}
          type="password"
          autoComplete="new-password"
          value={newPassword}
          onChange={setNewPassword}
        />
        <button type="submit" className="button" aria-disabled={busy}>
          {t('password.submit')}
        </button>
      </form>
    </div>
  );
}

function isCredentialsProblem(error: unknown): boolean {
  return error instanceof ApiError && error.problem?.code === 'invalid_credentials';
}
