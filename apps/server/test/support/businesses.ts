import { isoNow } from '../../src/clock.ts';
import type { App } from '../../src/http/app-types.ts';
import { createUser } from '../../src/modules/users/users.service.ts';
import { JSON_WRITE, STRONG_PASSWORD, signInAs } from './app.ts';

let counter = 0;

/** A verified citizen account, signed in: for tests that need a second organisation owner. */
export async function signedInCitizen(app: App, label = 'owner'): Promise<{ id: string; cookie: string }> {
  const email = `${label}.${Date.now().toString(36)}.${counter++}@example.org`;
  const { id } = await createUser(app.ctx.db, {
    email,
    password: STRONG_PASSWORD,
    displayName: 'TEST CITIZEN',
    role: 'citizen',
  });
  await app.ctx.db.updateTable('users').set({ emailVerifiedAt: isoNow() }).where('id', '=', id).execute();
  return { id, cookie: await signInAs(app, email, STRONG_PASSWORD) };
}

export const WASHINGTON_DC = 4140963;
export const TOKYO = 1850147;

export const siteInput = (overrides: Record<string, unknown> = {}) => ({
  name: 'Washington Office',
  countryCode: 'US',
  regionCode: 'US-DC',
  cityId: WASHINGTON_DC,
  headcount: 12,
  securityContactName: 'LIU YANG',
  securityContactPhone: '+1 202-555-0142',
  securityContactEmail: 'Security@Example.com',
  ...overrides,
});

/** Creates an organisation and sites through the API; returns their ids. */
export async function organisationWithSites(
  app: App,
  cookie: string,
  sites: Record<string, unknown>[] = [siteInput()],
  name = 'Test Enterprise',
): Promise<{ id: string; siteIds: string[] }> {
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/organisations',
    headers: { ...JSON_WRITE, cookie },
    payload: { name, registrationNumber: '91110000MA01TEST0X', sector: 'construction' },
  });
  if (created.statusCode !== 201) throw new Error(`organisation: ${created.statusCode} ${created.body}`);
  const id = created.json().id as string;
  const siteIds: string[] = [];
  for (const site of sites) {
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/organisations/${id}/sites`,
      headers: { ...JSON_WRITE, cookie },
      payload: site,
    });
    if (response.statusCode !== 201) throw new Error(`site: ${response.statusCode} ${response.body}`);
    siteIds.push(response.json().id);
  }
  return { id, siteIds };
}
