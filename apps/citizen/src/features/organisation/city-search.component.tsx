import { type KeyboardEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describedBy, ErrorLine } from '../accounts/form.components.tsx';
import { fetchCities, type PlaceCity } from './organisation.api.ts';

export interface ChosenCity {
  id: number;
  name: string;
  regionCode: string | null;
}

/**
 * A plain city search: type the start of the name, press Search (or Enter), then pick one of the answers
 * (radio buttons, so it works with any keyboard or screen reader). Typing again clears the choice.
 */
export function CitySearch({
  id,
  country,
  value,
  onChange,
  error,
}: {
  id: string;
  country: string;
  value: ChosenCity | null;
  onChange: (city: ChosenCity | null) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(value?.name ?? '');
  const [results, setResults] = useState<PlaceCity[] | null>(null);
  const [state, setState] = useState<'idle' | 'loading' | 'failed'>('idle');

  const search = async () => {
    if (!country || !text.trim()) return;
    setState('loading');
    try {
      setResults((await fetchCities(country, text.trim())).items);
      setState('idle');
    } catch {
      setResults(null);
      setState('failed');
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void search();
    }
  };

  return (
    <div className={error ? 'form-group form-group--error' : 'form-group'}>
      <label className="label" htmlFor={id}>
        {t('organisation.site.city')}
      </label>
      <div className="hint field-hint" id={`${id}-hint`}>
        {country ? t('organisation.site.cityHint') : t('organisation.site.cityCountryFirst')}
      </div>
      <ErrorLine id={id} error={error} />
      <div className="org-search">
        <input
          id={id}
          className={error ? 'input input--error' : 'input'}
          value={text}
          disabled={!country}
          autoComplete="off"
          onKeyDown={onKeyDown}
          onChange={(event) => {
            setText(event.target.value);
            if (value) onChange(null);
          }}
          aria-describedby={describedBy(id, true, error)}
          aria-invalid={error ? true : undefined}
        />
        <button type="button" className="button button--secondary" onClick={() => void search()} disabled={!country}>
          {t('organisation.site.search')}
        </button>
      </div>
      <div role="status" className="hint">
        {state === 'loading'
          ? t('common.loading')
          : state === 'failed'
            ? t('errors.network')
            : results && !value
              ? t('organisation.site.cityResults', { count: results.length })
              : value
                ? t('organisation.site.cityChosen', { name: value.name })
                : ''}
      </div>
      {results && results.length > 0 && !value ? (
        <fieldset className="fieldset">
          <legend className="visually-hidden">{t('organisation.site.cityPick')}</legend>
          <div className="radios">
            {results.map((city) => (
              <label className="radio" key={city.id} htmlFor={`${id}-${city.id}`}>
                <input
                  type="radio"
                  id={`${id}-${city.id}`}
                  name={`${id}-choice`}
                  onChange={() => {
                    onChange({ id: city.id, name: city.name, regionCode: city.regionCode });
                    setText(city.name);
                    setResults(null);
                  }}
                />
                {city.name}
                {city.regionName ? ` (${city.regionName})` : ''}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
    </div>
  );
}
