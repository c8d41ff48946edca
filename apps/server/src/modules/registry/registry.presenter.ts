import { findCity, findRegion } from '@homeward/gazetteer';
import type {
  Dependent,
  EmergencyContact,
  Locale,
  LocalizedText,
  Person,
  Presence,
  PresencePurpose,
  Relationship,
} from '@homeward/shared';
import { listCountries } from '../meta/countries.service.ts';
import type { ChannelRow, DependentRow, EmergencyContactRow, PersonRow } from './persons.repo.ts';
import type { PresenceRow } from './presences.repo.ts';

// What leaves the server about a citizen's own registration (decision 0006): internal columns (userId,
// businessId, cell, groupId) never do.

export function countryNameOf(code: string): LocalizedText {
  return listCountries().find((c) => c.code === code)?.name ?? { en: code, 'zh-CN': code };
}

export function toPersonDto(row: PersonRow, channels: readonly ChannelRow[]): Person {
  return {
    id: row.id,
    familyName: row.familyName,
    givenName: row.givenName,
    nativeName: row.nativeName,
    birthDate: row.birthDate,
    sex: row.sex,
    nationality: row.nationality,
    passportNumber: row.passportNumber,
    passportExpiry: row.passportExpiry,
    locale: (row.locale === 'en' ? 'en' : 'zh-CN') satisfies Locale,
    phone: channels.find((c) => c.kind === 'sms')?.address ?? null,
    channels: channels.map((c) => ({ kind: c.kind, address: c.address, verified: c.verifiedAt !== null })),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function toDependentDto(row: DependentRow): Dependent {
  return {
    id: row.id,
    familyName: row.familyName,
    givenName: row.givenName,
    nativeName: row.nativeName,
    birthDate: row.birthDate,
    sex: row.sex,
    passportNumber: row.passportNumber,
    passportExpiry: row.passportExpiry,
    // The column holds only values the schema accepted.
    relationship: row.relationship as Relationship,
  };
}

export function toEmergencyContactDto(row: EmergencyContactRow): EmergencyContact {
  return {
    id: row.id,
    name: row.name,
    relationship: row.relationship,
    phone: row.phone,
    email: row.email,
    countryCode: row.countryCode,
  };
}

export function toPresenceDto(row: PresenceRow, dependentIds: readonly string[], current: boolean): Presence {
  const city = row.cityId === null ? undefined : findCity(row.cityId);
  return {
    id: row.id,
    kind: row.kind,
    countryCode: row.countryCode,
    countryName: countryNameOf(row.countryCode),
    regionCode: row.regionCode,
    regionName: row.regionCode ? (findRegion(row.regionCode)?.name ?? null) : null,
    cityId: row.cityId,
    cityName: city?.name ?? null,
    lat: row.lat,
    lon: row.lon,
    preciseConsent: row.preciseConsent === 1,
    arrivalOn: row.arrivalOn,
    departureOn: row.departureOn,
    // The column holds only values the schema accepted.
    purpose: row.purpose as PresencePurpose | null,
    dependentIds: [...dependentIds],
    current,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
