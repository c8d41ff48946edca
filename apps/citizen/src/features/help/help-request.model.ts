import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import type { HelpRequestBody } from '../../lib/offline-queue.ts';

// What the help request form holds and how it becomes the request body. Checked on this phone before it is
// queued: a request that waits offline for hours must not be refused for a typo when it finally arrives.

// The shared schema's lists, repeated as plain values: importing them would pull TypeBox into this chunk.
export const CATEGORIES = [
  'detention',
  'accident',
  'crime_victim',
  'missing_person',
  'kidnapping',
  'lost_passport',
  'disaster_conflict',
  'death',
  'child_welfare',
  'fraud',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const URGENCIES = ['life_threatening', 'urgent', 'routine'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const RELATIONS = ['parent', 'child', 'spouse', 'sibling', 'relative', 'friend', 'colleague', 'other'] as const;

/** Each file at most 10 MB, as the server allows; a few files are enough for a first report. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES = 5;
/** The types the server accepts (it checks the content, not this list; this only saves a useless upload). */
export const FILE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif', 'application/pdf'];
const FILE_EXTENSIONS = /\.(jpe?g|png|webp|heic|heif|pdf)$/i;

export const MAX_DESCRIPTION = 4000;

export function isCategory(value: string): value is Category {
  return (CATEGORIES as readonly string[]).includes(value);
}

export interface Draft {
  category: string;
  urgency: string;
  who: '' | 'self' | 'other';
  relation: string;
  subjectName: string;
  subjectPhone: string;
  contactPhone: string;
  description: string;
  country: string;
  region: string;
  city: { id: number; name: string; regionCode: string | null } | null;
  cityText: string;
  label: string;
  point: { lat: number; lon: number } | null;
  consent: boolean;
  /** The place came from the person's registration and was not changed since. */
  fromRegistry: boolean;
}

export const EMPTY_DRAFT: Draft = {
  category: '',
  urgency: '',
  who: '',
  relation: '',
  subjectName: '',
  subjectPhone: '',
  contactPhone: '',
  description: '',
  country: '',
  region: '',
  city: null,
  cityText: '',
  label: '',
  point: null,
  consent: false,
  fromRegistry: false,
};

const DRAFT_KEY = 'homeward.help-draft';

/**
 * The form as typed so far, kept for this tab only (sessionStorage), so a reload or a crash before Send does
 * not make a stressed person start again. Files are not kept (they are picked again); Send clears it.
 */
export function readDraft(): Draft | null {
  try {
    const raw = sessionStorage.getItem(DRAFT_KEY);
    if (!raw) return null;
    // Boundary: written by saveDraft from a Draft; unknown keys are dropped by the spread over EMPTY_DRAFT.
    const saved = JSON.parse(raw) as Partial<Draft>;
    return typeof saved === 'object' && saved !== null ? { ...EMPTY_DRAFT, ...saved } : null;
  } catch {
    return null;
  }
}

export function saveDraft(draft: Draft): void {
  try {
    sessionStorage.setItem(DRAFT_KEY, JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the form still works, it is only not kept across a reload.
  }
}

export function clearDraft(): void {
  try {
    sessionStorage.removeItem(DRAFT_KEY);
  } catch {
    // Nothing was kept.
  }
}

/** Field ids in page order: the error summary lists them top to bottom. */
export const FIELD_ORDER = [
  'category',
  'urgency',
  'who',
  'relation',
  'subjectName',
  'subjectPhone',
  'country',
  'city',
  'locate',
  'description',
  'files',
  'contactPhone',
] as const;
export type FieldId = (typeof FIELD_ORDER)[number];

/** Server JSON pointers → field ids, for a refused request. */
export const SERVER_FIELDS: Record<string, FieldId> = {
  '/category': 'category',
  '/urgency': 'urgency',
  '/forSelf': 'who',
  '/reporterRelation': 'relation',
  '/subjectName': 'subjectName',
  '/subjectPhone': 'subjectPhone',
  '/contactPhone': 'contactPhone',
  '/description': 'description',
  '/location': 'country',
  '/location/country': 'country',
  '/location/region': 'country',
  '/location/cityId': 'city',
  '/location/lat': 'locate',
  '/location/lon': 'locate',
};

/** Problems about one field whose localized title says it better than the generic field message. */
export const SERVER_CODES: Record<string, FieldId> = {
  country_unknown: 'country',
  region_unknown: 'country',
  city_unknown: 'city',
  precise_consent_required: 'locate',
  phone_invalid: 'contactPhone',
  location_required: 'country',
};

/** The error-summary link target of a field (radio groups: their first radio). */
export function focusId(field: FieldId): string {
  if (field === 'category') return `category-${CATEGORIES[0]}`;
  if (field === 'urgency') return `urgency-${URGENCIES[0]}`;
  if (field === 'who') return 'who-self';
  return field;
}

/** "+44 7700 900123", "07700 900123" with a UK place: E.164, or null when it is not a possible number. */
export function toE164(text: string, country: string): string | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  // Boundary: libphonenumber-js wants its CountryCode type; an unknown code simply fails to parse.
  const parsed = parsePhoneNumberFromString(
    trimmed,
    (country || undefined) as Parameters<typeof parsePhoneNumberFromString>[1],
  );
  return parsed?.isPossible() ? parsed.number : null;
}

export type ErrorKey =
  | 'categoryMissing'
  | 'urgencyMissing'
  | 'whoMissing'
  | 'relationMissing'
  | 'selfNameMissing'
  | 'subjectNameMissing'
  | 'phoneInvalid'
  | 'contactPhoneMissing'
  | 'countryMissing'
  | 'cityNotChosen'
  | 'locateMissing'
  | 'descriptionMissing'
  | 'descriptionLong'
  | FileProblem
  | 'filesTooMany';
export type FileProblem = 'fileTooBig' | 'fileType';

/** Message keys (help.errors.*) for what is missing or wrong. */
export function checkDraft(draft: Draft, files: readonly File[]): Partial<Record<FieldId, ErrorKey>> {
  const found: Partial<Record<FieldId, ErrorKey>> = {};
  if (!draft.category) found.category = 'categoryMissing';
  if (!draft.urgency) found.urgency = 'urgencyMissing';
  if (!draft.who) found.who = 'whoMissing';
  if (draft.who === 'other' && !draft.relation) found.relation = 'relationMissing';
  if (draft.who && !draft.subjectName.trim())
    found.subjectName = draft.who === 'self' ? 'selfNameMissing' : 'subjectNameMissing';
  if (draft.who === 'other' && draft.subjectPhone.trim() && !toE164(draft.subjectPhone, draft.country))
    found.subjectPhone = 'phoneInvalid';
  if (!draft.country) found.country = 'countryMissing';
  if (draft.cityText.trim() && !draft.city) found.city = 'cityNotChosen';
  if (draft.consent && !draft.point) found.locate = 'locateMissing';
  if (!draft.description.trim()) found.description = 'descriptionMissing';
  else if (draft.description.length > MAX_DESCRIPTION) found.description = 'descriptionLong';
  const badFile = files.find((f) => fileProblem(f) !== null);
  if (badFile) found.files = fileProblem(badFile) ?? undefined;
  else if (files.length > MAX_FILES) found.files = 'filesTooMany';
  if (!draft.contactPhone.trim()) found.contactPhone = 'contactPhoneMissing';
  else if (!toE164(draft.contactPhone, draft.country)) found.contactPhone = 'phoneInvalid';
  return found;
}

/** Why a picked file cannot be sent ('fileTooBig', 'fileType'), or null. */
export function fileProblem(file: File): FileProblem | null {
  if (file.size > MAX_FILE_BYTES) return 'fileTooBig';
  if (!FILE_TYPES.includes(file.type) && !FILE_EXTENSIONS.test(file.name)) return 'fileType';
  return null;
}

/** The request body of a draft that passed `checkDraft`. */
export function toBody(draft: Draft): HelpRequestBody {
  const forSelf = draft.who === 'self';
  const subjectPhone = forSelf ? null : toE164(draft.subjectPhone, draft.country);
  const label = draft.label.trim();
  const source = draft.consent && draft.point ? 'geolocation' : draft.fromRegistry ? 'registry' : 'search';
  return {
    category: draft.category as Category,
    urgency: draft.urgency as Urgency,
    forSelf,
    ...(forSelf ? {} : { reporterRelation: draft.relation }),
    subjectName: draft.subjectName.trim(),
    ...(subjectPhone ? { subjectPhone } : {}),
    contactPhone: toE164(draft.contactPhone, draft.country) ?? draft.contactPhone.trim(),
    description: draft.description.trim(),
    location: {
      country: draft.country,
      ...(draft.region ? { region: draft.region } : {}),
      ...(draft.city ? { cityId: draft.city.id } : {}),
      ...(label ? { label } : draft.city ? { label: draft.city.name } : {}),
      ...(draft.consent && draft.point ? { lat: draft.point.lat, lon: draft.point.lon, preciseConsent: true } : {}),
      source,
    },
  };
}

/** A queued body back into a draft, to change a refused request. */
export function fromBody(body: HelpRequestBody, cityName: string | null): Draft {
  const loc = body.location;
  return {
    ...EMPTY_DRAFT,
    category: body.category,
    urgency: body.urgency,
    who: body.forSelf ? 'self' : 'other',
    relation: body.reporterRelation ?? '',
    subjectName: body.subjectName,
    subjectPhone: body.subjectPhone ?? '',
    contactPhone: body.contactPhone,
    description: body.description,
    country: loc.country,
    region: loc.region ?? '',
    city: loc.cityId && cityName ? { id: loc.cityId, name: cityName, regionCode: loc.region ?? null } : null,
    cityText: loc.cityId && cityName ? cityName : '',
    label: loc.label && loc.label !== cityName ? loc.label : '',
    point: loc.lat !== undefined && loc.lon !== undefined ? { lat: loc.lat, lon: loc.lon } : null,
    consent: loc.lat !== undefined,
    fromRegistry: loc.source === 'registry',
  };
}

/** "2.4 MB" / "830 KB" for a file size. */
export function fileSize(bytes: number, locale: string): string {
  const format = (value: number, unit: 'megabyte' | 'kilobyte') =>
    new Intl.NumberFormat(locale, { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
  return bytes >= 1024 * 1024 ? format(bytes / 1024 / 1024, 'megabyte') : format(Math.max(1, bytes / 1024), 'kilobyte');
}
