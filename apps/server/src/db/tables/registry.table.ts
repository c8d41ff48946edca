/** A national registered with the ministry; `userId` links the citizen account that manages the record, if any. */
export interface PersonsTable {
  id: string;
  userId: string | null;
  familyName: string;
  givenName: string;
  /** The whole name in the native script (张伟), or null. */
  nativeName: string | null;
  /** YYYY-MM-DD, or null. */
  birthDate: string | null;
  sex: Sex | null;
  /** ISO 3166-1 alpha-2 of the nationality document. */
  nationality: string | null;
  /** Upper-case, no spaces; indexed (the hotline searches by it). */
  passportNumber: string | null;
  /** YYYY-MM-DD. */
  passportExpiry: string | null;
  locale: string;
  /** Set for a staff member imported by a business (no account of their own); removing the business removes them. */
  businessId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** As in ICAO 9303: F, M, or X (unspecified). */
export type Sex = 'F' | 'M' | 'X';

export type ChannelKind = 'email' | 'sms' | 'voice' | 'push';

/** One way to reach a person: an e-mail address, an E.164 number (sms, voice), or a push endpoint. */
export interface PersonChannelsTable {
  id: string;
  personId: string;
  kind: ChannelKind;
  address: string;
  verifiedAt: string | null;
  createdAt: string;
}

/** Someone a registered person answers for (a child, an elderly parent) and who has no account of their own. */
export interface DependentsTable {
  id: string;
  personId: string;
  familyName: string;
  givenName: string;
  nativeName: string | null;
  birthDate: string | null;
  sex: Sex | null;
  passportNumber: string | null;
  passportExpiry: string | null;
  relationship: string;
  createdAt: string;
  updatedAt: string;
}

export type PresenceKind = 'residence' | 'trip';

/**
 * Where a person (or, when `dependentId` is set, their dependent) lives or travels, and when. `lat`/`lon` are
 * the gazetteer city's, or the browser's precise point when `preciseConsent` is 1; `cell` is their geohash.
 */
export interface PresencesTable {
  id: string;
  personId: string;
  dependentId: string | null;
  kind: PresenceKind;
  countryCode: string;
  regionCode: string | null;
  cityId: number | null;
  lat: number | null;
  lon: number | null;
  cell: string | null;
  /** 0 or 1; repos expose a boolean. */
  preciseConsent: number;
  /** YYYY-MM-DD, inclusive. */
  arrivalOn: string;
  /** YYYY-MM-DD, inclusive; null for an open-ended residence. */
  departureOn: string | null;
  purpose: string | null;
  /** The person's row id for the person and each dependent registered together (decision 0006); null for bulk rows. */
  groupId: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A person who follows a country's advisories without being there. */
export interface CountrySubscriptionsTable {
  personId: string;
  countryCode: string;
  createdAt: string;
}

export interface BusinessesTable {
  id: string;
  name: string;
  registrationNumber: string | null;
  sector: string | null;
  /** The citizen account that registered the organisation and manages it. */
  ownerUserId: string | null;
  contactPersonId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface BusinessSitesTable {
  id: string;
  businessId: string;
  name: string;
  countryCode: string;
  regionCode: string | null;
  cityId: number | null;
  lat: number | null;
  lon: number | null;
  cell: string | null;
  /** How many nationals work at the site. */
  headcount: number | null;
  securityContactName: string | null;
  securityContactPhone: string | null;
  securityContactEmail: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A registered person working at a business site. */
export interface BusinessStaffTable {
  siteId: string;
  personId: string;
  role: string | null;
  createdAt: string;
}

/** Someone at home to call about a registered person. */
export interface EmergencyContactsTable {
  id: string;
  personId: string;
  name: string;
  relationship: string;
  /** E.164. */
  phone: string | null;
  email: string | null;
  countryCode: string | null;
  createdAt: string;
  updatedAt: string;
}

export type StaffImportStatus = 'imported' | 'rejected';

/** One CSV upload of a business's staff list; `errors` is the JSON list of row errors (empty when imported). */
export interface StaffImportsTable {
  id: string;
  businessId: string;
  userId: string | null;
  fileName: string | null;
  status: StaffImportStatus;
  rowCount: number;
  importedCount: number;
  errors: string;
  createdAt: string;
}
