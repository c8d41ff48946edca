import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface FieldControlProps {
  id: string;
  className: string;
  'aria-describedby': string | undefined;
  'aria-invalid': true | undefined;
}

/**
 * One GOV.UK form group: label, optional hint, the inline error in the same words as the summary, then the control.
 * The control is rendered by `children` so inputs, selects and textareas share the wiring.
 */
export function Field({
  id,
  label,
  hint,
  error,
  base = 'input',
  children,
}: {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  base?: 'input' | 'select' | 'textarea';
  children: (props: FieldControlProps) => ReactNode;
}) {
  const { t } = useTranslation();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={error ? 'form-group form-group--error' : 'form-group'}>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="error-message" id={`${id}-error`}>
          <span className="visually-hidden">{t('errors.prefix')}</span>
          {error}
        </p>
      ) : null}
      {children({
        id,
        className: error ? `${base} ${base}--error` : base,
        'aria-describedby': describedBy || undefined,
        'aria-invalid': error ? true : undefined,
      })}
    </div>
  );
}

/** A fieldset group (checkboxes, radios) with its legend, hint and inline error. */
export function FieldSet({
  id,
  legend,
  hint,
  error,
  children,
}: {
  id: string;
  legend: string;
  hint?: string | undefined;
  error?: string | undefined;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={error ? 'form-group form-group--error' : 'form-group'}>
      <fieldset className="fieldset" id={id} aria-describedby={describedBy || undefined} tabIndex={-1}>
        <legend className="label">{legend}</legend>
        {hint ? (
          <p className="hint" id={`${id}-hint`}>
            {hint}
          </p>
        ) : null}
        {error ? (
          <p className="error-message" id={`${id}-error`}>
            <span className="visually-hidden">{t('errors.prefix')}</span>
            {error}
          </p>
        ) : null}
        {children}
      </fieldset>
    </div>
  );
}
