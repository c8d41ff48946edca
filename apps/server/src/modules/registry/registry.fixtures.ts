import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { JSON_WRITE, signInAs } from '../../../test/support/app.ts';
import type { Db } from '../../db/schema.ts';
import type { App } from '../../http/app-types.ts';
import { createUser } from '../users/users.service.ts';

// Test factories for the registry suites: a new verified citizen per test, and a snapshot of everything
// the registry holds about a person (to prove that a refused request changed nothing).

export const CITIZEN_PASSWORD = 'registry probe passphrase 5521';
let counter = 0;

export interface TestCitizen {
  id: string;
  email: string;
  cookie: string;
  /** Calls the API as this citizen, with the CSRF header and English problem titles. */
  call(method: InjectOptions['method'], url: string, payload?: unknown): Promise<LightMyRequestResponse>;
}

/** A verified citizen account, signed in, with no registration yet. */
export async function newCitizen(app: App, label = 'citizen'): Promise<TestCitizen> {
  const email = `registry.${label}.${Date.now().toString(36)}.${counter++}@example.org`;
  const { id } = await createUser(app.ctx.db, {
    email,
    password: CITIZEN_PASSWORD,
    displayName: 'REGISTRY TEST',
    role: 'citizen',
    locale: 'en',
    emailVerified: true,
  });
  const cookie = await signInAs(app, email, CITIZEN_PASSWORD);
  return {
    id,
    email,
    cookie,
    call: (method, url, payload) =>
      app.inject({
        method,
        url: `/api/v1${url}`,
        headers: { ...JSON_WRITE, cookie, 'accept-language': 'en' },
        ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
      }),
  };
}

/** Everything the registry holds about the person of an account, in a stable order. */
export async function registrySnapshot(db: Db, userId: string): Promise<unknown> {
  const person = await db.selectFrom('persons').selectAll().where('userId', '=', userId).executeTakeFirst();
  if (!person) return null;
  return {
    person,
    channels: await db
      .selectFrom('personChannels')
      .selectAll()
      .where('personId', '=', person.id)
      .orderBy('id')
      .execute(),
    dependents: await db.selectFrom('dependents').selectAll().where('personId', '=', person.id).orderBy('id').execute(),
    presences: await db.selectFrom('presences').selectAll().where('personId', '=', person.id).orderBy('id').execute(),
    contacts: await db
      .selectFrom('emergencyContacts')
      .selectAll()
      .where('personId', '=', person.id)
      .orderBy('id')
      .execute(),
    subscriptions: await db
      .selectFrom('countrySubscriptions')
      .selectAll()
      .where('personId', '=', person.id)
      .orderBy('countryCode')
      .execute(),
  };
}

export const PROFILE = { familyName: 'WANG', givenName: 'Xiaoming', nativeName: '王小明', birthDate: '1990-05-01' };
