import type { TokenScope } from '@homeward/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../app/use-document-title.hook.ts';
import { currentLocale } from '../../i18n/i18n.ts';
import { formatDateTime } from '../../lib/format.ts';
import { LoadError } from '../../lib/load-error.component.tsx';
import { useApi } from '../../lib/use-api.hook.ts';
import { Confirm } from '../forms/confirm.component.tsx';
import { errorsFromFailure } from '../forms/form-errors.ts';
import { CreatedToken, CreateToken } from './token-create.component.tsx';
import { type ApiToken, revokeToken, SCOPE_LABEL_KEYS, TOKEN_SCOPE_LIST, TOKENS_PATH } from './tokens.api.ts';

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
      <LoadError state={tokens} />
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
