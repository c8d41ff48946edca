import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, JSON_WRITE, signInAs } from '../../../test/support/app.ts';
import { describeEachDialect } from '../../../test/support/db.ts';
import { isoNow, newId } from '../../clock.ts';
import type { Db } from '../../db/schema.ts';
import type { App } from '../../http/app-types.ts';
import { DEMO_PASSWORD } from '../demo/demo.accounts.ts';
import { utcDay } from '../registry/registry.rules.ts';
import { seedKnowledgeBase } from './hotline.seed.ts';

const email = (name: string) => `${name}@demo.homeward.example`;

/** A registered national with a phone, a residence in Osaka and a trip to Tokyo today, and an open case. */
async function insertCaller(db: Db) {
  const now = isoNow();
  const today = utcDay(new Date());
  const personId = newId();
  await db
    .insertInto('persons')
    .values({
      id: personId,
      userId: null,
      familyName: 'OUYANG',
      givenName: 'XIAOMEI',
      nativeName: '欧阳晓梅',
      birthDate: '1992-03-04',
      sex: 'F',
      nationality: 'CN',
      passportNumber: 'EJ4455667',
      passportExpiry: '2032-01-01',
      locale: 'zh-CN',
      businessId: null,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  await db
    .insertInto('personChannels')
    .values({ id: newId(), personId, kind: 'sms', address: '+819087654321', verifiedAt: null, createdAt: now })
    .execute();
  const presence = (kind: 'residence' | 'trip', regionCode: string, cityId: number | null, arrivalOn: string) => ({
    id: newId(),
    personId,
    dependentId: null,
    kind,
    countryCode: 'JP',
    regionCode,
    cityId,
    lat: null,
    lon: null,
    cell: null,
    preciseConsent: 0,
    arrivalOn,
    departureOn: kind === 'trip' ? today : null,
    purpose: null,
    groupId: null,
    createdAt: now,
    updatedAt: now,
  });
  await db
    .insertInto('presences')
    .values([presence('residence', 'JP-27', null, '2022-04-01'), presence('trip', 'JP-13', 1850147, today)])
    .execute();
  return personId;
}

describeEachDialect('hotline lookup and knowledge base', (getDb) => {
  let app: App;
  let db: Db;
  let personId: string;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    app = await buildTestApp(getDb());
    db = getDb().db;
    personId = await insertCaller(db);
    for (const who of ['admin', 'agent', 'officer.us']) cookies[who] = await signInAs(app, email(who), DEMO_PASSWORD);
    const opened = await app.inject({
      method: 'POST',
      url: '/api/v1/hotline/calls',
      headers: { ...JSON_WRITE, cookie: cookies.agent as string },
      payload: {
        callerPhone: '+81 90 8765 4321',
        personId,
        category: 'accident',
        summary: 'Fell on a hiking trail near Tokyo; in hospital.',
        outcome: 'case_opened',
        missionCode: 'JP-TYO',
        language: 'zh-CN',
      },
    });
    expect(opened.statusCode, opened.body).toBe(201);
  });
  afterAll(async () => {
    await app.close();
  });

  const lookup = (q: string, extra = '') =>
    app.inject({
      url: `/api/v1/hotline/lookup?q=${encodeURIComponent(q)}${extra}`,
      headers: { cookie: cookies.agent as string },
    });

  it('finds the person by phone in international and in national format with a country, by any key', async () => {
    const keys: [string, string, string][] = [
      ['+81 90-8765-4321', '', 'phone'],
      ['090 8765 4321', '&country=JP', 'phone'],
      ['EJ 4455667', '', 'passport'],
      ['ouyang xiao', '', 'name'],
      ['xiaomei ouyang', '', 'name'],
      ['欧阳晓', '', 'name'],
    ];
    for (const [q, extra, by] of keys) {
      const response = await lookup(q, extra);
      expect(response.statusCode, response.body).toBe(200);
      const found = response.json().persons.find((p: { id: string }) => p.id === personId);
      expect(found, q).toMatchObject({ matchedBy: by, phones: ['+819087654321'], passportNumber: 'EJ4455667' });
    }
  });

  it('shows where the person is today (the trip beats the residence) and their open cases', async () => {
    const found = (await lookup('EJ4455667')).json().persons[0];
    expect(found.presence).toMatchObject({ kind: 'trip', countryCode: 'JP', regionCode: 'JP-13', cityName: 'Tokyo' });
    expect(found.openCases).toHaveLength(1);
    expect(found.openCases[0]).toMatchObject({ category: 'accident', missionCode: 'JP-TYO', status: 'new' });
  });

  it('finds cases by number and by the call-back phone', async () => {
    const kase = await db
      .selectFrom('cases')
      .select(['id', 'number'])
      .where('subjectPersonId', '=', personId)
      .executeTakeFirstOrThrow();
    const byNumber = (await lookup(kase.number.toLowerCase())).json();
    expect(byNumber.cases.map((c: { id: string }) => c.id)).toEqual([kase.id]);
    expect(byNumber.persons).toEqual([]);
    const byPhone = (await lookup('+819087654321')).json();
    expect(byPhone.phone).toBe('+819087654321');
    expect(byPhone.cases.map((c: { id: string }) => c.id)).toContain(kase.id);
  });

  it('writes each lookup to the audit log with the persons it showed', async () => {
    await lookup('EJ4455667');
    const entry = await db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'hotline.lookup')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(String(entry.details))).toMatchObject({ personIds: [personId] });
  });

  it('answers nothing for unknown keys, and refuses mission staff and too short searches', async () => {
    const none = (await lookup('NOBODY QUITE SO')).json();
    expect(none).toEqual({ phone: null, persons: [], cases: [] });
    expect((await lookup('x')).statusCode).toBe(400);
    const officer = await app.inject({
      url: '/api/v1/hotline/lookup?q=ZHANG',
      headers: { cookie: cookies['officer.us'] as string },
    });
    expect(officer.statusCode).toBe(403);
  });

  const knowledge = (query: string, who = 'agent') =>
    app.inject({ url: `/api/v1/hotline/knowledge${query}`, headers: { cookie: cookies[who] as string } });

  it('ships the standard answers and finds them in Chinese and in English', async () => {
    const all = (await knowledge('')).json().items;
    expect(all.length).toBeGreaterThanOrEqual(12);
    const slugs = (q: string) =>
      knowledge(`?q=${encodeURIComponent(q)}`).then((r) => r.json().items.map((a: { slug: string }) => a.slug));
    expect(await slugs('护照')).toContain('lost-passport');
    expect(await slugs('stolen passport')).toContain('lost-passport');
    expect(await slugs('安全账户')).toEqual(['telecom-fraud']);
    expect(await slugs('EARTHQUAKE')).toEqual(['natural-disaster']);
    expect(await slugs('50%_off')).toEqual([]);
    const officer = await knowledge('?q=visa', 'officer.us');
    expect(officer.json().items.map((a: { slug: string }) => a.slug)).toContain('visa-overstay');
  });

  it('lets HQ edit an answer at its version, refuses a stale edit with the current one, and audits', async () => {
    const article = (await knowledge('/arrested-abroad')).json();
    const edit = (version: number, who = 'admin') =>
      app.inject({
        method: 'PUT',
        url: '/api/v1/hotline/knowledge/arrested-abroad',
        headers: { ...JSON_WRITE, cookie: cookies[who] as string },
        payload: {
          version,
          topic: article.topic,
          title: article.title,
          body: { ...article.body, en: `${article.body.en}\n\nAsk for the duty officer at night.` },
          keywords: `${article.keywords} night`,
        },
      });
    expect((await edit(article.version, 'agent')).statusCode).toBe(403);
    const saved = await edit(article.version);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ version: article.version + 1, updatedBy: 'HQ Administrator 总部管理员' });
    const stale = await edit(article.version);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current.version).toBe(article.version + 1);
    const entries = await db.selectFrom('auditLog').select('action').where('action', '=', 'knowledge.edit').execute();
    expect(entries).toHaveLength(1);
    // A restart adds missing shipped answers only: the edit stays.
    expect(await seedKnowledgeBase(db)).toBe(0);
    expect((await knowledge('/arrested-abroad')).json().version).toBe(article.version + 1);
    await db.deleteFrom('knowledgeArticles').where('slug', '=', 'visa-overstay').execute();
    expect(await seedKnowledgeBase(db)).toBe(1);
    expect((await knowledge('/visa-overstay')).json().version).toBe(1);
    expect((await knowledge('/no-such-answer')).statusCode).toBe(404);
  });
});
