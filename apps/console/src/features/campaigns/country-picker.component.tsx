import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { sortByName } from '../../lib/format.ts';
import type { Country } from './campaigns.api.ts';

/**
 * Several countries from the ISO list (names from i18n-iso-countries through /api/v1/countries): choose one in the
 * list, press Add; each chosen country is a row with its own Remove button. A select of 250 checkboxes would be
 * a long tab walk; this is two keys per country and reads well to a screen reader.
 */
export function CountryPicker({
  id,
  countries,
  value,
  onChange,
  describedBy,
  invalid,
}: {
  id: string;
  countries: readonly Country[];
  value: readonly string[];
  onChange: (next: string[]) => void;
  describedBy?: string | undefined;
  invalid?: boolean;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [choice, setChoice] = useState('');
  const sorted = useMemo(() => sortByName(countries, locale), [countries, locale]);
  const names = useMemo(() => new Map(countries.map((c) => [c.code, c.name[locale]])), [countries, locale]);
  const add = () => {
    if (choice && !value.includes(choice)) onChange([...value, choice]);
    setChoice('');
  };
  return (
    <div className="camp-countries">
      <div className="camp-countries__add">
        <select
          id={id}
          className={invalid ? 'select select--error' : 'select'}
          value={choice}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onChange={(e) => setChoice(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
        >
          <option value="">{t('campaigns.form.chooseCountry')}</option>
          {sorted
            .filter((c) => !value.includes(c.code))
            .map((c) => (
              <option key={c.code} value={c.code}>
                {c.name[locale]}
              </option>
            ))}
        </select>
        <button type="button" className="button button--secondary" onClick={add} disabled={!choice}>
          {t('campaigns.form.addCountry')}
        </button>
      </div>
      <p className="visually-hidden" aria-live="polite">
        {t('campaigns.form.countriesChosen', { count: value.length })}
      </p>
      {value.length > 0 ? (
        <ul className="camp-countries__list">
          {value.map((code) => (
            <li key={code}>
              <span>
                {names.get(code) ?? code} <span className="muted">({code})</span>
              </span>
              <button
                type="button"
                className="link-button"
                onClick={() => onChange(value.filter((c) => c !== code))}
                aria-label={t('campaigns.form.removeCountry', { name: names.get(code) ?? code })}
              >
                {t('campaigns.form.remove')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
