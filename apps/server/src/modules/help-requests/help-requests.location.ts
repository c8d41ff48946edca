import { findCity, findRegion, isKnownCountry } from '@homeward/gazetteer';
import type { HelpLocationInput, Locale } from '@homeward/shared';
import type { Db } from '../../db/schema.ts';
import { findPersonByUserId } from '../registry/persons.repo.ts';
import { listOwnPresences } from '../registry/presences.repo.ts';
import { fieldProblem } from '../registry/registry.fields.ts';
import { utcDay, whereAmINow } from '../registry/registry.rules.ts';

/** A checked place, in the columns of `cases`. */
export interface HelpPlace {
  country: string;
  region: string | null;
  city: string | null;
  label: string | null;
  lat: number | null;
  lon: number | null;
  source: HelpLocationInput['source'];
}

/**
 * Checks a place against the offline gazetteer: the country exists, the region is one of its regions, the
 * city lies in both (the city's region fills a missing one). A point is kept only with consent.
 * @throws ProblemError 422 naming the field under /location
 */
export function checkHelpLocation(input: HelpLocationInput, locale: Locale): HelpPlace {
  if (!isKnownCountry(input.country)) {
    throw fieldProblem(422, 'country_unknown', '/location/country', locale, `unknown country ${input.country}`);
  }
  let region = input.region ?? null;
  if (region !== null && findRegion(region)?.country !== input.country) {
    throw fieldProblem(422, 'region_unknown', '/location/region', locale, `${region} is not in ${input.country}`);
  }
  const city = input.cityId === null || input.cityId === undefined ? null : findCity(input.cityId);
  if (city === undefined || (city && city.country !== input.country)) {
    throw fieldProblem(422, 'city_unknown', '/location/cityId', locale, `city ${input.cityId} is not there`);
  }
  if (city && region !== null && city.region !== null && city.region !== region) {
    throw fieldProblem(422, 'city_unknown', '/location/cityId', locale, `city ${input.cityId} is not in ${region}`);
  }
  region ??= city?.region ?? null;
  const hasPoint = input.lat !== undefined && input.lat !== null && input.lon !== undefined && input.lon !== null;
  if (hasPoint && input.preciseConsent !== true) {
    throw fieldProblem(422, 'precise_consent_required', '/location/preciseConsent', locale, 'a point needs consent');
  }
  const label = input.label?.trim() || null;
  return {
    country: input.country,
    region,
    city: city ? String(city.id) : null,
    label,
    lat: hasPoint ? (input.lat as number) : null,
    lon: hasPoint ? (input.lon as number) : null,
    source: input.source,
  };
}

/**
 * Where a registered citizen is today (their current trip or residence), as a help-request place; null when
 * they have no profile or no presence covering today. The precise point is used only if they consented to it.
 */
export async function registeredPlaceOf(db: Db, userId: string, now: Date): Promise<HelpPlace | null> {
  const person = await findPersonByUserId(db, userId);
  if (!person) return null;
  const current = whereAmINow(await listOwnPresences(db, person.id), utcDay(now));
  if (!current) return null;
  const precise = current.preciseConsent === 1;
  return {
    country: current.countryCode,
    region: current.regionCode,
    city: current.cityId === null ? null : String(current.cityId),
    label: null,
    lat: precise ? current.lat : null,
    lon: precise ? current.lon : null,
    source: 'registry',
  };
}

/**
 * The place of a help request: the one given, else (asking for themselves) where the registry has the
 * citizen today. @throws ProblemError 422 location_required when neither is there
 */
export async function resolveHelpPlace(
  db: Db,
  input: { forSelf: boolean; location?: HelpLocationInput },
  citizen: { userId: string; locale: Locale },
  now: Date,
): Promise<HelpPlace> {
  if (input.location) return checkHelpLocation(input.location, citizen.locale);
  const registered = input.forSelf ? await registeredPlaceOf(db, citizen.userId, now) : null;
  if (registered) return registered;
  throw fieldProblem(422, 'location_required', '/location', citizen.locale, 'say where help is needed', 'required');
}
