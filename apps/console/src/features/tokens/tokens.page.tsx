import type { TokenScope } from '@homeward/shared';
import i18next from 'i18next';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { ErrorSummary } from '../auth/error-summary.component.tsx';
import { useFocusHeading } from '../auth/focus-heading.hook.ts';
import { Confirm } from '../forms/confirm.component.tsx';
import { Field, FieldSet } from '../forms/field.component.tsx';
import { errorsFromFailure, type FormError, useFormErrors } from '../forms/form-errors.ts';
import { CopyLink } from '../staff/copy-link.component.tsx';
import {
  type ApiToken,
  createToken,
  endOfDayIso,
  revokeToken,
  SCOPE_LABEL_KEYS,
  TOKEN_SCOPE_LIST,
  TOKENS_PATH,
} from './tokens.api.ts';

/** API tokens (hq_admin): for partner systems that read Homeward without a person signing in. */
export function TokensPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('tokens.title'));
  const tokens = useApi<ApiToken[]>(TOKENS_PATH);
  const [created, setCreated] = useState<{ name: string; value: string } | null>(null);
  return (
    <>
      <h1>{t('tokens.title')}</h1>
      <p>{t('tokens.intro')}</p>
      {created ? <CreatedToken {...created} onDone={() => setCreated(null)} /> : null}
      <TokenList tokens={tokens} />
      {created ? null : (
        <CreateToken
          onCreated={(name, value) => {
            setCreated({ name, value });
            tokens.retry();
          }}
        />
      )}
    </>
  );
}

/** A scope's name in the UI language; a scope this console does not know yet shows as its code. */
function useScopeName() {
  const { t } = useTranslation();
  const known = (scope: string): scope is TokenScope => (TOKEN_SCOPE_LIST as readonly string[]).includes(scope);
  return (scope: string) => (known(scope) ? t(`tokens.scopeNames.${SCOPE_LABEL_KEYS[scope]}`) : scope);
}

function TokenList({ tokens }: { tokens: ReturnType<typeof useApi<ApiToken[]>> }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const scopeName = useScopeName();
  const [revoking, setRevoking] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [revoked, setRevoked] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const onRevoke = async (token: ApiToken) => {
    if (busy) return;
    setBusy(true);
    setFailure(null);
    try {
      await revokeToken(token.id);
      setRevoked(token.name);
      tokens.retry();
    } catch (error) {
      setFailure(errorsFromFailure(error, {}, null, t('errors.network'))[0]?.message ?? null);
    } finally {
      setBusy(false);
      setRevoking(null);
    }
  };

  const stateOf = (token: ApiToken): 'revoked' | 'expired' | 'active' => {
    if (token.revokedAt) return 'revoked';
    if (token.expiresAt && new Date(token.expiresAt).getTime() < Date.now()) return 'expired';
    return 'active';
  };

  return (
    <section className="section" aria-labelledby="tokens-list-title">
      <h2 id="tokens-list-title">{t('tokens.listTitle')}</h2>
      {failure ? (
        <div className="notice" role="alert">
          <p>{failure}</p>
        </div>
      ) : null}
      <p role="status" className="status-line">
        {revoked === null ? '' : t('tokens.revoked', { name: revoked })}
      </p>
      {tokens.status === 'error' ? (
        <div className="notice" role="alert">
          <p>{tokens.error.problem?.title ?? t('errors.network')}</p>
          <button type="button" className="button button--secondary" onClick={tokens.retry}>
            {t('errors.retry')}
          </button>
        </div>
      ) : null}
      {tokens.data && tokens.data.length === 0 ? <p>{t('tokens.none')}</p> : null}
      {tokens.data && tokens.data.length > 0 ? (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to scroll it (WCAG 2.1.1).
        <section className="table-wrap" aria-label={t('tokens.listTitle')} tabIndex={0}>
          <table className="table table--stack">
            <caption className="visually-hidden">{t('tokens.caption', { count: tokens.data.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('tokens.name')}</th>
                <th scope="col">{t('tokens.scopes')}</th>
                <th scope="col">{t('tokens.state')}</th>
                <th scope="col">{t('tokens.createdAt')}</th>
                <th scope="col">{t('tokens.expiresAt')}</th>
                <th scope="col">{t('tokens.lastUsedAt')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('staff.columns.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.map((token) => {
                const state = stateOf(token);
                return (
                  <tr key={token.id}>
                    <th scope="row">{token.name}</th>
                    <td data-label={t('tokens.scopes')}>
                      <ul className="plain-list">
                        {token.scopes.map((scope) => (
                          <li key={scope}>{scopeName(scope)}</li>
                        ))}
                      </ul>
                    </td>
                    <td data-label={t('tokens.state')}>
                      <span className={`tag tag--${state === 'active' ? 'active' : 'disabled'}`}>
                        {t(`tokens.states.${state}`)}
                      </span>
                    </td>
                    <td data-label={t('tokens.createdAt')}>{formatDateTime(token.createdAt, locale)}</td>
                    <td data-label={t('tokens.expiresAt')}>
                      {token.expiresAt ? formatDateTime(token.expiresAt, locale) : t('tokens.noExpiry')}
                    </td>
                    <td data-label={t('tokens.lastUsedAt')}>
                      {token.lastUsedAt ? formatDateTime(token.lastUsedAt, locale) : t('staff.never')}
                    </td>
                    <td>
                      {state !== 'active' ? null : revoking === token.id ? (
                        <Confirm
                          question={t('tokens.revokeConfirm', { name: token.name })}
                          confirmLabel={t('tokens.revoke')}
                          busy={busy}
                          onConfirm={() => onRevoke(token)}
                          onCancel={() => setRevoking(null)}
                        />
                      ) : (
                        <button
                          type="button"
                          className="button button--secondary button--small"
                          onClick={() => setRevoking(token.id)}
                        >
                          {t('tokens.revoke')}
                          <span className="visually-hidden"> {token.name}</span>
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      ) : null}
    </section>
  );
}

function CreateToken({ onCreated }: { onCreated: (name: string, value: string) => void }) {
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

function CreatedToken({ name, value, onDone }: { name: string; value: string; onDone: () => void }) {
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
