import type {
  Channel,
  Country,
  Dependent,
  DependentInput,
  EmergencyContact,
  EmergencyContactInput,
  Locale,
  Person,
  PersonAnswer,
  PlaceCity,
  PlaceRegion,
  Presence,
  PresenceInput,
  PresenceList,
  PresencePurpose,
  ProfileInput,
  Relationship,
  Subscription,
} from '@homeward/shared';
import { getJson, sendJson } from '../../lib/api.client.ts';

// The registry API of decision 0006: the citizen's own profile, presences, dependents, emergency contacts and
// the countries whose advisories they follow. Personal data: pages load it with `keepOnDevice: false`.

const V1 = '/api/v1';
const ME = `${V1}/registry/me`;

export const PERSON_PATH = ME;
export const PRESENCES_PATH = `${ME}/presences`;
export const DEPENDENTS_PATH = `${ME}/dependents`;
export const CONTACTS_PATH = `${ME}/emergency-contacts`;
export const SUBSCRIPTIONS_PATH = `${ME}/subscriptions`;
export const COUNTRIES_PATH = `${V1}/countries`;

export type {
  Channel,
  Country,
  Dependent,
  DependentInput,
  EmergencyContact,
  EmergencyContactInput,
  Person,
  PersonAnswer,
  PlaceCity,
  PlaceRegion,
  Presence,
  PresenceInput,
  PresenceList,
  PresencePurpose,
  ProfileInput,
  Relationship,
  Subscription,
};

export type Sex = NonNullable<Person['sex']>;
export type PresenceKind = Presence['kind'];

// The shared schema's lists, repeated as plain values: importing them would pull TypeBox into this chunk.
// The types keep them in step with the schema.
export const SEXES = ['F', 'M', 'X'] as const satisfies readonly Sex[];
export const RELATIONSHIPS = [
  'child',
  'spouse',
  'parent',
  'sibling',
  'other',
] as const satisfies readonly Relationship[];
export const PRESENCE_PURPOSES = [
  'tourism',
  'business',
  'study',
  'work',
  'family',
  'other',
] as const satisfies readonly PresencePurpose[];
/** At most five emergency contacts (decision 0006). */
export const MAX_CONTACTS = 5;

/** A place name as the server gives it: one string (the gazetteer's, ISO's) or one per language. */
export type PlaceName = string | Partial<Record<Locale, string>> | null | undefined;

/** The name to show in `locale`: the localized one when the server has it, else whatever name it gave. */
export function placeName(name: PlaceName, locale: Locale): string {
  if (!name) return '';
  if (typeof name === 'string') return name;
  return name[locale] ?? name.en ?? name['zh-CN'] ?? '';
}

export function citiesPath(country: string, q: string, limit = 10): string {
  const params = new URLSearchParams({ country, limit: String(limit) });
  if (q) params.set('q', q);
  return `${V1}/places/cities?${params}`;
}

export function regionsPath(country: string): string {
  return `${V1}/places/regions?${new URLSearchParams({ country })}`;
}

function one(base: string, id: string): string {
  return `${base}/${encodeURIComponent(id)}`;
}

export function fetchCities(country: string, q: string, signal: AbortSignal): Promise<{ items: PlaceCity[] }> {
  return getJson(citiesPath(country, q), signal);
}

export function saveProfile(body: ProfileInput): Promise<{ person: Person }> {
  return sendJson('PUT', PERSON_PATH, body);
}

export function createPresence(body: PresenceInput, idempotencyKey?: string): Promise<{ presence: Presence }> {
  return sendJson('POST', PRESENCES_PATH, body, { idempotencyKey });
}

export function updatePresence(id: string, body: PresenceInput): Promise<{ presence: Presence }> {
  return sendJson('PUT', one(PRESENCES_PATH, id), body);
}

export function removePresence(id: string): Promise<void> {
  return sendJson('DELETE', one(PRESENCES_PATH, id));
}

/** Withdraws consent: the server forgets the coordinates and keeps only the city's. */
export function withdrawPreciseLocation(id: string): Promise<{ presence: Presence }> {
  return sendJson('DELETE', `${one(PRESENCES_PATH, id)}/precise-location`);
}

export function createDependent(body: DependentInput, idempotencyKey?: string): Promise<{ dependent: Dependent }> {
  return sendJson('POST', DEPENDENTS_PATH, body, { idempotencyKey });
}

export function updateDependent(id: string, body: DependentInput): Promise<{ dependent: Dependent }> {
  return sendJson('PUT', one(DEPENDENTS_PATH, id), body);
}

export function removeDependent(id: string): Promise<void> {
  return sendJson('DELETE', one(DEPENDENTS_PATH, id));
}

export function createContact(
  body: EmergencyContactInput,
  idempotencyKey?: string,
): Promise<{ contact: EmergencyContact }> {
  return sendJson('POST', CONTACTS_PATH, body, { idempotencyKey });
}

export function updateContact(id: string, body: EmergencyContactInput): Promise<{ contact: EmergencyContact }> {
  return sendJson('PUT', one(CONTACTS_PATH, id), body);
}

export function removeContact(id: string): Promise<void> {
  return sendJson('DELETE', one(CONTACTS_PATH, id));
}

export function followCountry(code: string): Promise<{ subscription: Subscription }> {
  return sendJson('PUT', one(SUBSCRIPTIONS_PATH, code));
}

export function unfollowCountry(code: string): Promise<void> {
  return sendJson('DELETE', one(SUBSCRIPTIONS_PATH, code));
}
