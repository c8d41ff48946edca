import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { sortByName } from '../../lib/format.ts';
import type { Country } from './missions.api.ts';

interface Props {
  countries: readonly Country[];
  value: string;
  onChange: (code: string) => void;
  label: string;
  emptyLabel: string;
  name?: string;
  /** Adds a text box that shortens the list: 250 names are a long scroll on a phone. */
  searchable?: boolean;
}

function matches(country: Country, needle: string): boolean {
  if (!needle) return true;
  const n = needle.toLocaleLowerCase();
  // Either language and the ISO code match, so "Japan", "日本" and "JP" all find Japan.
  return (
    country.name.en.toLocaleLowerCase().includes(n) ||
    country.name['zh-CN'].includes(needle) ||
    country.code === needle.toUpperCase()
  );
}

/** A native select (best on phones and with screen readers), optionally with a filter box above it. */
export function CountrySelect({ countries, value, onChange, label, emptyLabel, name, searchable = false }: Props) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const id = useId();
  const [filter, setFilter] = useState('');
  const sorted = useMemo(() => sortByName(countries, locale), [countries, locale]);
  const shown = sorted.filter((c) => c.code === value || matches(c, filter.trim()));

  return (
    <div className="form-group">
      {searchable ? (
        <div className="form-group">
          <label className="label" htmlFor={`${id}-filter`}>
            {t('help.countryFilterLabel')}
          </label>
          <p className="hint" id={`${id}-filter-hint`}>
            {t('help.countryFilterHint')}
          </p>
          <input
            id={`${id}-filter`}
            className="input"
            type="search"
            autoComplete="off"
            aria-describedby={`${id}-filter-hint`}
            aria-controls={`${id}-select`}
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
          />
        </div>
      ) : null}
      <label className="label" htmlFor={`${id}-select`}>
        {label}
      </label>
      <select
        id={`${id}-select`}
        className="select"
        name={name}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      >
        <option value="">{emptyLabel}</option>
        {shown.map((country) => (
          <option key={country.code} value={country.code}>
            {country.name[locale]}
          </option>
        ))}
      </select>
    </div>
  );
}
