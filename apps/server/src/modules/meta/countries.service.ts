import type { Country } from '@homeward/shared';
import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import zh from 'i18n-iso-countries/langs/zh.json' with { type: 'json' };

countries.registerLocale(en);
countries.registerLocale(zh);

let cache: Country[] | null = null;

/** All ISO 3166-1 countries from the maintained i18n-iso-countries data, sorted by code. */
export function listCountries(): Country[] {
  cache ??= Object.keys(countries.getAlpha2Codes())
    .sort()
    .map((code) => ({
      code,
      name: {
        en: countries.getName(code, 'en') ?? code,
        'zh-CN': countries.getName(code, 'zh') ?? countries.getName(code, 'en') ?? code,
      },
    }));
  return cache;
}

export function isCountryCode(code: string): boolean {
  return countries.isValid(code.toUpperCase());
}
