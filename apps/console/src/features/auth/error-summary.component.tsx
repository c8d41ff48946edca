import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export interface SummaryError {
  /** id of the field the message is about; null for errors about the whole form. */
  fieldId: string | null;
  message: string;
}

/**
 * GOV.UK error summary: at the top, focused when it appears so screen readers read it, each message a link
 * that moves focus to its field.
 */
export function ErrorSummary({ errors, version }: { errors: SummaryError[]; version: number }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: refocus on every failed submit, even with the same errors.
  useEffect(() => {
    ref.current?.focus();
  }, [version]);
  if (errors.length === 0) return null;
  return (
    <div className="error-summary" ref={ref} tabIndex={-1} role="alert" aria-labelledby="error-summary-title">
      <h2 className="error-summary__title" id="error-summary-title">
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
