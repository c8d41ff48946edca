import type { Db } from '../../db/schema.ts';
import { registerExporter, registerRetention } from '../accounts/accounts.hooks.ts';
import {
  findPersonByUserId,
  listChannels,
  listDependents,
  listEmergencyContacts,
  listSubscriptions,
} from './persons.repo.ts';
import { dependentIdsByGroup, listOwnPresences } from './presences.repo.ts';
import {
  countryNameOf,
  toDependentDto,
  toEmergencyContactDto,
  toPersonDto,
  toPresenceDto,
} from './registry.presenter.ts';
import { utcDay, whereAmINow } from './registry.rules.ts';

/** The person's registration, as the API shows it, in their data export (null when never registered). */
async function exportRegistration(db: Db, userId: string) {
  const person = await findPersonByUserId(db, userId);
  if (!person) return null;
  const presences = await listOwnPresences(db, person.id);
  const dependents = await dependentIdsByGroup(
    db,
    presences.map((p) => p.id),
  );
  const current = whereAmINow(presences, utcDay(new Date()));
  return {
    person: toPersonDto(person, await listChannels(db, person.id)),
    dependents: (await listDependents(db, person.id)).map(toDependentDto),
    emergencyContacts: (await listEmergencyContacts(db, person.id)).map(toEmergencyContactDto),
    presences: presences.map((p) => toPresenceDto(p, dependents.get(p.id) ?? [], p.id === current?.id)),
    subscriptions: (await listSubscriptions(db, person.id)).map((s) => ({
      ...s,
      countryName: countryNameOf(s.countryCode),
    })),
  };
}

/** Deleting the account erases the registration: the person, channels, dependents, contacts, presences. */
async function eraseRegistration(db: Db, user: { id: string }) {
  await db.deleteFrom('persons').where('userId', '=', user.id).execute();
  return [];
}

/** Hooks the registry into account export and deletion; registering twice changes nothing. */
export function registerRegistryAccountHooks(): void {
  registerExporter('registry', exportRegistration);
  registerRetention(eraseRegistration);
}
