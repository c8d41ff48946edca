import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A one-time link to hand over: selectable text plus a copy button that says when it worked. */
export function CopyLink({
  id,
  label,
  url,
  copyLabel,
}: {
  id: string;
  label: string;
  url: string;
  copyLabel?: string;
}) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const onCopy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      // Clipboard refused: the field is read-only text that can be selected by hand.
      setCopied(false);
    }
  };
  return (
    <div className="form-group">
      <label className="label" htmlFor={id}>
        {label}
      </label>
      <input id={id} className="input input--wide" readOnly value={url} onFocus={(event) => event.target.select()} />
      <div className="button-group">
        <button type="button" className="button button--secondary" onClick={onCopy}>
          {copyLabel ?? t('staffForm.copyLink')}
        </button>
        <span role="status" className="muted">
          {copied ? t('staffForm.copied') : ''}
        </span>
      </div>
    </div>
  );
}
