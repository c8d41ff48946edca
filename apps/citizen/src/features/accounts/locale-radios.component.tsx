import { LOCALES, type Locale } from '@homeward/shared';
import { useTranslation } from 'react-i18next';

/** The language for emails and messages: two radios, each name written in its own language. */
export function LocaleRadios({
  value,
  onChange,
  error,
}: {
  value: Locale;
  onChange: (locale: Locale) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <fieldset
      className={error ? 'form-group fieldset form-group--error' : 'form-group fieldset'}
      aria-describedby={error ? 'locale-error' : undefined}
    >
      <legend className="label">{t('fields.locale')}</legend>
      {error ? (
        <p className="error-message" id="locale-error">
          <span className="visually-hidden">{t('errors.prefix')}</span>
          {error}
        </p>
      ) : null}
      <div className="radios">
        {LOCALES.map((locale) => (
          <label key={locale} className="radio" htmlFor={`locale-${locale}`}>
            <input
              type="radio"
              id={`locale-${locale}`}
              name="locale"
              value={locale}
              checked={value === locale}
              onChange={() => onChange(locale)}
            />
            <span lang={locale}>{t(`fields.localeNames.${locale}`)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
