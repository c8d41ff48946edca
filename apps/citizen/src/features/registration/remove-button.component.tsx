import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmPanel, errorsFromApi } from '../accounts/form.components.tsx';

/**
 * "Remove" that asks first: the question replaces the button (focused, read out), Yes runs `onRemove`, and a
 * failure is said right there. `label` names the thing for screen readers ("Remove Osaka trip").
 */
export function RemoveButton({
  id,
  label,
  what,
  question,
  detail,
  yes,
  onRemove,
  onDone,
  focusAfter,
}: {
  id: string;
  /** The button's visible text ("Remove"). */
  label: string;
  /** Said after it to screen readers only, so each button's name is unique ("Remove: trip to Osaka"). */
  what: string;
  question: string;
  detail?: string;
  yes: string;
  onRemove: () => Promise<unknown>;
  onDone: () => void;
  /** Where focus goes once the thing (and this button with it) is gone: the section's heading. */
  focusAfter?: string;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const remove = async () => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await onRemove();
      setAsking(false);
      onDone();
      if (focusAfter) {
        requestAnimationFrame(() => {
          const target = document.getElementById(focusAfter);
          if (!target) return;
          target.tabIndex = -1;
          target.focus();
        });
      }
    } catch (failure) {
      setError(errorsFromApi(failure, {}, t('errors.network')).form ?? t('errors.network'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {error ? (
        <p className="error-message" role="alert">
          <span className="visually-hidden">{t('errors.prefix')}</span>
          {error}
        </p>
      ) : null}
      {asking ? (
        <ConfirmPanel
          id={`${id}-confirm`}
          question={question}
          detail={detail}
          yes={yes}
          busy={busy}
          onYes={() => void remove()}
          onCancel={() => setAsking(false)}
        />
      ) : (
        <button type="button" className="button button--secondary reg-small-button" onClick={() => setAsking(true)}>
          {label}
          <span className="visually-hidden">{what}</span>
        </button>
      )}
    </>
  );
}
