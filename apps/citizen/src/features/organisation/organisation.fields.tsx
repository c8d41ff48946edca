import { useTranslation } from 'react-i18next';

// Form pieces of the organisation pages, on the account pages' classes: label, hint, then the error above
// the control, tied together with aria-describedby.

export function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
}

export function ErrorLine({ id, error }: { id: string; error?: string | undefined }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <p className="error-message" id={`${id}-error`}>
      <span className="visually-hidden">{t('errors.prefix')}</span>
      {error}
    </p>
  );
}

export function SelectField({
  id,
  label,
  hint,
  error,
  value,
  onChange,
  options,
  emptyLabel,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  value: string;
  onChange: (value: string) => void;
  options: readonly { value: string; label: string }[];
  /** The first, empty choice ("Choose…"). */
  emptyLabel?: string;
}) {
  return (
    <div className={error ? 'form-group form-group--error' : 'form-group'}>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="hint field-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      <ErrorLine id={id} error={error} />
      <select
        id={id}
        name={id}
        className={error ? 'select input--error' : 'select'}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
      >
        {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
