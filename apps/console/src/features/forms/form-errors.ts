import { problemTitle } from '@homeward/shared';
import { useState } from 'react';
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

/** Summary errors plus a counter that refocuses the summary on every failed submit. */
export function useFormErrors() {
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [version, setVersion] = useState(0);
  return {
    errors,
    version,
    errorFor: (fieldId: string) => errors.find((e) => e.fieldId === fieldId)?.message,
    show: (next: SummaryError[]) => {
      setErrors(next);
      if (next.length > 0) setVersion((n) => n + 1);
    },
    clear: () => setErrors([]),
  };
}
