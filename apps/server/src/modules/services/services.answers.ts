import { isKnownCountry } from '@homeward/gazetteer';
import type { Answers, FieldError, Locale, ServiceDefinition, ServiceField } from '@homeward/shared';
import { isRealDate, toE164 } from '../registry/registry.rules.ts';

// What the applicant reads next to a field that is not right: the field's own label, and what to do (UX.md:
// "Enter your passport number"). The server says it in the applicant's language so the phone shows it as is.
const MESSAGES = {
  required: { en: 'Enter {label}', 'zh-CN': '请填写{label}' },
  requiredChoice: { en: 'Choose {label}', 'zh-CN': '请选择{label}' },
  requiredFile: { en: 'Add {label}', 'zh-CN': '请上传{label}' },
  tooShort: { en: '{label} is too short', 'zh-CN': '{label}太短' },
  tooLong: { en: '{label} is too long', 'zh-CN': '{label}太长' },
  format: { en: '{label} is not in the right format', 'zh-CN': '{label}的格式不正确' },
  date: { en: '{label} must be a real date', 'zh-CN': '{label}须为有效日期' },
  past: { en: '{label} must be in the past', 'zh-CN': '{label}须早于今天' },
  future: { en: '{label} must be in the future', 'zh-CN': '{label}须晚于今天' },
  choice: { en: 'Choose one of the options for {label}', 'zh-CN': '请从{label}的选项中选择' },
  country: { en: 'Choose a country or area for {label}', 'zh-CN': '请为{label}选择国家或地区' },
  phone: { en: 'Enter {label} with its country code', 'zh-CN': '请填写带国家或地区代码的{label}' },
  email: { en: 'Enter {label} like name@example.com', 'zh-CN': '请按 name@example.com 的格式填写{label}' },
  unknown: { en: '{label} is not a question of this form', 'zh-CN': '{label}不是此表单的问题' },
} as const;
export type AnswerMessage = keyof typeof MESSAGES;

export function answerMessage(kind: AnswerMessage, label: string, locale: Locale): string {
  return MESSAGES[kind][locale].replace('{label}', label);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The problem with one answer, or null when it is acceptable (an empty optional answer is). */
export function checkAnswer(field: ServiceField, raw: string | undefined, today: string): AnswerMessage | null {
  const value = (raw ?? '').trim();
  if (field.type === 'file') return null; // documents are checked against the stored files
  if (value === '') {
    if (!field.required) return null;
    return field.type === 'select' || field.type === 'country' ? 'requiredChoice' : 'required';
  }
  switch (field.type) {
    case 'text':
      if (field.minLength !== undefined && Array.from(value).length < field.minLength) return 'tooShort';
      if (field.maxLength !== undefined && Array.from(value).length > field.maxLength) return 'tooLong';
      if (field.pattern !== undefined && !new RegExp(`^(?:${field.pattern})$`, 'u').test(value)) return 'format';
      return null;
    case 'date':
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !isRealDate(value)) return 'date';
      if (field.when === 'past' && value >= today) return 'past';
      if (field.when === 'future' && value <= today) return 'future';
      return null;
    case 'select':
      return field.options.some((o) => o.value === value) ? null : 'choice';
    case 'country':
      return /^[A-Z]{2}$/.test(value) && isKnownCountry(value) ? null : 'country';
    case 'phone':
      return toE164(value) ? null : 'phone';
    case 'email':
      return EMAIL.test(value) && value.length <= 254 ? null : 'email';
  }
}

/**
 * Every problem of a set of answers against a definition, one per field, each naming the field
 * (`/answers/<id>`) with its label. `documentFields` are the file fields that have a document.
 * `complete`: a submission (every rule); otherwise a draft, where only questions the form does not have
 * are refused.
 */
export function checkAnswers(
  definition: ServiceDefinition,
  answers: Answers,
  documentFields: ReadonlySet<string>,
  options: { complete: boolean; today: string; locale: Locale },
): FieldError[] {
  const errors: FieldError[] = [];
  const known = new Map(definition.fields.map((f) => [f.id, f]));
  for (const key of Object.keys(answers)) {
    const field = known.get(key);
    if (!field || field.type === 'file') {
      errors.push({ field: `/answers/${key}`, message: answerMessage('unknown', key, options.locale) });
    }
  }
  for (const field of definition.fields) {
    const label = field.label[options.locale];
    if (field.type === 'file') {
      if (options.complete && field.required && !documentFields.has(field.id)) {
        errors.push({ field: `/documents/${field.id}`, message: answerMessage('requiredFile', label, options.locale) });
      }
      continue;
    }
    if (!options.complete) continue; // a draft is saved as typed, half-written answers too
    const value = answers[field.id];
    const problem = checkAnswer(field, value, options.today);
    if (problem) errors.push({ field: `/answers/${field.id}`, message: answerMessage(problem, label, options.locale) });
  }
  return errors;
}

/** Answers as stored: trimmed, phone numbers in E.164, empty ones left out. */
export function normalizeAnswers(definition: ServiceDefinition, answers: Answers): Answers {
  const out: Answers = {};
  for (const field of definition.fields) {
    const value = (answers[field.id] ?? '').trim();
    if (value === '' || field.type === 'file') continue;
    out[field.id] = field.type === 'phone' ? (toE164(value) ?? value) : value;
  }
  return out;
}
