import type { TokenScope } from '@homeward/shared';
import i18next from 'i18next';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../auth/error-summary.component.tsx';
import { useFocusHeading } from '../auth/focus-heading.hook.ts';
import { Field, FieldSet } from '../forms/field.component.tsx';
import { errorsFromFailure, type FormError, useFormErrors } from '../forms/form-errors.ts';
import { CopyLink } from '../staff/copy-link.component.tsx';
import { createToken, endOfDayIso, SCOPE_LABEL_KEYS, TOKEN_SCOPE_LIST } from './tokens.api.ts';

/** New API token: a name, the scopes it needs and an optional expiry. */
export function CreateToken({ onCreated }: { onCreated: (name: string, value: string) => void }) {
  const { t } = useTranslation();
  const form = useFormErrors();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<TokenScope[]>([]);
  const [expires, setExpires] = useState('');
  const [busy, setBusy] = useState(false);
  const today = new Date().toISOString().slice(0, 10);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const errors: FormError[] = [];
    if (!name.trim()) errors.push({ fieldId: 'token-name', message: () => i18next.t('tokens.nameMissing') });
    if (scopes.length === 0) errors.push({ fieldId: 'token-scopes', message: () => i18next.t('tokens.scopesMissing') });
    if (expires && expires < today)
      errors.push({ fieldId: 'token-expires', message: () => i18next.t('tokens.expiresPast') });
    if (errors.length > 0) return form.show(errors);
    setBusy(true);
    try {
      const { token, value } = await createToken({
        name: name.trim(),
        scopes,
        ...(expires ? { expiresAt: endOfDayIso(expires) } : {}),
      });
      form.clear();
      onCreated(token.name, value);
    } catch (error) {
      form.show(
        errorsFromFailure(
          error,
          { '/name': 'token-name', '/scopes': 'token-scopes', '/expiresAt': 'token-expires' },
          'token-name',
          t('errors.network'),
        ),
      );
      setBusy(false);
    }
  };

  return (
    <section className="section narrow" aria-labelledby="token-create-title">
      <ErrorSummary errors={form.errors} version={form.version} />
      <h2 id="token-create-title">{t('tokens.createTitle')}</h2>
      <form noValidate onSubmit={onSubmit}>
        <Field id="token-name" label={t('tokens.name')} hint={t('tokens.nameHint')} error={form.errorFor('token-name')}>
          {(props) => (
            <input
              {...props}
              type="text"
              autoComplete="off"
              value={name}
              onChange={(event) => setName(event.target.value)}
            />
          )}
        </Field>
        <FieldSet
          id="token-scopes"
          legend={t('tokens.scopes')}
          hint={t('tokens.scopesHint')}
          error={form.errorFor('token-scopes')}
        >
          {TOKEN_SCOPE_LIST.map((scope) => (
            <div key={scope} className="checkbox">
              <input
                id={`scope-${scope}`}
                type="checkbox"
                checked={scopes.includes(scope)}
                onChange={(event) =>
                  setScopes(event.target.checked ? [...scopes, scope] : scopes.filter((s) => s !== scope))
                }
                aria-describedby={`scope-${scope}-hint`}
              />
              <label htmlFor={`scope-${scope}`}>{t(`tokens.scopeNames.${SCOPE_LABEL_KEYS[scope]}`)}</label>
              <p className="hint" id={`scope-${scope}-hint`}>
                <code>{scope}</code>
              </p>
            </div>
          ))}
        </FieldSet>
        <Field
          id="token-expires"
          label={t('tokens.expiresAt')}
          hint={t('tokens.expiresHint')}
          error={form.errorFor('token-expires')}
        >
          {(props) => (
            <input
              {...props}
              className={`${props.className} input--date`}
              type="date"
              min={today}
              value={expires}
              onChange={(event) => setExpires(event.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="button" aria-disabled={busy}>
          {t('tokens.createSubmit')}
        </button>
      </form>
    </section>
  );
}

export function CreatedToken({ name, value, onDone }: { name: string; value: string; onDone: () => void }) {
  const { t } = useTranslation();
  const heading = useFocusHeading();
  return (
    <div className="panel panel--success narrow narrow--wide">
      <h2 ref={heading} tabIndex={-1}>
        {t('tokens.createdTitle', { name })}
      </h2>
      <p>
        <strong>{t('tokens.once')}</strong>
      </p>
      <CopyLink id="token-value" label={t('tokens.value')} url={value} copyLabel={t('tokens.copy')} />
      <button type="button" className="button" onClick={onDone}>
        {t('tokens.done')}
      </button>
    </div>
  );
}
