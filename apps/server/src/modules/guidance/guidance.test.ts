import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, JSON_WRITE, signInAs } from '../../../test/support/app.ts';
import { describeEachDialect } from '../../../test/support/db.ts';
import { newId } from '../../clock.ts';
import type { Db } from '../../db/schema.ts';
import type { App } from '../../http/app-types.ts';
import { DEMO_PASSWORD } from '../demo/demo.accounts.ts';
import { targetRecipients } from '../targeting/targeting.service.ts';
import { CHECKLIST } from './guidance.checklist.ts';
import { GUIDANCE_SOURCE_KIND } from './guidance.sends.ts';

const email = (name: string) => `${name}@demo.homeward.example`;
const ALL = (answer: string) => Object.fromEntries(CHECKLIST.map((q) => [q.id, answer]));
const ARTICLE = {
  country: 'KE',
  riskType: 'civil_unrest',
  status: 'published',
  title: { 'zh-CN': '肯尼亚：选举期间的安全', en: 'Kenya: safety during elections' },
  body: { 'zh-CN': '选举期间减少外出。', en: 'Travel less around election day.' },
};

describeEachDialect('business security guidance', (getDb) => {
  let app: App;
  let db: Db;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    app = await buildTestApp(getDb());
    db = getDb().db;
    for (const who of ['admin', 'alerts', 'officer.us', 'agent', 'citizen'])
      cookies[who] = await signInAs(app, email(who), DEMO_PASSWORD);
  });
  afterAll(async () => {
    await app.close();
  });

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, who?: string, payload?: unknown, lang = 'en') =>
    app.inject({
      method,
      url,
      headers: { ...JSON_WRITE, ...(who ? { cookie: cookies[who] as string } : {}), 'accept-language': lang },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });

  describe('the library', () => {
    it('lists the published demo articles, filtered by country (with global ones), risk and words', async () => {
      const all = (await call('GET', '/api/v1/guidance/articles?pageSize=50')).json();
      expect(all.total).toBeGreaterThanOrEqual(10);
      expect(all.items.every((a: { status: string }) => a.status === 'published')).toBe(true);

      const japan = (await call('GET', '/api/v1/guidance/articles?country=JP&risk=natural_disaster')).json();
      expect(japan.items.map((a: { slug: string }) => a.slug)).toEqual(['earthquake-japan']);
      const usCrime = (await call('GET', '/api/v1/guidance/articles?country=US&risk=crime')).json();
      // The country's own article first, then the one for every country.
      expect(usCrime.items.map((a: { slug: string }) => a.slug)).toEqual([
        'united-states-personal-safety',
        'robbery-and-cash',
      ]);
      const chinese = (await call('GET', '/api/v1/guidance/articles?q=%E6%B5%B7%E5%95%B8')).json(); // 海啸
      expect(chinese.items.map((a: { slug: string }) => a.slug)).toEqual(['earthquake-japan']);
      const twoWords = (await call('GET', '/api/v1/guidance/articles?q=ransom%20kidnappers')).json();
      expect(twoWords.items.map((a: { slug: string }) => a.slug)).toEqual(['kidnapping-risk']);

      const first = (await call('GET', '/api/v1/guidance/articles?pageSize=3&page=1')).json();
      const second = (await call('GET', '/api/v1/guidance/articles?pageSize=3&page=2')).json();
      expect(first.items).toHaveLength(3);
      expect(second.items).toHaveLength(3);
      expect(second.items[0].id).not.toBe(first.items[0].id);
      expect(first.total).toBe(all.total);
    });

    it('serves an article by slug with Markdown in both languages', async () => {
      const response = await call('GET', '/api/v1/guidance/articles/attack-run-hide-tell');
      expect(response.statusCode).toBe(200);
      const article = response.json();
      expect(article).toMatchObject({ riskType: 'terrorism', country: '', languages: ['zh-CN', 'en'] });
      expect(article.body.en).toContain('## Run');
      expect(article.body['zh-CN']).toContain('## 逃离');
    });

    it('refuses an unknown risk type with a localized message', async () => {
      const response = await call('GET', '/api/v1/guidance/articles?risk=volcano', undefined, undefined, 'zh-CN');
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'validation_failed', title: '部分信息无效' });
      expect(response.json().errors[0].field).toContain('risk');
    });
  });

  describe('editing', () => {
    it('creates, edits with history, hides drafts from the public and refuses a stale edit', async () => {
      const created = await call('POST', '/api/v1/guidance/articles', 'alerts', { ...ARTICLE, status: 'draft' });
      expect(created.statusCode, created.body).toBe(201);
      const { id, slug } = created.json();
      expect(slug).toBe('kenya-safety-during-elections');
      expect((await call('GET', `/api/v1/guidance/articles/${slug}`)).statusCode).toBe(404);
      expect((await call('GET', `/api/v1/guidance/articles/${slug}`, 'citizen')).statusCode).toBe(404);
      expect((await call('GET', `/api/v1/guidance/articles/${slug}`, 'alerts')).statusCode).toBe(200);
      const drafts = (await call('GET', '/api/v1/guidance/editor/articles?country=KE', 'admin')).json();
      expect(drafts.items.map((a: { id: string }) => a.id)).toContain(id);

      const edited = await call('PUT', `/api/v1/guidance/articles/${id}`, 'admin', {
        ...ARTICLE,
        body: { ...ARTICLE.body, en: 'Travel less around election day. Keep a week of supplies.' },
        version: 1,
      });
      expect(edited.statusCode, edited.body).toBe(200);
      expect(edited.json()).toMatchObject({ version: 2, status: 'published', publishedAt: expect.any(String) });
      const stale = await call('PUT', `/api/v1/guidance/articles/${id}`, 'alerts', { ...ARTICLE, version: 1 });
      expect(stale.statusCode).toBe(409);

      const history = (await call('GET', `/api/v1/guidance/editor/articles/${id}`, 'alerts')).json();
      expect(history.history.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
        [2, 'published'],
        [1, 'draft'],
      ]);
      expect(history.history[1].body.en).toBe('Travel less around election day.');
      expect(history.history[0].editedBy).toEqual(expect.any(String));
      expect((await call('GET', `/api/v1/guidance/articles/${slug}`)).statusCode).toBe(200);

      const audit = await db.selectFrom('auditLog').select('action').where('recordId', '=', id).orderBy('id').execute();
      expect(audit.map((a) => a.action)).toEqual(['guidance.create', 'guidance.edit']);
    });

    it('accepts an article in one language and refuses one in none or half-written', async () => {
      const englishOnly = await call('POST', '/api/v1/guidance/articles', 'alerts', {
        ...ARTICLE,
        title: { 'zh-CN': '', en: 'Kenya: road safety at night' },
        body: { 'zh-CN': '', en: 'Do not drive at night.' },
      });
      expect(englishOnly.statusCode, englishOnly.body).toBe(201);
      expect(englishOnly.json().languages).toEqual(['en']);

      const none = await call(
        'POST',
        '/api/v1/guidance/articles',
        'alerts',
        { ...ARTICLE, title: { 'zh-CN': ' ', en: '' }, body: { 'zh-CN': '', en: '' } },
        'zh-CN',
      );
      expect(none.statusCode).toBe(422);
      expect(none.json()).toMatchObject({
        code: 'guidance_language_required',
        title: '请至少用一种语言填写文章标题和正文',
      });
      const half = await call('POST', '/api/v1/guidance/articles', 'alerts', {
        ...ARTICLE,
        body: { 'zh-CN': '', en: 'text' },
      });
      expect(half.statusCode).toBe(422);
      expect(half.json().errors[0].field).toBe('/body/body/zh-CN');
      const unknownRisk = await call('POST', '/api/v1/guidance/articles', 'alerts', {
        ...ARTICLE,
        riskType: 'volcano',
      });
      expect(unknownRisk.statusCode).toBe(400);
      expect(unknownRisk.json().errors[0].field).toContain('riskType');
      expect((await call('POST', '/api/v1/guidance/articles', 'officer.us', ARTICLE)).statusCode).toBe(403);
    });
  });

  describe('self-assessment', () => {
    let organisationId = '';
    beforeAll(async () => {
      const list = (await call('GET', '/api/v1/organisations', 'citizen')).json();
      organisationId = list.items[0].id;
    });

    it('scores the answers, recommends for the gaps with articles, and keeps the history', async () => {
      const answers = { ...ALL('yes'), 'crisis-plan': 'no', 'cyber-basics': 'partly' };
      const response = await call('POST', `/api/v1/organisations/${organisationId}/assessments`, 'citizen', {
        answers,
      });
      expect(response.statusCode, response.body).toBe(201);
      const result = response.json();
      const total = CHECKLIST.reduce((sum, q) => sum + q.weight, 0);
      expect(result.score).toBe(Math.round(((total - 3 - 1) / total) * 100));
      expect(result.band).toBe('strong');
      expect(
        result.recommendations.map((r: { questionId: string; answer: string }) => [r.questionId, r.answer]),
      ).toEqual([
        ['crisis-plan', 'no'],
        ['cyber-basics', 'partly'],
      ]);
      expect(result.recommendations[1].articles.map((a: { slug: string }) => a.slug)).toEqual([
        'cyber-security-small-office',
      ]);

      const weak = await call('POST', `/api/v1/organisations/${organisationId}/assessments`, 'citizen', {
        answers: ALL('no'),
      });
      expect(weak.json()).toMatchObject({ score: 0, band: 'weak' });
      expect(weak.json().recommendations).toHaveLength(CHECKLIST.length);

      const history = (await call('GET', `/api/v1/organisations/${organisationId}/assessments`, 'citizen')).json();
      expect(history.items.slice(0, 2).map((a: { score: number }) => a.score)).toEqual([0, result.score]);
      const again = (
        await call('GET', `/api/v1/organisations/${organisationId}/assessments/${result.id}`, 'citizen')
      ).json();
      expect(again).toMatchObject({ score: result.score, answers });
    });

    it('assesses one site, and shows the latest scores to mission staff for the sites they may see', async () => {
      const sites = (await call('GET', `/api/v1/organisations/${organisationId}/sites`, 'citizen')).json();
      const dc = sites.items.find((s: { countryCode: string }) => s.countryCode === 'US');
      const tokyo = sites.items.find((s: { countryCode: string }) => s.countryCode === 'JP');
      const siteResult = await call('POST', `/api/v1/organisations/${organisationId}/assessments`, 'citizen', {
        siteId: dc.id,
        answers: { ...ALL('yes'), drills: 'partly' },
      });
      expect(siteResult.statusCode, siteResult.body).toBe(201);
      expect(siteResult.json()).toMatchObject({ siteId: dc.id, siteName: dc.name });
      const organisationWide = await call('POST', `/api/v1/organisations/${organisationId}/assessments`, 'citizen', {
        answers: ALL('partly'),
      });

      const seen = await call('GET', `/api/v1/enterprises/sites/${dc.id}/assessment`, 'officer.us');
      expect(seen.statusCode).toBe(200);
      expect(seen.json()).toMatchObject({
        organisation: { id: organisationWide.json().id, score: 50, band: 'fair' },
        site: { id: siteResult.json().id, siteId: dc.id },
      });
      expect((await call('GET', `/api/v1/enterprises/sites/${tokyo.id}/assessment`, 'officer.us')).statusCode).toBe(
        404,
      );
      expect((await call('GET', `/api/v1/enterprises/sites/${tokyo.id}/assessment`, 'agent')).statusCode).toBe(200);
    });

    it('refuses an answer to an unknown question, a missing answer and a bad value, in the caller’s language', async () => {
      const url = `/api/v1/organisations/${organisationId}/assessments`;
      const unknown = await call('POST', url, 'citizen', { answers: { ...ALL('yes'), 'has-moat': 'yes' } }, 'zh-CN');
      expect(unknown.statusCode).toBe(422);
      expect(unknown.json()).toMatchObject({ code: 'assessment_question_unknown' });
      expect(unknown.json().errors[0].field).toBe('/body/answers/has-moat');
      const { drills: _left, ...missing } = ALL('yes');
      const incomplete = await call('POST', url, 'citizen', { answers: missing });
      expect(incomplete.statusCode).toBe(422);
      expect(incomplete.json()).toMatchObject({
        code: 'assessment_answer_missing',
        title: 'Answer every question, with yes, partly or no',
      });
      expect(incomplete.json().errors[0].field).toBe('/body/answers/drills');
      const maybe = await call('POST', url, 'citizen', { answers: { ...ALL('yes'), drills: 'maybe' } });
      expect(maybe.statusCode).toBe(400);
    });
  });

  describe('sending guidance to businesses in an area', () => {
    const usStaff = async () => {
      const rows = await db
        .selectFrom('businessStaff')
        .innerJoin('businessSites', 'businessSites.id', 'businessStaff.siteId')
        .select('businessStaff.personId')
        .where('businessSites.countryCode', '=', 'US')
        .execute();
      return [...new Set(rows.map((r) => r.personId))].sort();
    };

    it('previews the site staff reached, sends through notifications and records the send', async () => {
      const staff = await usStaff();
      expect(staff.length).toBeGreaterThan(0);
      const preview = await call('POST', '/api/v1/guidance/sends/preview', 'alerts', {
        area: { countries: ['US'] },
      });
      expect(preview.json()).toEqual({ siteStaff: staff.length });
      const article = (await call('GET', '/api/v1/guidance/articles/robbery-and-cash')).json();
      const sent = await call('POST', '/api/v1/guidance/sends', 'alerts', {
        articleId: article.id,
        area: { countries: ['US'] },
      });
      expect(sent.statusCode, sent.body).toBe(201);
      expect(sent.json()).toMatchObject({
        articleSlug: 'robbery-and-cash',
        recipients: staff.length,
        articleVersion: 1,
      });

      const message = await db
        .selectFrom('notificationMessages')
        .selectAll()
        .where('sourceKind', '=', GUIDANCE_SOURCE_KIND)
        .where('sourceId', '=', sent.json().id)
        .executeTakeFirstOrThrow();
      expect(message.id).toBe(sent.json().messageId);
      expect(JSON.parse(message.target).personIds.sort()).toEqual(staff);
      const content = JSON.parse(message.content);
      expect(content.en).toMatchObject({ title: article.title.en, url: '/guidance/robbery-and-cash' });
      expect(content['zh-CN'].body).toContain('抢劫目标');
      const jobs = await db
        .selectFrom('jobs')
        .select('kind')
        .where('dedupeKey', '=', `notify.fanout:${message.id}`)
        .execute();
      expect(jobs).toHaveLength(1);

      const sends = (await call('GET', '/api/v1/guidance/sends', 'admin')).json();
      expect(sends.items[0]).toMatchObject({ id: sent.json().id, sentBy: expect.any(String) });
    });

    it('counts a staff member the targeting engine finds as present in the area (each person once)', async () => {
      const staff = await usStaff();
      const [first] = staff;
      if (!first) throw new Error('the demo has no US site staff');
      const now = new Date().toISOString();
      await db
        .insertInto('presences')
        .values({
          id: newId(),
          personId: first,
          dependentId: null,
          kind: 'residence',
          countryCode: 'US',
          regionCode: 'US-DC',
          cityId: null,
          lat: null,
          lon: null,
          cell: null,
          preciseConsent: 0,
          arrivalOn: '2024-01-01',
          departureOn: null,
          purpose: null,
          groupId: null,
          createdAt: now,
          updatedAt: now,
        })
        .execute();
      const reasons = new Map<string, string>();
      for await (const batch of targetRecipients(db, { countries: ['US'] }, { at: new Date() }))
        for (const r of batch) reasons.set(r.personId, r.reason);
      expect(reasons.get(first)).toBe('present');
      const preview = await call('POST', '/api/v1/guidance/sends/preview', 'alerts', { area: { countries: ['US'] } });
      expect(preview.json()).toEqual({ siteStaff: staff.length });
    });

    it('reaches only the site staff of the region chosen, and refuses drafts and empty areas', async () => {
      const tokyoOnly = await call('POST', '/api/v1/guidance/sends/preview', 'alerts', {
        area: { countries: [], regions: ['US-CA'] },
      });
      expect(tokyoOnly.json()).toEqual({ siteStaff: 0 });
      const article = (await call('GET', '/api/v1/guidance/articles/robbery-and-cash')).json();
      const nobody = await call(
        'POST',
        '/api/v1/guidance/sends',
        'alerts',
        { articleId: article.id, area: { countries: [], regions: ['US-CA'] } },
        'zh-CN',
      );
      expect(nobody.statusCode).toBe(422);
      expect(nobody.json()).toMatchObject({ code: 'guidance_reaches_nobody' });
      const draft = (
        await call('POST', '/api/v1/guidance/articles', 'alerts', {
          ...ARTICLE,
          title: { 'zh-CN': '草稿', en: 'Draft to send' },
          status: 'draft',
        })
      ).json();
      const refused = await call('POST', '/api/v1/guidance/sends', 'alerts', {
        articleId: draft.id,
        area: { countries: ['US'] },
      });
      expect(refused.json()).toMatchObject({ code: 'guidance_not_published' });
      const empty = await call('POST', '/api/v1/guidance/sends/preview', 'alerts', { area: { countries: [] } });
      expect(empty.statusCode).toBe(400);
      expect(empty.json().code).toBe('area_empty');
    });
  });
});
