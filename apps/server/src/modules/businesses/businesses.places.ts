import { findCity, findRegion, isKnownCountry } from '@homeward/gazetteer';
import type { LocalizedText } from '@homeward/shared';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { ProblemError } from '../../http/problem.ts';
import { listCountries } from '../meta/countries.service.ts';

/** Where a site is, resolved against the gazetteer: the city's coordinates locate it for targeting. */
export interface SitePlace {
  countryCode: string;
  regionCode: string | null;
  cityId: number | null;
  lat: number | null;
  lon: number | null;
}

const unprocessable = (code: 'country_unknown' | 'region_unknown' | 'city_unknown', field: string, message: string) =>
  new ProblemError(422, code, message, [{ field, message }]);

/**
 * Checks a site's country, region and city against the gazetteer. The region defaults to the city's.
 * @throws ProblemError 422 country_unknown, region_unknown or city_unknown
 */
export function resolveSitePlace(input: {
  countryCode: string;
  regionCode?: string | null;
  cityId?: number | null;
}): SitePlace {
  const { countryCode } = input;
  if (!isKnownCountry(countryCode)) {
    throw unprocessable('country_unknown', '/countryCode', `${countryCode} is not an assigned country code`);
  }
  let regionCode = input.regionCode ?? null;
  if (regionCode !== null && findRegion(regionCode)?.country !== countryCode) {
    throw unprocessable('region_unknown', '/regionCode', `${regionCode} is not a region of ${countryCode}`);
  }
  const cityId = input.cityId ?? null;
  if (cityId === null) return { countryCode, regionCode, cityId, lat: null, lon: null };
  const city = findCity(cityId);
  if (!city || city.country !== countryCode || (regionCode !== null && city.region && city.region !== regionCode)) {
    throw unprocessable('city_unknown', '/cityId', `city ${cityId} is not in ${regionCode ?? countryCode}`);
  }
  regionCode ??= city.region;
  return { countryCode, regionCode, cityId, lat: city.lat, lon: city.lon };
}

/** E.164 for a possible international number, else null. */
export function toE164(raw: string): string | null {
  const phone = parsePhoneNumberFromString(raw.trim());
  return phone?.isPossible() ? phone.number : null;
}

/** The localized name of a country, its code when the data has none. */
export function countryName(code: string): LocalizedText {
  return listCountries().find((c) => c.code === code)?.name ?? { en: code, 'zh-CN': code };
}

export function regionName(code: string | null): string | null {
  return code ? (findRegion(code)?.name ?? null) : null;
}

export function cityName(id: number | null): string | null {
  return id === null ? null : (findCity(id)?.name ?? null);
}
