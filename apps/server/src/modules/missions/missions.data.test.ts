import countries from 'i18n-iso-countries';
import { describe, expect, it } from 'vitest';
import data from './missions.cn.json' with { type: 'json' };

interface LocalizedText {
  'zh-CN': string;
  en: string;
}

interface MissionRecord {
  code: string;
  kind: string;
  name: LocalizedText;
  city: LocalizedText;
  countryCode: string;
  timezone: string;
  location: { lat: number; lon: number };
  phone: string | null;
  jurisdiction: { countries: string[]; regions: string[] };
}

const missions: MissionRecord[] = data;

const HAN = /\p{Script=Han}/u;
const PHONE = /^\+[1-9]\d{6,14}$/;
const REGION = /^([A-Z]{2})-[A-Z0-9]{1,3}$/;
const CODE = /^([A-Z]{2})-[A-Z]{3}$/;

const missionCountries = new Set(missions.map((m) => m.countryCode));
const countriesWithConsulates = new Set(
  missions.filter((m) => m.kind === 'consulate_general').map((m) => m.countryCode),
);

describe('missions.cn.json (demo seed of real PRC missions)', () => {
  it('has at least 45 missions', () => {
    expect(missions.length).toBeGreaterThanOrEqual(45);
  });

  it('has unique codes shaped like <country>-<three letters> matching the host country', () => {
    const codes = missions.map((m) => m.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const m of missions) {
      const match = CODE.exec(m.code);
      expect(match, m.code).not.toBeNull();
      expect(match?.[1], m.code).toBe(m.countryCode);
    }
  });

  it('uses only the two known kinds', () => {
    for (const m of missions) {
      expect(['embassy', 'consulate_general'], m.code).toContain(m.kind);
    }
  });

  it('has valid ISO 3166-1 alpha-2 codes for host and jurisdiction countries', () => {
    for (const m of missions) {
      expect(countries.isValid(m.countryCode), `${m.code} countryCode`).toBe(true);
      for (const c of m.jurisdiction.countries) {
        expect(countries.isValid(c), `${m.code} jurisdiction country ${c}`).toBe(true);
      }
    }
  });

  it('has region codes shaped like CC-XXX for a country the file has missions in', () => {
    for (const m of missions) {
      for (const r of m.jurisdiction.regions) {
        const match = REGION.exec(r);
        expect(match, `${m.code} region ${r}`).not.toBeNull();
        expect(missionCountries.has(match?.[1] ?? ''), `${m.code} region ${r}`).toBe(true);
      }
    }
  });

  it('gives every mission some jurisdiction', () => {
    for (const m of missions) {
      expect(m.jurisdiction.countries.length + m.jurisdiction.regions.length, m.code).toBeGreaterThan(0);
    }
  });

  it('never lets two missions claim the same region', () => {
    const owner = new Map<string, string>();
    for (const m of missions) {
      for (const r of m.jurisdiction.regions) {
        expect(owner.get(r), `${r} claimed by ${owner.get(r)} and ${m.code}`).toBeUndefined();
        owner.set(r, m.code);
      }
    }
  });

  it('never lets a mission claim a whole country that has consulates', () => {
    for (const m of missions) {
      for (const c of m.jurisdiction.countries) {
        expect(countriesWithConsulates.has(c), `${m.code} claims all of ${c}`).toBe(false);
      }
    }
  });

  it('has non-empty names and cities in both languages, with Han characters in zh-CN', () => {
    for (const m of missions) {
      for (const text of [m.name, m.city]) {
        expect(text.en.trim(), m.code).not.toBe('');
        expect(text['zh-CN'].trim(), m.code).not.toBe('');
        expect(HAN.test(text['zh-CN']), `${m.code} ${text['zh-CN']}`).toBe(true);
      }
    }
  });

  it('has phone numbers that are null or E.164', () => {
    for (const m of missions) {
      if (m.phone !== null) {
        expect(m.phone, m.code).toMatch(PHONE);
      }
    }
  });

  it('has valid IANA time zones', () => {
    for (const m of missions) {
      expect(() => new Intl.DateTimeFormat(undefined, { timeZone: m.timezone }), m.code).not.toThrow();
    }
  });

  it('has coordinates in range', () => {
    for (const m of missions) {
      const { lat, lon } = m.location;
      expect(Number.isFinite(lat) && lat >= -90 && lat <= 90, `${m.code} lat`).toBe(true);
      expect(Number.isFinite(lon) && lon >= -180 && lon <= 180, `${m.code} lon`).toBe(true);
    }
  });
});
