import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * "Are you sure?" in place, for actions that cannot be undone: focus moves to the confirm button, whose fieldset
 * legend is the question, so screen readers say the question with the button.
 */
export function Confirm({
  question,
  confirmLabel,
  onConfirm,
  onCancel,
  busy = false,
}: {
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  busy?: boolean;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <fieldset className="confirm">
      <legend>
        <strong>{question}</strong>
      </legend>
      <div className="button-group">
        <button ref={ref} type="button" className="button button--warning" aria-disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" className="link-button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </fieldset>
  );
}
