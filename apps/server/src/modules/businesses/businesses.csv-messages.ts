import type { Locale, LocalizedText, RowError } from '@homeward/shared';

/** Why a row of a staff list was refused; stored with the import and worded in the reader's language. */
export type RowErrorCode =
  | 'unreadable'
  | 'field_count'
  | 'required'
  | 'too_long'
  | 'name_latin'
  | 'site_unknown'
  | 'site_ambiguous'
  | 'passport_invalid'
  | 'date_invalid'
  | 'date_future'
  | 'phone_invalid'
  | 'email_invalid'
  | 'locale_invalid'
  | 'contact_required'
  | 'duplicate'
  | 'more_errors';

/** A refused cell as stored in `staff_imports.errors`: `value` fills the message's {value}. */
export interface StoredRowError {
  line: number;
  column: string | null;
  code: RowErrorCode;
  value?: string | number;
}

const MESSAGES: Record<RowErrorCode, LocalizedText> = {
  unreadable: {
    en: 'The file cannot be read from here on ({value}); check the quotes on this line',
    'zh-CN': '文件从此处起无法读取（{value}），请检查本行的引号',
  },
  field_count: { en: 'This row has {value} fields; a row has 10', 'zh-CN': '此行有 {value} 个字段，应为 10 个' },
  required: { en: 'This is required', 'zh-CN': '此项必填' },
  too_long: { en: 'This is too long (at most {value} characters)', 'zh-CN': '内容过长（最多 {value} 个字符）' },
  name_latin: {
    en: "Use Latin letters as in the passport (letters, spaces, - and ')",
    'zh-CN': "请按护照填写拼音或拉丁字母（字母、空格、- 和 '）",
  },
  site_unknown: {
    en: 'No site of this organisation is called “{value}”; add the site first or use its exact name',
    'zh-CN': '本单位没有名为“{value}”的驻外地点，请先添加该地点或填写准确名称',
  },
  site_ambiguous: {
    en: 'Several sites are called “{value}”; use the site id instead',
    'zh-CN': '有多个地点名为“{value}”，请改填地点编号',
  },
  passport_invalid: {
    en: 'A passport number is 5 to 20 letters and digits',
    'zh-CN': '护照号码应为 5 至 20 位字母和数字',
  },
  date_invalid: {
    en: 'Write the date as YYYY-MM-DD (e.g. 1988-04-30)',
    'zh-CN': '日期格式应为 YYYY-MM-DD（如 1988-04-30）',
  },
  date_future: { en: 'A birth date is in the past', 'zh-CN': '出生日期应早于今天' },
  phone_invalid: {
    en: 'Write the number in international form, starting with + and the country code',
    'zh-CN': '请按国际格式填写号码，以 + 和国家或地区代码开头',
  },
  email_invalid: { en: 'This is not an email address', 'zh-CN': '电子邮箱格式不正确' },
  locale_invalid: { en: 'Write zh-CN or en', 'zh-CN': '请填写 zh-CN 或 en' },
  contact_required: {
    en: 'Give a phone number or an email address, so the person can be warned',
    'zh-CN': '请填写电话号码或电子邮箱，以便发送提醒',
  },
  duplicate: { en: 'The same person is already on line {value}', 'zh-CN': '与第 {value} 行为同一人，重复' },
  more_errors: {
    en: '{value} more errors are not listed; correct the ones above and upload again',
    'zh-CN': '另有 {value} 处错误未列出，请先更正以上错误后重新上传',
  },
};

export function rowErrorMessage(error: StoredRowError, locale: Locale): string {
  return MESSAGES[error.code][locale].replace('{value}', String(error.value ?? ''));
}

export function toRowErrors(errors: readonly StoredRowError[], locale: Locale): RowError[] {
  return errors.map((e) => ({ line: e.line, column: e.column, message: rowErrorMessage(e, locale) }));
}
