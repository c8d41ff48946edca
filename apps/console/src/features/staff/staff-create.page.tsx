import { isLocale } from '@homeward/shared';
import i18next from 'i18next';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { ErrorSummary } from '../auth/error-summary.component.tsx';
import { useFocusHeading } from '../auth/focus-heading.hook.ts';
import { Field, FieldSet } from '../forms/field.component.tsx';
import { errorsFromFailure, type FormError, useFormErrors } from '../forms/form-errors.ts';
import { CopyLink } from './copy-link.component.tsx';
import { MissionPicker } from './mission-picker.component.tsx';
import {
  createStaff,
  SCOPED_ROLES,
  STAFF_ROLE_LIST,
  type StaffAccount,
  type StaffRole,
  toStaffRole,
  useAllMissions,
} from './staff.api.ts';

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** New staff account: the server answers with a one-time setup link the administrator hands over in person. */
export function StaffCreatePage() {
  const [created, setCreated] = useState<{ account: StaffAccount; setupUrl: string } | null>(null);
  return created ? <Created {...created} onAnother={() => setCreated(null)} /> : <CreateForm onCreated={setCreated} />;
}

function CreateForm({ onCreated }: { onCreated: (result: { account: StaffAccount; setupUrl: string }) => void }) {
  const { t } = useTranslation();
  const form = useFormErrors();
  const missions = useAllMissions();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<StaffRole | ''>('');
  const [selected, setSelected] = useState<string[]>([]);
  const [locale, setLocale] = useState<'zh-CN' | 'en'>('zh-CN');
  const [busy, setBusy] = useState(false);
  useDocumentTitle(t('staffForm.createTitle'), form.errors.length > 0);
  const scoped = role !== '' && SCOPED_ROLES.includes(role);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const errors: FormError[] = [];
    if (!email.trim()) errors.push({ fieldId: 'email', message: () => i18next.t('staffForm.emailMissing') });
    else if (!EMAIL_SHAPE.test(email.trim()))
      errors.push({ fieldId: 'email', message: () => i18next.t('staffForm.emailFormat') });
    if (!displayName.trim())
      errors.push({ fieldId: 'display-name', message: () => i18next.t('staffForm.nameMissing') });
    if (!role) errors.push({ fieldId: 'role', message: () => i18next.t('staffForm.roleMissing') });
    if (scoped && selected.length === 0)
      errors.push({ fieldId: 'missions', message: () => i18next.t('staffForm.missionsMissing') });
    if (errors.length > 0) return form.show(errors);
    if (!role) return;
    setBusy(true);
    try {
      onCreated(
        await createStaff({
          email: email.trim(),
          displayName: displayName.trim(),
          role,
          missions: scoped ? selected : [],
          locale,
        }),
      );
    } catch (error) {
      form.show(
        errorsFromFailure(
          error,
          { '/email': 'email', '/displayName': 'display-name', '/role': 'role', '/missions': 'missions' },
          'email',
          t('errors.network'),
        ),
      );
      setBusy(false);
    }
  };

  return (
    <>
      <Link to="/staff" className="back-link">
        {t('staffForm.back')}
      </Link>
      <div className="narrow">
        <ErrorSummary errors={form.errors} version={form.version} />
        <h1>{t('staffForm.createTitle')}</h1>
        <form noValidate onSubmit={onSubmit}>
          <Field id="email" label={t('signIn.email')} hint={t('staffForm.emailHint')} error={form.errorFor('email')}>
            {(props) => (
              <input
                {...props}
                type="email"
                autoComplete="off"
                spellCheck={false}
                autoCapitalize="none"
                value={email}
                onChange={(event) => setEmail(event.target.value)}
              />
            )}
          </Field>
          <Field
            id="display-name"
            label={t('staffForm.name')}
            hint={t('staffForm.nameHint')}
            error={form.errorFor('display-name')}
          >
            {(props) => (
              <input
                {...props}
                type="text"
                autoComplete="off"
                spellCheck={false}
                value={displayName}
                onChange={(event) => setDisplayName(event.target.value)}
              />
            )}
          </Field>
          <Field id="role" label={t('staff.role')} error={form.errorFor('role')} base="select">
            {(props) => (
              <select
                {...props}
                value={role}
                onChange={(event) => {
                  const value = toStaffRole(event.target.value);
                  setRole(value ?? '');
                }}
              >
                <option value="">{t('staffForm.chooseRole')}</option>
                {STAFF_ROLE_LIST.map((r) => (
                  <option key={r} value={r}>
                    {t(`roles.${r}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {scoped ? (
            <MissionPicker
              missions={missions.data?.items ?? []}
              selected={selected}
              onChange={setSelected}
              error={form.errorFor('missions')}
            />
          ) : null}
          <FieldSet id="locale" legend={t('staffForm.locale')} hint={t('staffForm.localeHint')}>
            <div className="radios">
              {(['zh-CN', 'en'] as const).map((value) => (
                <div key={value} className="checkbox">
                  <input
                    id={`locale-${value}`}
                    type="radio"
                    name="locale"
                    value={value}
                    checked={locale === value}
                    onChange={(event) => isLocale(event.target.value) && setLocale(event.target.value)}
                  />
                  <label htmlFor={`locale-${value}`} lang={value}>
                    {value === 'zh-CN' ? '中文' : 'English'}
                  </label>
                </div>
              ))}
            </div>
          </FieldSet>
          <button type="submit" className="button" aria-disabled={busy}>
            {t('staffForm.createSubmit')}
          </button>
        </form>
      </div>
    </>
  );
}

function Created({ account, setupUrl, onAnother }: { account: StaffAccount; setupUrl: string; onAnother: () => void }) {
  const { t } = useTranslation();
  const heading = useFocusHeading();
  useDocumentTitle(t('staffForm.createdTitle'));
  return (
    <div className="narrow">
      <div className="panel panel--success">
        <h1 ref={heading} tabIndex={-1}>
          {t('staffForm.createdTitle')}
        </h1>
        <p>{t('staffForm.createdFor', { name: account.displayName, email: account.email })}</p>
      </div>
      <p>{t('staffForm.handOver')}</p>
      <div className="warning">
        <p>
          <strong>{t('staffForm.linkOnce')}</strong>
        </p>
      </div>
      <CopyLink id="setup-url" label={t('staffForm.setupLink')} url={setupUrl} />
      <div className="button-group">
        <Link to="/staff" className="button">
          {t('staffForm.toList')}
        </Link>
        <button type="button" className="link-button" onClick={onAnother}>
          {t('staffForm.another')}
        </button>
      </div>
    </div>
  );
}
