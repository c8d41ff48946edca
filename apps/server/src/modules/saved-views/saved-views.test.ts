import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, JSON_WRITE, signInAs } from '../../../test/support/app.ts';
import { describeEachDialect } from '../../../test/support/db.ts';
import type { App } from '../../http/app-types.ts';
import { DEMO_PASSWORD } from '../demo/demo.accounts.ts';

const email = (name: string) => `${name}@demo.homeward.example`;

describeEachDialect('saved views of the case list', (getDb) => {
  let app: App;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    app = await buildTestApp(getDb());
    for (const who of ['officer.us', 'head.us', 'admin', 'citizen']) {
      cookies[who] = await signInAs(app, email(who), DEMO_PASSWORD);
    }
  });
  afterAll(async () => {
    await app.close();
  });

  const as = (who: string) => ({ ...JSON_WRITE, cookie: cookies[who] as string, 'accept-language': 'en' });
  const save = (who: string, payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url: '/api/v1/saved-views', headers: as(who), payload });
  const list = async (who: string) =>
    (await app.inject({ url: '/api/v1/saved-views?area=cases', headers: as(who) })).json().items as {
      id: string;
      name: string;
      filters: Record<string, unknown>;
    }[];

  it('saves, lists newest first, renames and deletes the caller’s own views', async () => {
    const first = await save('officer.us', { area: 'cases', name: ' Waiting ', filters: { status: 'waiting' } });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ area: 'cases', name: 'Waiting', filters: { status: 'waiting' } });
    const second = await save('officer.us', {
      area: 'cases',
      name: '护照 P1',
      filters: { q: '护照', priority: ['P1', 'P2'] },
    });
    expect(second.statusCode).toBe(201);
    expect((await list('officer.us')).map((v) => v.name)).toEqual(['护照 P1', 'Waiting']);

    const id = first.json().id as string;
    const renamed = await app.inject({
      method: 'PUT',
      url: `/api/v1/saved-views/${id}`,
      headers: as('officer.us'),
      payload: { area: 'cases', name: 'Waiting on the person', filters: { status: 'waiting', q: 'visa' } },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ name: 'Waiting on the person', filters: { q: 'visa' } });

    const removed = await app.inject({ method: 'DELETE', url: `/api/v1/saved-views/${id}`, headers: as('officer.us') });
    expect(removed.statusCode).toBe(204);
    expect((await list('officer.us')).map((v) => v.name)).toEqual(['护照 P1']);
  });

  it('refuses a second view of the same name with 409, and bad names and filters with 400', async () => {
    expect((await save('head.us', { area: 'cases', name: 'Mine', filters: {} })).statusCode).toBe(201);
    const clash = await save('head.us', { area: 'cases', name: 'Mine', filters: { status: 'new' } });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().code).toBe('saved_view_name_taken');
    expect(clash.json().title).toBe('You already have a saved view with this name');
    for (const bad of [
      { area: 'cases', name: '   ', filters: {} },
      { area: 'cases', name: 'x'.repeat(81), filters: {} },
      { area: 'registry', name: 'Other list', filters: {} },
      { area: 'cases', name: 'Nested', filters: { status: { $ne: 'x' } } },
      { area: 'cases', name: 'Bad key', filters: { 'a b': 'x' } },
    ]) {
      expect((await save('head.us', bad)).statusCode).toBe(400);
    }
    // Another person may use the same name.
    expect((await save('admin', { area: 'cases', name: 'Mine', filters: {} })).statusCode).toBe(201);
  });

  it('keeps views private: another person gets 404 on read, change and delete, and lists only their own', async () => {
    const own = (await save('admin', { area: 'cases', name: 'HQ only', filters: {} })).json().id as string;
    expect((await list('head.us')).map((v) => v.name)).not.toContain('HQ only');
    const change = await app.inject({
      method: 'PUT',
      url: `/api/v1/saved-views/${own}`,
      headers: as('head.us'),
      payload: { area: 'cases', name: 'Taken over', filters: {} },
    });
    expect(change.statusCode).toBe(404);
    const remove = await app.inject({ method: 'DELETE', url: `/api/v1/saved-views/${own}`, headers: as('head.us') });
    expect(remove.statusCode).toBe(404);
    expect((await list('admin')).map((v) => v.name)).toContain('HQ only');
  });

  it('is for staff: a citizen is refused, the signed-out must sign in', async () => {
    expect((await save('citizen', { area: 'cases', name: 'Mine', filters: {} })).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/v1/saved-views?area=cases' })).statusCode).toBe(401);
  });
});
