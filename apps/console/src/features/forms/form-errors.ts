import { problemTitle } from '@homeward/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { ApiError } from '../../lib/api.client.ts';
import type { SummaryError } from '../auth/error-summary.component.tsx';

/**
 * The errors of a failed call for the error summary: field errors land on the field named by their JSON pointer
 * (`fieldIds`), the rest on `formFieldId` (the first field, so the summary link still moves focus somewhere useful).
 */
export function errorsFromFailure(
  error: unknown,
  fieldIds: Record<string, string>,
  formFieldId: string | null,
  networkMessage: string,
): SummaryError[] {
  if (!(error instanceof ApiError))
    return [{ fieldId: formFieldId, message: problemTitle('internal_error', currentLocale()) }];
  if (error.status === 0) return [{ fieldId: formFieldId, message: networkMessage }];
  const problem = error.problem;
  if (!problem) return [{ fieldId: formFieldId, message: problemTitle('internal_error', currentLocale()) }];
  const fromFields = (problem.errors ?? []).map((e) => ({
    fieldId: fieldIds[e.field] ?? formFieldId,
    message: e.message,
  }));
  // The server already sends the title in the UI language (Accept-Language).
  return fromFields.length > 0 ? fromFields : [{ fieldId: formFieldId, message: problem.title }];
}

/**
 * A form error. Messages the browser writes are thunks, read at render time, so they follow the language switch;
 * the server's messages stay in the language it answered in.
 */
export interface FormError {
  fieldId: string | null;
  message: string | (() => string);
}

/** Summary errors plus a counter that refocuses the summary on every failed submit. */
export function useFormErrors() {
  // Subscribes the form to language changes, so the thunks below are read again.
  useTranslation();
  const [stored, setErrors] = useState<FormError[]>([]);
  const [version, setVersion] = useState(0);
  const errors: SummaryError[] = stored.map((e) => ({
    fieldId: e.fieldId,
    message: typeof e.message === 'function' ? e.message() : e.message,
  }));
  return {
    errors,
    version,
    errorFor: (fieldId: string) => errors.find((e) => e.fieldId === fieldId)?.message,
    show: (next: FormError[]) => {
      setErrors(next);
      if (next.length > 0) setVersion((n) => n + 1);
    },
    clear: () => setErrors([]),
  };
}

/** Half-finished sign-ins last five minutes; after that only starting again helps. */
export function isChallengeExpired(error: unknown): boolean {
  return error instanceof ApiError && error.problem?.code === 'challenge_expired';
}
