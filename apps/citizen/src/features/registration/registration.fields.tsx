import './registration.css';
import type { Locale } from '@homeward/shared';
import type { ReactNode, TextareaHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { currentLocale } from '../../i18n/i18n.ts';
import { describedBy, ErrorLine, type Option } from '../accounts/form.components.tsx';

// Form pieces the registration pages share, built on the account pages' classes (label, hint, error above the
// control, tied together with aria-describedby).

export function BackToRegistration() {
  const { t } = useTranslation();
  return (
    <Link to="/registration" className="back-link">
      {t('registration.back')}
    </Link>
  );
}

interface TextAreaProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'onChange' | 'value' | 'id'> {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  value: string;
  onChange: (value: string) => void;
}

export function TextArea({ id, label, hint, error, value, onChange, className, ...rest }: TextAreaProps) {
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
      <textarea
        id={id}
        name={id}
        className={`input reg-textarea${error ? ' input--error' : ''}${className ? ` ${className}` : ''}`}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        {...rest}
      />
    </div>
  );
}

// The select is shared with the other citizen forms; the registration pages import it from here.
export { type Option, SelectField } from '../accounts/form.components.tsx';

/** Radios in a fieldset; the first radio's id is `${id}-${first value}`, the target of error-summary links. */
export function RadioGroup({
  id,
  legend,
  hint,
  error,
  value,
  onChange,
  options,
}: {
  id: string;
  legend: string;
  hint?: string;
  error?: string | undefined;
  value: string;
  onChange: (value: string) => void;
  options: readonly Option[];
}) {
  return (
    <fieldset
      className={error ? 'form-group fieldset form-group--error' : 'form-group fieldset'}
      aria-describedby={describedBy(id, hint, error)}
    >
      <legend className="label">{legend}</legend>
      {hint ? (
        <div className="hint field-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      <ErrorLine id={id} error={error} />
      <div className="radios">
        {options.map((option) => (
          <label key={option.value} className="radio" htmlFor={`${id}-${option.value}`}>
            <input
              type="radio"
              id={`${id}-${option.value}`}
              name={id}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** A date as three numbers (GOV.UK Dates): year–month–day in Chinese, day–month–year in English. */
export interface DateParts {
  year: string;
  month: string;
  day: string;
}

export const NO_DATE: DateParts = { year: '', month: '', day: '' };

const PART_ORDER: Record<Locale, (keyof DateParts)[]> = {
  'zh-CN': ['year', 'month', 'day'],
  en: ['day', 'month', 'year'],
};

/** The id of the first box in reading order: where an error-summary link sends focus. */
export function firstDateId(id: string, locale: Locale = currentLocale()): string {
  return `${id}-${PART_ORDER[locale][0]}`;
}

export function partsFromIso(iso: string | null | undefined): DateParts {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '');
  if (!match) return NO_DATE;
  return { year: match[1] ?? '', month: String(Number(match[2])), day: String(Number(match[3])) };
}

/** "" for an empty date, null for one that is not a real date, else YYYY-MM-DD. */
export function isoFromParts(parts: DateParts): string | null {
  const year = parts.year.trim();
  const month = parts.month.trim();
  const day = parts.day.trim();
  if (!year && !month && !day) return '';
  if (!/^\d{4}$/.test(year) || !/^\d{1,2}$/.test(month) || !/^\d{1,2}$/.test(day)) return null;
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) ? iso : null;
}

export function DateInputs({
  id,
  legend,
  hint,
  error,
  value,
  onChange,
  birthday = false,
}: {
  id: string;
  legend: string;
  hint?: string;
  error?: string | undefined;
  value: DateParts;
  onChange: (value: DateParts) => void;
  /** Offers the browser's saved birthday (autocomplete bday-*). */
  birthday?: boolean;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <fieldset
      className={error ? 'form-group fieldset form-group--error' : 'form-group fieldset'}
      aria-describedby={describedBy(id, hint, error)}
    >
      <legend className="label">{legend}</legend>
      {hint ? (
        <div className="hint field-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      <ErrorLine id={id} error={error} />
      <div className="reg-date">
        {PART_ORDER[locale].map((part) => (
          <div key={part} className={`reg-date__item reg-date__item--${part}`}>
            <label className="label reg-date__label" htmlFor={`${id}-${part}`}>
              {t(`registration.date.${part}`)}
            </label>
            <input
              id={`${id}-${part}`}
              name={`${id}-${part}`}
              className={error ? 'input input--error' : 'input'}
              inputMode="numeric"
              maxLength={part === 'year' ? 4 : 2}
              autoComplete={birthday ? `bday-${part}` : 'off'}
              value={value[part]}
              onChange={(event) => onChange({ ...value, [part]: event.target.value })}
              aria-invalid={error ? true : undefined}
            />
          </div>
        ))}
      </div>
    </fieldset>
  );
}

export function Checkbox({
  id,
  label,
  hint,
  checked,
  onChange,
}: {
  id: string;
  label: string;
  hint?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <div className="reg-checkbox">
      <input
        type="checkbox"
        id={id}
        name={id}
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        aria-describedby={hint ? `${id}-hint` : undefined}
      />
      <div>
        <label htmlFor={id} className="reg-checkbox__label">
          {label}
        </label>
        {hint ? (
          <div className="hint" id={`${id}-hint`}>
            {hint}
          </div>
        ) : null}
      </div>
    </div>
  );
}

/** Today's date on this device as YYYY-MM-DD: trips are planned in the traveller's own calendar. */
export function todayIso(now = new Date()): string {
  const month = String(now.getMonth() + 1).padStart(2, '0');
  const day = String(now.getDate()).padStart(2, '0');
  return `${now.getFullYear()}-${month}-${day}`;
}

/** "2026年3月5日" / "5 March 2026", read as a calendar date (no time zone shift). */
export function formatDay(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '';
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
    date,
  );
}

/** Narrows the country list that follows it (`aria-controls` names that select); the same words wherever used. */
export function CountryFilterField({
  value,
  onChange,
  controls = 'country',
}: {
  value: string;
  onChange: (value: string) => void;
  controls?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="form-group">
      <label className="label" htmlFor="country-filter">
        {t('help.countryFilterLabel')}
      </label>
      <p className="hint" id="country-filter-hint">
        {t('help.countryFilterHint')}
      </p>
      <input
        id="country-filter"
        className="input"
        type="search"
        autoComplete="off"
        aria-describedby="country-filter-hint"
        aria-controls={controls}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
