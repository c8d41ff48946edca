import type { Problem } from '@homeward/shared';
import { currentLocale } from '../../i18n/i18n.ts';
import { ApiError } from '../../lib/api.client.ts';
import { errorsFromApi, type FieldErrors } from '../accounts/form.components.tsx';

/**
 * `errorsFromApi`, plus problems about one field whose own words are better than the generic field message
 * (`mrz_invalid`, `dates_invalid`, `city_unknown`…): their localized title goes next to that field, followed by
 * what `explain` adds (e.g. which check digit failed).
 */
export function formErrorsFromApi(
  error: unknown,
  fields: Record<string, string>,
  byCode: Record<string, string>,
  networkMessage: string,
  explain: (problem: Problem) => string | null = () => null,
): { fields: FieldErrors; form: string | null } {
  const result = errorsFromApi(error, fields, networkMessage);
  if (!(error instanceof ApiError) || !error.problem) return result;
  const target = byCode[error.problem.code];
  if (!target) return result;
  const extra = explain(error.problem);
  const message = extra ? joinSentences(error.problem.title, extra) : error.problem.title;
  const others = Object.keys(result.fields).length > 1;
  return { fields: { ...result.fields, [target]: message }, form: others ? result.form : null };
}

/** Two sentences as one message; a title without a full stop gets one ("。" in Chinese, no space after it). */
function joinSentences(first: string, second: string): string {
  const chinese = currentLocale() === 'zh-CN';
  if (/[.!?。！？]$/.test(first)) return chinese ? `${first}${second}` : `${first} ${second}`;
  return chinese ? `${first}。${second}` : `${first}. ${second}`;
}

/** `documentNumberCheckDigit: invalid check digit: 7. Must be 6` → `documentNumberCheckDigit`. */
export function failedMrzCheck(problem: Problem): string | null {
  if (problem.code !== 'mrz_invalid' || !problem.detail) return null;
  return /^([A-Za-z0-9]+CheckDigit)\b/.exec(problem.detail)?.[1] ?? null;
}
