import type { Locale } from '@homeward/shared';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { describedBy, ErrorLine, SelectField, TextField } from '../accounts/form.components.tsx';
import type { Country } from '../missions/missions.api.ts';
import { DateInputs, type DateParts, firstDateId, TextArea } from '../registration/registration.fields.tsx';
import type { Application, ServiceField } from './services.api.ts';

/** The id of a question's control (the error summary links to it). */
export function fieldDomId(field: Pick<ServiceField, 'id' | 'type'>, locale: Locale = currentLocale()): string {
  return field.type === 'date' ? firstDateId(`f-${field.id}`, locale) : `f-${field.id}`;
}

/** One question of a service's form, drawn from its definition. */
export function QuestionField({
  field,
  value,
  date,
  error,
  countries,
  onChange,
  onDate,
}: {
  field: Exclude<ServiceField, { type: 'file' }>;
  value: string;
  date: DateParts;
  error: string | undefined;
  countries: readonly Country[];
  onChange: (value: string) => void;
  onDate: (value: DateParts) => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const id = `f-${field.id}`;
  const label = field.required ? field.label[locale] : `${field.label[locale]} ${t('services.optional')}`;
  const hint = field.hint?.[locale];
  switch (field.type) {
    case 'date':
      return (
        <DateInputs
          id={id}
          legend={label}
          hint={hint}
          error={error}
          value={date}
          onChange={onDate}
          birthday={field.when === 'past' && field.id.includes('birth')}
        />
      );
    case 'select':
      return (
        <SelectField
          id={id}
          label={label}
          hint={hint}
          error={error}
          value={value}
          onChange={onChange}
          emptyLabel={t('services.form.choose')}
          options={field.options.map((o) => ({ value: o.value, label: o.label[locale] }))}
        />
      );
    case 'country':
      return (
        <SelectField
          id={id}
          label={label}
          hint={hint}
          error={error}
          value={value}
          onChange={onChange}
          emptyLabel={t('services.form.choose')}
          options={[...countries]
            .sort((a, b) => a.name[locale].localeCompare(b.name[locale], locale))
            .map((c) => ({ value: c.code, label: c.name[locale] }))}
        />
      );
    case 'text':
      return field.multiline ? (
        <TextArea id={id} label={label} hint={hint} error={error} value={value} onChange={onChange} rows={4} />
      ) : (
        <TextField
          id={id}
          label={label}
          hint={hint}
          error={error}
          value={value}
          onChange={onChange}
          autoComplete={field.autocomplete ?? 'off'}
          spellCheck={false}
        />
      );
    case 'phone':
      return (
        <TextField
          id={id}
          label={label}
          hint={hint}
          error={error}
          value={value}
          onChange={onChange}
          type="tel"
          autoComplete="tel"
        />
      );
    case 'email':
      return (
        <TextField
          id={id}
          label={label}
          hint={hint}
          error={error}
          value={value}
          onChange={onChange}
          type="email"
          autoComplete="email"
          spellCheck={false}
        />
      );
  }
}

/** A file question: what is on file for it, and a control to take a photo or choose a scan. */
export function DocumentField({
  field,
  application,
  error,
  busy,
  onFile,
}: {
  field: Extract<ServiceField, { type: 'file' }>;
  application: Application;
  error: string | undefined;
  busy: boolean;
  onFile: (file: File) => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const id = `f-${field.id}`;
  const hint = field.hint?.[locale];
  const files = application.documents.filter((d) => d.field === field.id);
  const latest = files.at(-1);
  return (
    <div className={error ? 'form-group form-group--error' : 'form-group'}>
      <label className="label" htmlFor={id}>
        {field.required ? field.label[locale] : `${field.label[locale]} ${t('services.optional')}`}
      </label>
      {hint ? (
        <div className="hint field-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      <ErrorLine id={id} error={error} />
      {latest ? (
        <p className="svc-file" id={`${id}-current`}>
          {t('services.form.onFile', { name: latest.fileName })}
          {latest.width && latest.height ? ` (${latest.width} × ${latest.height})` : ''}
        </p>
      ) : null}
      <input
        id={id}
        name={id}
        type="file"
        className="file-input"
        accept={field.accept.join(',')}
        disabled={busy}
        aria-describedby={
          [describedBy(id, hint, error), latest ? `${id}-current` : null].filter(Boolean).join(' ') || undefined
        }
        aria-invalid={error ? true : undefined}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) onFile(file);
          event.target.value = '';
        }}
      />
    </div>
  );
}
