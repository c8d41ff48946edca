import type { Country } from '@homeward/shared';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { currentLocale } from '../../i18n/i18n.ts';
import { sortByName } from '../../lib/format.ts';
import { useApi } from '../../lib/use-api.hook.ts';
import { ErrorSummary } from '../auth/error-summary.component.tsx';
import { Field, FieldSet } from '../forms/field.component.tsx';
import { errorsFromFailure, useFormErrors } from '../forms/form-errors.ts';
import { createIncident, INCIDENT_KINDS, type IncidentKind } from './incidents.api.ts';

const FIELD_IDS: Record<string, string> = {
  '/title': 'incident-title',
  '/kind': 'incident-kind',
  '/countries': 'incident-countries',
  '/description': 'incident-description',
};

/**
 * Declare an incident: title, kind, the countries it touches, what is known. The server decides who may (HQ
 * anywhere, mission staff in their countries) and says so next to the field when it refuses.
 */
export function IncidentCreate() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const navigate = useNavigate();
  const form = useFormErrors();
  const countries = useApi<Country[]>('/api/v1/countries');
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<IncidentKind | ''>('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [find, setFind] = useState('');
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);

  const sorted = useMemo(() => sortByName(countries.data ?? [], locale), [countries.data, locale]);
  const needle = find.trim().toLocaleLowerCase(locale);
  const shown = needle
    ? sorted.filter(
        (c) =>
          chosen.includes(c.code) ||
          c.code.toLowerCase() === needle ||
          c.name[locale].toLocaleLowerCase(locale).includes(needle) ||
          c.name.en.toLowerCase().includes(needle),
      )
    : sorted;
  const nameOf = (code: string) => sorted.find((c) => c.code === code)?.name[locale] ?? code;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const errors = [
      ...(title.trim() ? [] : [{ fieldId: 'incident-title', message: () => t('incidents.create.titleMissing') }]),
      ...(kind ? [] : [{ fieldId: 'incident-kind', message: () => t('incidents.create.kindMissing') }]),
      ...(chosen.length > 0
        ? []
        : [{ fieldId: 'incident-countries', message: () => t('incidents.create.countriesMissing') }]),
    ];
    if (errors.length > 0 || !kind) {
      form.show(errors);
      return;
    }
    setBusy(true);
    try {
      const created = await createIncident({
        title: title.trim(),
        kind,
        countries: chosen,
        ...(description.trim() ? { description: description.trim() } : {}),
      });
      navigate(`/incidents/${created.id}`);
    } catch (caught) {
      form.show(errorsFromFailure(caught, FIELD_IDS, 'incident-title', t('errors.network')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={onSubmit} noValidate className="incident-create">
      <h2 id="incident-create-title">{t('incidents.create.title')}</h2>
      <ErrorSummary errors={form.errors} version={form.version} />
      <Field
        id="incident-title"
        label={t('incidents.create.name')}
        hint={t('incidents.create.nameHint')}
        error={form.errorFor('incident-title')}
      >
        {(props) => (
          <input
            {...props}
            maxLength={300}
            autoComplete="off"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
          />
        )}
      </Field>
      <Field
        id="incident-kind"
        label={t('incidents.columns.kind')}
        error={form.errorFor('incident-kind')}
        base="select"
      >
        {(props) => (
          <select {...props} value={kind} onChange={(e) => setKind(e.target.value as IncidentKind | '')}>
            <option value="">{t('incidents.create.choose')}</option>
            {INCIDENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`incidents.kind.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <FieldSet
        id="incident-countries"
        legend={t('incidents.columns.countries')}
        hint={t('incidents.create.countriesHint')}
        error={form.errorFor('incident-countries')}
      >
        <p className="chosen" aria-live="polite">
          {chosen.length > 0
            ? t('incidents.create.chosen', { list: chosen.map(nameOf).join(locale === 'zh-CN' ? '、' : ', ') })
            : t('incidents.create.noneChosen')}
        </p>
        <div className="form-group">
          <label className="label" htmlFor="incident-country-find">
            {t('incidents.create.find')}
          </label>
          <input
            id="incident-country-find"
            type="search"
            className="input"
            autoComplete="off"
            value={find}
            onChange={(e) => setFind(e.target.value)}
          />
        </div>
        <ul className="check-grid">
          {shown.map((country) => (
            <li key={country.code} className="checkbox checkbox--small">
              <input
                id={`incident-country-${country.code}`}
                type="checkbox"
                checked={chosen.includes(country.code)}
                onChange={(e) =>
                  setChosen((current) =>
                    e.target.checked ? [...current, country.code] : current.filter((c) => c !== country.code),
                  )
                }
              />
              <label htmlFor={`incident-country-${country.code}`}>{country.name[locale]}</label>
            </li>
          ))}
        </ul>
      </FieldSet>
      <Field
        id="incident-description"
        label={t('incidents.create.description')}
        hint={t('incidents.create.descriptionHint')}
        error={form.errorFor('incident-description')}
        base="textarea"
      >
        {(props) => (
          <textarea
            {...props}
            rows={4}
            maxLength={10_000}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="button" aria-disabled={busy}>
        {t('incidents.create.submit')}
      </button>
    </form>
  );
}
