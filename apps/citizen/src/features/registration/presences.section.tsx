import type { Locale } from '@homeward/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { currentLocale } from '../../i18n/i18n.ts';
import { type Country, type Dependent, type Presence, placeName, removePresence } from './registration.api.ts';
import { formatDay, todayIso } from './registration.fields.tsx';
import { RemoveButton } from './remove-button.component.tsx';

type When = 'current' | 'upcoming' | 'past';

/** Where a presence stands on the device's today: trips are planned in the traveller's calendar. */
export function whenOf(presence: Presence, today: string): When {
  if (presence.arrivalOn > today) return 'upcoming';
  if (presence.departureOn && presence.departureOn < today) return 'past';
  return 'current';
}

function countryLabel(presence: Presence, countries: readonly Country[], locale: Locale): string {
  return (
    placeName(presence.countryName, locale) ||
    countries.find((c) => c.code === presence.countryCode)?.name[locale] ||
    presence.countryCode
  );
}

function fold(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

/** "Osaka, Japan": the most precise place known, then the country. */
export function presencePlace(presence: Presence, countries: readonly Country[], locale: Locale): string {
  const city = placeName(presence.cityName, locale);
  const region = placeName(presence.regionName, locale);
  // "Osaka, Ôsaka": ISO romanizes the region differently; the same name twice says nothing more.
  const parts = [city, region && fold(region) !== fold(city) ? region : ''].filter(Boolean);
  const separator = locale === 'zh-CN' ? '，' : ', ';
  return [...parts, countryLabel(presence, countries, locale)].join(separator);
}

function Dates({ presence }: { presence: Presence }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const from = formatDay(presence.arrivalOn, locale);
  return presence.departureOn
    ? t('registration.presence.fromTo', { from, to: formatDay(presence.departureOn, locale) })
    : t('registration.presence.since', { from });
}

/** The first thing on the page: the one presence the ministry would count me in today. */
export function WhereNow({ current, countries }: { current: Presence | null; countries: readonly Country[] }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <section className="panel reg-now" aria-labelledby="reg-now">
      <h2 id="reg-now">{t('registration.now.heading')}</h2>
      {current ? (
        <>
          <p className="reg-now__place">{presencePlace(current, countries, locale)}</p>
          <p>
            {t(`registration.kind.${current.kind}`)} · <Dates presence={current} />
          </p>
          {current.preciseConsent ? <p className="hint">{t('registration.now.precise')}</p> : null}
        </>
      ) : (
        <>
          <p>{t('registration.now.none')}</p>
          <div className="button-row">
            <Link to="/registration/presences/new?kind=trip" className="button">
              {t('registration.presence.addTrip')}
            </Link>
            <Link to="/registration/presences/new?kind=residence" className="button button--secondary">
              {t('registration.presence.addResidence')}
            </Link>
          </div>
        </>
      )}
    </section>
  );
}

const GROUPS: readonly When[] = ['current', 'upcoming', 'past'];

export function PresencesSection({
  items,
  dependents,
  countries,
  onChanged,
}: {
  items: readonly Presence[];
  dependents: readonly Dependent[];
  countries: readonly Country[];
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const today = todayIso();
  const names = new Map(dependents.map((d) => [d.id, `${d.familyName} ${d.givenName}`]));

  return (
    <section aria-labelledby="reg-presences" className="section-gap">
      <h2 id="reg-presences">{t('registration.presence.heading')}</h2>
      <p className="hint">{t('registration.presence.intro')}</p>
      {items.length === 0 ? <p>{t('registration.presence.empty')}</p> : null}
      {GROUPS.map((group) => {
        const list = items.filter((p) => whenOf(p, today) === group);
        if (list.length === 0) return null;
        return (
          <div key={group}>
            <h3>{t(`registration.presence.group.${group}`)}</h3>
            <ul className="item-list">
              {list.map((presence) => {
                const place = presencePlace(presence, countries, locale);
                const travellers = (presence.dependentIds ?? []).map((id) => names.get(id)).filter(Boolean);
                return (
                  <li key={presence.id} className="item">
                    <div className="item__title">
                      {place}
                      {presence.current ? (
                        <span className="tag tag--current">{t('registration.presence.currentTag')}</span>
                      ) : null}
                    </div>
                    <div className="item__meta">
                      {t(`registration.kind.${presence.kind}`)}
                      {presence.purpose ? ` · ${t(`registration.purpose.${presence.purpose}`)}` : ''} ·{' '}
                      <Dates presence={presence} />
                      {travellers.length > 0 ? (
                        <>
                          <br />
                          {t(
                            presence.kind === 'trip'
                              ? 'registration.presence.with'
                              : 'registration.presence.withLiving',
                            {
                              names: travellers.join(locale === 'en' ? ', ' : '、'),
                            },
                          )}
                        </>
                      ) : null}
                    </div>
                    <div className="button-row">
                      <Link to={`/registration/presences/${encodeURIComponent(presence.id)}`} className="button-link">
                        {t('registration.change')}
                        <span className="visually-hidden">{t('registration.what', { what: place })}</span>
                      </Link>
                      <RemoveButton
                        id={`presence-${presence.id}`}
                        label={t('registration.remove')}
                        what={t('registration.what', { what: place })}
                        question={t('registration.presence.removeQuestion', { place })}
                        yes={t('registration.presence.removeYes')}
                        onRemove={() => removePresence(presence.id)}
                        onDone={onChanged}
                        focusAfter="reg-presences"
                      />
                    </div>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
      <div className="button-row">
        <Link to="/registration/presences/new?kind=trip" className="button button--secondary">
          {t('registration.presence.addTrip')}
        </Link>
        <Link to="/registration/presences/new?kind=residence" className="button button--secondary">
          {t('registration.presence.addResidence')}
        </Link>
      </div>
    </section>
  );
}
