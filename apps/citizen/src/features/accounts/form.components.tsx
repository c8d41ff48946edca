import { problemTitle } from '@homeward/shared';
import { type InputHTMLAttributes, type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { ApiError } from '../../lib/api.client.ts';

export interface SummaryError {
  /** id of the field the message is about; null for errors about the whole form. */
  fieldId: string | null;
  message: string;
}

/**
 * GOV.UK error summary: at the top, focused when it appears so screen readers read it, each message a link
 * that moves focus to its field. `version` changes on every failed submit so it is focused again.
 */
export function ErrorSummary({
  errors,
  version,
  id = 'error-summary',
}: {
  errors: SummaryError[];
  version: number;
  /** Distinct per form when a page has more than one. */
  id?: string;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: refocus on every failed submit, even with the same errors.
  useEffect(() => {
    ref.current?.focus();
  }, [version]);
  if (errors.length === 0) return null;
  return (
    <div className="error-summary" ref={ref} tabIndex={-1} role="alert" aria-labelledby={`${id}-title`}>
      <h2 className="error-summary__title" id={`${id}-title`}>
        {t('errors.summaryTitle')}
      </h2>
      <ul className="error-summary__list">
        {errors.map((error) => (
          <li key={`${error.fieldId}:${error.message}`}>
            {error.fieldId ? (
              <a
                href={`#${error.fieldId}`}
                onClick={(event) => {
                  event.preventDefault();
                  const field = document.getElementById(error.fieldId ?? '');
                  field?.focus();
                  field?.scrollIntoView({ block: 'center' });
                }}
              >
                {error.message}
              </a>
            ) : (
              error.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The ids of a field's hint and error, for aria-describedby; undefined when it has neither. */
export function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
}

/** A field's error, above its control, with a hidden "Error:" prefix for screen readers. */
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

export interface Option {
  value: string;
  label: string;
}

/** A labelled select with its hint and error, built like TextField. */
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
  options: readonly Option[];
  /** The first, empty choice ("Choose…", "Not given"); omitted when a choice is required and preset. */
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

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'id'> {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  value: string;
  onChange: (value: string) => void;
}

/**
 * A labelled text input with its hint and its error above it, tied together for screen readers. A password
 * input gets a Show button: typing a long password on a phone is error-prone, and checking it should not
 * mean typing it twice.
 */
export function TextField({ id, label, hint, error, value, onChange, className, ...input }: FieldProps) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  const described = describedBy(id, hint, error);
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
      {input.type === 'password' ? (
        <div className="password-input">
          <input
            id={id}
            name={id}
            className={`${error ? 'input input--error' : 'input'}${className ? ` ${className}` : ''}`}
            value={value}
            onChange={(event) => onChange(event.target.value)}
            aria-describedby={described}
            aria-invalid={error ? true : undefined}
            {...input}
            type={shown ? 'text' : 'password'}
            autoCapitalize="none"
            spellCheck={false}
          />
          <button
            type="button"
            className="button button--secondary password-input__toggle"
            aria-controls={id}
            onClick={() => setShown((v) => !v)}
          >
            {shown ? t('fields.hide') : t('fields.show')}
            <span className="visually-hidden">{t('fields.passwordWord')}</span>
          </button>
        </div>
      ) : (
        <input
          id={id}
          name={id}
          className={`${error ? 'input input--error' : 'input'}${className ? ` ${className}` : ''}`}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-describedby={described}
          aria-invalid={error ? true : undefined}
          {...input}
        />
      )}
    </div>
  );
}

export type FieldErrors = Partial<Record<string, string>>;

/** What a failed request means for the form: messages per field (by input id) and one for the whole form. */
export function errorsFromApi(
  error: unknown,
  /** Server field pointer (`/email`) → input id (`email`). */
  fields: Record<string, string>,
  networkMessage: string,
): { fields: FieldErrors; form: string | null } {
  if (!(error instanceof ApiError)) return { fields: {}, form: problemTitle('internal_error', currentLocale()) };
  if (error.offline) return { fields: {}, form: networkMessage };
  const problem = error.problem;
  if (!problem) return { fields: {}, form: problemTitle('internal_error', currentLocale()) };
  const byField: FieldErrors = {};
  const unplaced: string[] = [];
  for (const e of problem.errors ?? []) {
    const id = fields[e.field];
    if (id && !byField[id]) byField[id] = e.message;
    else if (!id) unplaced.push(e.message);
  }
  // A field error carries the specific words; the title is only needed when no field explains the problem.
  const placed = Object.keys(byField).length > 0;
  const form = placed ? (unplaced.length > 0 ? unplaced.join(' ') : null) : problem.title;
  return { fields: byField, form };
}

/**
 * Error state for one form: field messages, one form message, and a counter that re-focuses the summary.
 * `order` lists the input ids in page order so the summary reads top to bottom.
 */
export function useFormErrors(order: readonly string[]) {
  const [fields, setFields] = useState<FieldErrors>({});
  const [form, setForm] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  const show = useCallback((next: { fields: FieldErrors; form: string | null }) => {
    setFields(next.fields);
    setForm(next.form);
    setVersion((n) => n + 1);
  }, []);
  const clear = useCallback(() => {
    setFields({});
    setForm(null);
  }, []);

  const summary = useMemo<SummaryError[]>(() => {
    const list: SummaryError[] = form ? [{ fieldId: null, message: form }] : [];
    for (const id of order) {
      const message = fields[id];
      if (message) list.push({ fieldId: id, message });
    }
    return list;
  }, [fields, form, order]);

  return { fields, form, version, summary, hasErrors: summary.length > 0, show, clear };
}

/** A short confirmation after something worked ("Your password was changed"), read out when it appears. */
export function SuccessNotice({ children }: { children: ReactNode }) {
  return (
    <div className="success-notice" role="status">
      {children}
    </div>
  );
}

/**
 * "Are you sure?" in place of the button that asked: the question gets focus so a screen reader reads it,
 * and Cancel puts things back. Used before removing a passkey, signing out everywhere and deleting the account.
 */
export function ConfirmPanel({
  id,
  question,
  detail,
  yes,
  busy,
  onYes,
  onCancel,
}: {
  id: string;
  question: string;
  detail?: string;
  yes: string;
  busy: boolean;
  onYes: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div className="confirm">
      <p id={id} className="confirm__question" ref={ref} tabIndex={-1}>
        {question}
      </p>
      {detail ? <p>{detail}</p> : null}
      <div className="button-row">
        <button type="button" className="button button--warning" onClick={onYes} aria-disabled={busy}>
          {yes}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
