import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary } from '../auth/error-summary.component.tsx';
import { Field } from '../forms/field.component.tsx';

/**
 * A confirmation that may ask for a reason (resolve, reopen, escalate, merge). A native modal <dialog>: focus stays
 * inside, Escape closes it. The typed reason survives a failed attempt (a stale version, the network), so nobody
 * types it twice; `onConfirm` throws the message to show.
 */
export function CaseDialog({
  title,
  children,
  reason,
  confirmLabel,
  onConfirm,
  onClose,
}: {
  title: string;
  children?: ReactNode;
  /** Ask for a reason: its label, hint, and whether it may be left empty. */
  reason?: { label: string; hint?: string; required: boolean };
  confirmLabel: string;
  onConfirm: (reason: string) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const dialog = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  const fail = (message: string) => {
    setError(message);
    setVersion((v) => v + 1);
  };
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (reason?.required && !text.trim()) return fail(t('cases.dialog.reasonMissing'));
    setBusy(true);
    try {
      await onConfirm(text.trim());
      onClose();
    } catch (caught) {
      fail(caught instanceof Error ? caught.message : t('errors.network'));
    } finally {
      setBusy(false);
    }
  };

  return (
    // The dialog's own close (Escape) tells the page, so its state follows.
    <dialog ref={dialog} className="case-dialog" aria-labelledby="case-dialog-title" onClose={onClose}>
      <form onSubmit={onSubmit} noValidate>
        <h2 id="case-dialog-title">{title}</h2>
        {error ? (
          <ErrorSummary
            errors={[{ fieldId: reason ? 'case-dialog-reason' : null, message: error }]}
            version={version}
          />
        ) : null}
        {children}
        {reason ? (
          <Field
            id="case-dialog-reason"
            label={reason.label}
            hint={reason.hint}
            error={error && reason.required && !text.trim() ? error : undefined}
            base="textarea"
          >
            {(props) => (
              <textarea {...props} rows={3} maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} />
            )}
          </Field>
        ) : null}
        <div className="button-group">
          <button type="submit" className="button" aria-disabled={busy}>
            {confirmLabel}
          </button>
          <button type="button" className="link-button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
