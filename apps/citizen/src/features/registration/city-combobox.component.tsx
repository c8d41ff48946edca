import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchCities, type PlaceCity } from './registration.api.ts';

/** Wait this long after the last key before asking the server: one request per pause, not per letter. */
const DEBOUNCE_MS = 250;

export interface ChosenCity {
  id: number;
  name: string;
  regionCode: string | null;
}

/**
 * Search-as-you-type for a town or city of one country (WAI-ARIA 1.2 combobox with a list popup): the text box
 * keeps focus, Down/Up move through the suggestions (aria-activedescendant), Enter chooses, Escape closes.
 * Typing again after a choice clears it, so what is shown is always what will be saved.
 */
export function CityCombobox({
  id,
  country,
  value,
  onChange,
  onText,
  error,
}: {
  id: string;
  country: string;
  value: ChosenCity | null;
  onChange: (city: ChosenCity | null) => void;
  /** What is in the box, so the form can tell "typed but not chosen" from "left empty". */
  onText?: (text: string) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const listId = useId();
  const [text, setText] = useState(value?.name ?? '');
  const [options, setOptions] = useState<PlaceCity[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [state, setState] = useState<'idle' | 'loading' | 'done' | 'failed'>('idle');
  const typed = useRef(false);

  // A new country empties the box: a city of the old one would not be valid.
  const lastCountry = useRef(country);
  useEffect(() => {
    if (lastCountry.current === country) return;
    lastCountry.current = country;
    setText('');
    onText?.('');
    setOptions([]);
    setOpen(false);
  }, [country, onText]);

  useEffect(() => {
    if (!typed.current || !country) return;
    const q = text.trim();
    if (!q) {
      setOptions([]);
      setOpen(false);
      setState('idle');
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      setState('loading');
      fetchCities(country, q, controller.signal).then(
        (answer) => {
          setOptions(answer.items);
          setActive(-1);
          setOpen(true);
          setState('done');
        },
        () => {
          if (controller.signal.aborted) return;
          setOptions([]);
          setOpen(false);
          setState('failed');
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text, country]);

  const choose = (city: PlaceCity) => {
    typed.current = false;
    setText(city.name);
    onText?.(city.name);
    setOpen(false);
    setActive(-1);
    setState('idle');
    onChange({ id: city.id, name: city.name, regionCode: city.regionCode });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (!open && options.length > 0) setOpen(true);
      setActive((i) => (options.length === 0 ? -1 : (i + 1) % options.length));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => (options.length === 0 ? -1 : i <= 0 ? options.length - 1 : i - 1));
    } else if (event.key === 'Enter') {
      const city = open ? options[active] : undefined;
      // Enter on a highlighted suggestion chooses it instead of submitting the form.
      if (city) {
        event.preventDefault();
        choose(city);
      }
    } else if (event.key === 'Escape') {
      if (open) {
        event.preventDefault();
        setOpen(false);
        setActive(-1);
      }
    }
  };

  const hintId = `${id}-hint`;
  const statusText =
    state === 'loading'
      ? t('registration.city.searching')
      : state === 'failed'
        ? t('registration.city.failed')
        : state === 'done'
          ? options.length === 0
            ? t('registration.city.none')
            : t('registration.city.count', { count: options.length })
          : '';
  const activeOption = open ? options[active] : undefined;

  return (
    <div className={error ? 'form-group form-group--error reg-combobox' : 'form-group reg-combobox'}>
      <label className="label" htmlFor={id}>
        {t('registration.city.label')}
      </label>
      <div className="hint field-hint" id={hintId}>
        {country ? t('registration.city.hint') : t('registration.city.countryFirst')}
      </div>
      {error ? (
        <p className="error-message" id={`${id}-error`}>
          <span className="visually-hidden">{t('errors.prefix')}</span>
          {error}
        </p>
      ) : null}
      <input
        id={id}
        name={id}
        type="text"
        role="combobox"
        className={error ? 'input input--error' : 'input'}
        autoComplete="off"
        spellCheck={false}
        disabled={!country}
        aria-autocomplete="list"
        aria-expanded={open && options.length > 0}
        aria-controls={listId}
        aria-activedescendant={activeOption ? `${listId}-${activeOption.id}` : undefined}
        aria-describedby={[hintId, error ? `${id}-error` : null].filter(Boolean).join(' ')}
        aria-invalid={error ? true : undefined}
        value={text}
        onChange={(event) => {
          typed.current = true;
          setText(event.target.value);
          onText?.(event.target.value);
          if (value) onChange(null);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      <div id={listId} role="listbox" className="reg-combobox__list" hidden={!open || options.length === 0}>
        {options.map((city, index) => (
          // The text box keeps focus (keyboard users use the arrows); a pointer tap chooses.
          // biome-ignore lint/a11y/useKeyWithClickEvents: keyboard choice is on the combobox input (Enter).
          <div
            key={city.id}
            id={`${listId}-${city.id}`}
            role="option"
            tabIndex={-1}
            aria-selected={index === active}
            className={index === active ? 'reg-combobox__option reg-combobox__option--active' : 'reg-combobox__option'}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(city)}
          >
            <span className="reg-combobox__name">{city.name}</span>
            {city.regionName ? <span className="reg-combobox__meta">{city.regionName}</span> : null}
          </div>
        ))}
      </div>
      <p className="visually-hidden" role="status">
        {statusText}
      </p>
    </div>
  );
}
