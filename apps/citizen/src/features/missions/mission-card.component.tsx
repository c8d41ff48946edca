import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { currentLocale } from '../../i18n/i18n.ts';
import { telHref } from '../../lib/format.ts';
import { HotlineLink, PhoneIcon } from '../meta/hotline.component.tsx';
import { MissionLocalTime } from './mission-local-time.component.tsx';
import type { Country, Mission } from './missions.api.ts';

/** Duty phone as a tap-to-call button, or a pointer to the hotline when the mission lists none. */
export function MissionPhone({ mission }: { mission: Mission }) {
  const { t } = useTranslation();
  if (!mission.phone) {
    return (
      <div className="mission-phone--none">
        <p className="hint">{t('mission.noPhone')}</p>
        <HotlineLink />
      </div>
    );
  }
  return (
    <a className="call-link call-link--mission" href={telHref(mission.phone)}>
      <PhoneIcon />
      <span>
        {t('mission.dutyPhone')}: <span className="nowrap">{mission.phoneDisplay ?? mission.phone}</span>
      </span>
    </a>
  );
}

/**
 * The consular district as people read it: whole countries by name, then sub-national regions grouped under
 * their country ("United States: US-DC, US-DE"). Region codes stay as ISO 3166-2 codes for now.
 */
export function District({ mission, countries }: { mission: Mission; countries: readonly Country[] | null }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const byCode = new Map((countries ?? []).map((c) => [c.code, c.name[locale]]));
  const separator = locale === 'zh-CN' ? '、' : ', ';
  const colon = locale === 'zh-CN' ? '：' : ': ';
  const regionsByCountry = new Map<string, string[]>();
  for (const region of mission.jurisdiction.regions) {
    const country = region.split('-')[0] ?? region;
    regionsByCountry.set(country, [...(regionsByCountry.get(country) ?? []), region]);
  }
  return (
    <>
      {mission.jurisdiction.countries.length > 0 ? (
        <p className="district__line">
          {mission.jurisdiction.countries.map((code) => byCode.get(code) ?? code).join(separator)}
        </p>
      ) : null}
      {[...regionsByCountry].map(([country, regions]) => (
        <p className="district__line" key={country}>
          {t('mission.regionsOf', { country: byCode.get(country) ?? country })}
          {colon}
          {regions.join(separator)}
        </p>
      ))}
    </>
  );
}

/** One mission in a list: what a person needs to decide whether to call it, and a link to the rest. */
export function MissionCard({
  mission,
  countries,
  headingLevel = 3,
}: {
  mission: Mission;
  countries: readonly Country[] | null;
  headingLevel?: 2 | 3 | 4;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const Heading = (['h2', 'h3', 'h4'] as const)[headingLevel - 2] ?? 'h3';
  return (
    <article className="mission-card">
      <Heading className="mission-card__name">
        <Link to={`/missions/${encodeURIComponent(mission.code)}`}>{mission.name[locale]}</Link>
      </Heading>
      <p className="mission-card__meta">
        <span className="tag">{t(`mission.kind.${mission.kind}`)}</span> {mission.city[locale]}
      </p>
      <MissionPhone mission={mission} />
      <dl className="summary-list">
        <div>
          <dt>{t('mission.localTime')}</dt>
          <dd>
            <MissionLocalTime timeZone={mission.timezone} />
          </dd>
        </div>
        <div>
          <dt>{t('mission.district')}</dt>
          <dd>
            <District mission={mission} countries={countries} />
          </dd>
        </div>
      </dl>
    </article>
  );
}
