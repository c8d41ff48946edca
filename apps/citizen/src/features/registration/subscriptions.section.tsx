import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n/i18n.ts';
import { ErrorSummary, errorsFromApi, useFormErrors } from '../accounts/form.components.tsx';
import { CountrySelect } from '../missions/country-select.component.tsx';
import { type Country, followCountry, placeName, type Subscription, unfollowCountry } from './registration.api.ts';
import { RemoveButton } from './remove-button.component.tsx';

const ORDER: readonly string[] = [];

/** Countries whose advisories I follow without being there (family, plans): list, unfollow, follow one more. */
export function SubscriptionsSection({
  items,
  countries,
  onChanged,
}: {
  items: readonly Subscription[];
  countries: readonly Country[];
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors(ORDER);
  const nameOf = (s: Subscription) =>
    placeName(s.countryName, locale) || countries.find((c) => c.code === s.countryCode)?.name[locale] || s.countryCode;
  const followed = new Set(items.map((s) => s.countryCode));

  const onFollow = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (!code) {
      errors.show({ fields: {}, form: t('registration.follow.countryMissing') });
      return;
    }
    setBusy(true);
    try {
      await followCountry(code);
      errors.clear();
      setCode('');
      onChanged();
    } catch (error) {
      errors.show(errorsFromApi(error, {}, t('errors.network')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="reg-follow" className="section-gap">
      <h2 id="reg-follow">{t('registration.follow.heading')}</h2>
      <p className="hint">{t('registration.follow.intro')}</p>
      {items.length === 0 ? (
        <p>{t('registration.follow.empty')}</p>
      ) : (
        <ul className="item-list">
          {items.map((subscription) => {
            const name = nameOf(subscription);
            return (
              <li key={subscription.countryCode} className="item">
                <div className="item__title">{name}</div>
                <RemoveButton
                  id={`follow-${subscription.countryCode}`}
                  label={t('registration.follow.unfollow')}
                  what={t('registration.what', { what: name })}
                  question={t('registration.follow.unfollowQuestion', { country: name })}
                  yes={t('registration.follow.unfollowYes')}
                  onRemove={() => unfollowCountry(subscription.countryCode)}
                  onDone={onChanged}
                  focusAfter="reg-follow"
                />
              </li>
            );
          })}
        </ul>
      )}
      <form noValidate onSubmit={onFollow} className="section-gap">
        <ErrorSummary errors={errors.summary} version={errors.version} id="follow-errors" />
        <CountrySelect
          countries={countries.filter((c) => !followed.has(c.code))}
          value={code}
          onChange={setCode}
          label={t('registration.follow.countryLabel')}
          emptyLabel={t('help.countryNone')}
          searchable
        />
        <button type="submit" className="button button--secondary" aria-disabled={busy}>
          {t('registration.follow.submit')}
        </button>
      </form>
    </section>
  );
}
