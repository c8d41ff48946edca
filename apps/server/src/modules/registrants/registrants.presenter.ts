import { findCity } from '@homeward/gazetteer';
import type { RegistrantDetail, RegistrantRow } from '@homeward/shared';
import type { PersonsTable } from '../../db/tables/registry.table.ts';
import type { LocatedRow } from './registrants.repo.ts';

const cityName = (id: number | null) => (id === null ? null : (findCity(id)?.name ?? null));

/** A table row: who, where they are on the day and which mission answers there; no birth date or passport. */
export function toRegistrantRow(row: LocatedRow, missionCode: string | null): RegistrantRow {
  return {
    presenceId: row.presenceId,
    personId: row.personId,
    dependentId: row.dependentId,
    familyName: row.familyName,
    givenName: row.givenName,
    nativeName: row.nativeName,
    kind: row.kind,
    countryCode: row.countryCode,
    regionCode: row.regionCode,
    cityName: cityName(row.cityId),
    arrivalOn: row.arrivalOn,
    departureOn: row.departureOn,
    missionCode,
  };
}

interface DetailParts {
  person: PersonsTable;
  channels: { kind: string; address: string; verifiedAt: string | null }[];
  dependents: RegistrantDetail['dependents'];
  contacts: RegistrantDetail['emergencyContacts'];
  presences: {
    id: string;
    dependentId: string | null;
    kind: 'residence' | 'trip';
    countryCode: string;
    regionCode: string | null;
    cityId: number | null;
    preciseConsent: number;
    arrivalOn: string;
    departureOn: string | null;
    purpose: string | null;
    missionCode: string | null;
  }[];
  subscriptions: string[];
  businesses: RegistrantDetail['businesses'];
}

/** The person page. Precise coordinates stay inside: staff see that a point was shared, and the city. */
export function toRegistrantDetail(parts: DetailParts): RegistrantDetail {
  const { person } = parts;
  return {
    person: {
      id: person.id,
      familyName: person.familyName,
      givenName: person.givenName,
      nativeName: person.nativeName,
      birthDate: person.birthDate,
      sex: person.sex,
      nationality: person.nationality,
      passportNumber: person.passportNumber,
      passportExpiry: person.passportExpiry,
      locale: person.locale,
      hasAccount: person.userId !== null,
      createdAt: person.createdAt,
      updatedAt: person.updatedAt,
    },
    channels: parts.channels.map((c) => ({ kind: c.kind, address: c.address, verified: c.verifiedAt !== null })),
    dependents: parts.dependents,
    emergencyContacts: parts.contacts,
    presences: parts.presences.map((p) => ({
      id: p.id,
      dependentId: p.dependentId,
      kind: p.kind,
      countryCode: p.countryCode,
      regionCode: p.regionCode,
      cityName: cityName(p.cityId),
      precise: Number(p.preciseConsent) === 1,
      arrivalOn: p.arrivalOn,
      departureOn: p.departureOn,
      purpose: p.purpose,
      missionCode: p.missionCode,
    })),
    subscriptions: parts.subscriptions,
    businesses: parts.businesses,
  };
}
