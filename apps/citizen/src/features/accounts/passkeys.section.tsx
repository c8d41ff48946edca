import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { dateTime } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { LoadFailed } from '../offline/offline.component.tsx';
import { PASSKEYS_PATH, type Passkey, removePasskey } from './accounts.api.ts';
import {
  ConfirmPanel,
  ErrorSummary,
  errorsFromApi,
  SuccessNotice,
  TextField,
  useFormErrors,
} from './form.components.tsx';
import { addPasskey, PasskeyCancelled, PasskeyUnsupported } from './passkey.client.ts';
import { KeyIcon } from './sign-in.page.tsx';

const ORDER = ['passkeyName'] as const;
const FIELDS = { '/name': 'passkeyName' };

/** The account's passkeys: add one on this device (with a name to tell them apart), list, remove after asking. */
export function PasskeysSection() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const passkeys = useApi<Passkey[]>(PASSKEYS_PATH, { keepOnDevice: false });
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState<Passkey | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const errors = useFormErrors(ORDER);

  const onAdd = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setDone(null);
    try {
      const passkey = await addPasskey(name.trim());
      errors.clear();
      setName('');
      setDone(t('security.added', { name: passkey.name }));
      passkeys.retry();
    } catch (error) {
      if (error instanceof PasskeyCancelled) errors.show({ fields: {}, form: t('security.addCancelled') });
      else if (error instanceof PasskeyUnsupported) errors.show({ fields: {}, form: t('security.unsupported') });
      else errors.show(errorsFromApi(error, FIELDS, t('errors.network')));
    } finally {
      setBusy(false);
    }
  };

  const onRemove = async (passkey: Passkey) => {
    if (busy) return;
    setBusy(true);
    try {
      await removePasskey(passkey.id);
      errors.clear();
      setConfirming(null);
      setDone(t('security.removed', { name: passkey.name }));
      passkeys.retry();
    } catch (error) {
      errors.show(errorsFromApi(error, {}, t('errors.network')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="passkeys-heading">
      <h2 id="passkeys-heading">{t('security.passkeysHeading')}</h2>
      <p>{t('security.passkeysIntro')}</p>
      <ErrorSummary errors={errors.summary} version={errors.version} id="passkeys-errors" />
      {done ? <SuccessNotice>{done}</SuccessNotice> : null}
      {passkeys.status === 'error' ? <LoadFailed onRetry={passkeys.retry} /> : null}
      {passkeys.status === 'loading' ? (
        <p role="status" className="hint">
          {t('common.loading')}
        </p>
      ) : null}
      {passkeys.data && passkeys.data.length === 0 ? <p>{t('security.none')}</p> : null}
      {passkeys.data && passkeys.data.length > 0 ? (
        <ul className="item-list">
          {passkeys.data.map((passkey) => (
            <li key={passkey.id} className="item">
              <p className="item__title">{passkey.name}</p>
              <p className="item__meta">
                {t('security.created', { date: dateTime(passkey.createdAt, locale) })}
                <br />
                {passkey.lastUsedAt
                  ? t('security.lastUsed', { date: dateTime(passkey.lastUsedAt, locale) })
                  : t('security.neverUsed')}
              </p>
              {confirming?.id === passkey.id ? (
                <ConfirmPanel
                  id={`confirm-${passkey.id}`}
                  question={t('security.confirmRemove', { name: passkey.name })}
                  yes={t('security.confirmRemoveYes')}
                  busy={busy}
                  onYes={() => void onRemove(passkey)}
                  onCancel={() => setConfirming(null)}
                />
              ) : (
                <button
                  type="button"
                  className="button button--secondary"
                  aria-label={t('security.removeNamed', { name: passkey.name })}
                  onClick={() => setConfirming(passkey)}
                >
                  {t('security.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      <form noValidate onSubmit={onAdd} className="section-gap">
        <TextField
          id="passkeyName"
          label={t('security.name')}
          hint={t('security.nameHint')}
          error={errors.fields.passkeyName}
          type="text"
          autoComplete="off"
          maxLength={60}
          value={name}
          onChange={setName}
        />
        <button type="submit" className="button" aria-disabled={busy}>
          <KeyIcon />
          {t('security.add')}
        </button>
      </form>
    </section>
  );
}
