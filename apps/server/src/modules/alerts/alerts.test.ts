import { readFileSync } from 'node:fs';
import { parseCap } from '@homeward/cap';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateWithXmllint, xmllintSkipReason } from '../../../../../packages/cap/test/xmllint.ts';
import { buildTestApp, JSON_WRITE, signInAs } from '../../../test/support/app.ts';
import { describeEachDialect } from '../../../test/support/db.ts';
import type { Db } from '../../db/schema.ts';
import type { App } from '../../http/app-types.ts';
import { DEMO_PASSWORD } from '../demo/demo.accounts.ts';
import { ALERT_RECIPIENTS_JOB, alertRecipientHandlers } from './alerts.recipients.ts';

const silent = pino({ level: 'silent' });

const email = (name: string) => `${name}@demo.homeward.example`;
// Central Tokyo, where the demo citizen is on a trip this week (Washington, their home, is far outside).
const TOKYO = {
  type: 'Polygon',
  coordinates: [
    [
      [139.5, 35.5],
      [140.0, 35.5],
      [140.0, 35.9],
      [139.5, 35.9],
      [139.5, 35.5],
    ],
  ],
};
const draft = (overrides: Record<string, unknown> = {}) => ({
  country: 'JP',
  texts: {
    en: {
      headline: 'Strong earthquake in Tokyo',
      description: 'A strong earthquake struck.',
      instruction: 'Stay away from damaged buildings.',
    },
    'zh-CN': { headline: '东京发生强烈地震', description: '东京发生强烈地震。', instruction: '请远离受损建筑。' },
  },
  category: 'Geo',
  urgency: 'Immediate',
  severity: 'Severe',
  certainty: 'Observed',
  area: { polygons: [TOKYO] },
  checkin: true,
  ...overrides,
});
const xmllintSkip = xmllintSkipReason();

describeEachDialect('safety alerts', (getDb) => {
  let app: App;
  let db: Db;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    app = await buildTestApp(getDb());
    db = getDb().db;
    for (const who of ['admin', 'alerts', 'alerts2', 'agent', 'citizen', 'auditor'])
      cookies[who] = await signInAs(app, email(who), DEMO_PASSWORD);
  });
  afterAll(async () => {
    await app.close();
  });

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, who: string, payload?: unknown, lang = 'en') =>
    app.inject({
      method,
      url,
      headers: { ...JSON_WRITE, cookie: cookies[who] as string, 'accept-language': lang },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  async function publish(body = draft()): Promise<string> {
    const created = await call('POST', '/api/v1/alerts', 'alerts', body);
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const submitted = await call('POST', `/api/v1/alerts/${id}/submit`, 'alerts', { confirmEmptyArea: true });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const approved = await call('POST', `/api/v1/alerts/${id}/approve`, 'alerts2');
    expect(approved.statusCode, approved.body).toBe(200);
    // The recipients are fixed by a job after the approval commits (decision 0025); a worker would run it now.
    await alertRecipientHandlers()[ALERT_RECIPIENTS_JOB]({ db, log: silent, job: {} as never }, { alertId: id }); // boundary: no job field is read
    return id;
  }

  it('refuses an alert without any language, and a bad area with its own code and pointer', async () => {
    const none = await call('POST', '/api/v1/alerts', 'alerts', draft({ texts: {} }), 'zh-CN');
    expect(none.statusCode).toBe(422);
    expect(none.json()).toMatchObject({ code: 'alert_language_required', title: '请至少用一种语言填写标题和内容' });
    const open = {
      type: 'Polygon',
      coordinates: [
        [
          [139.5, 35.5],
          [140, 35.5],
          [140, 35.9],
          [139.5, 35.9],
        ],
      ],
    };
    const bad = await call('POST', '/api/v1/alerts', 'alerts', draft({ area: { polygons: [open] } }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toMatch(/^\/area\/polygons\/0/);
    const empty = await call('POST', '/api/v1/alerts', 'alerts', draft({ area: {} }));
    expect(empty.json().code).toBe('area_empty');
  });

  it('wants a second alert manager to approve, and a confirmation for an area that reaches nobody', async () => {
    const nowhere = {
      polygons: [
        {
          type: 'Polygon',
          coordinates: [
            [
              [-30, -50],
              [-29, -50],
              [-29, -49],
              [-30, -49],
              [-30, -50],
            ],
          ],
        },
      ],
    };
    const created = await call('POST', '/api/v1/alerts', 'alerts', draft({ area: nowhere }));
    const id = created.json().id;
    expect(created.json()).toMatchObject({ status: 'draft', createdBy: { name: expect.stringContaining('Alert') } });
    const unconfirmed = await call('POST', `/api/v1/alerts/${id}/submit`, 'alerts', {});
    expect(unconfirmed.statusCode).toBe(409);
    expect(unconfirmed.json().code).toBe('alert_reaches_nobody');
    const submitted = await call('POST', `/api/v1/alerts/${id}/submit`, 'alerts', { confirmEmptyArea: true });
    expect(submitted.json()).toMatchObject({ status: 'pending', reachAtSubmit: 0, emptyAreaConfirmed: true });
    const self = await call('POST', `/api/v1/alerts/${id}/approve`, 'alerts');
    expect(self.statusCode).toBe(403);
    expect(self.json().code).toBe('alert_four_eyes');
    const agent = await call('POST', `/api/v1/alerts/${id}/approve`, 'agent');
    expect(agent.statusCode).toBe(403);
    const edit = await call('PUT', `/api/v1/alerts/${id}`, 'alerts', draft());
    expect(edit.json().code).toBe('alert_state');
    const approved = await call('POST', `/api/v1/alerts/${id}/approve`, 'alerts2');
    expect(approved.json()).toMatchObject({
      status: 'published',
      approvedBy: { name: expect.stringContaining('Reviewer') },
    });
    const again = await call('POST', `/api/v1/alerts/${id}/approve`, 'admin');
    expect(again.json().code).toBe('alert_state');
  });

  it('publishes to the people in the area in the same transaction as the notification and the CAP message', async () => {
    const reach = await call('POST', '/api/v1/targeting/count', 'alerts', { area: { polygons: [TOKYO] } });
    const id = await publish();
    const alert = (await call('GET', `/api/v1/alerts/${id}`, 'agent')).json();
    expect(alert).toMatchObject({
      status: 'published',
      recipients: reach.json().total,
      capUrl: `/api/v1/alerts/${id}.cap`,
    });
    expect(alert.messages).toEqual([expect.objectContaining({ msgType: 'Alert' })]);
    const message = await db
      .selectFrom('notificationMessages')
      .selectAll()
      .where('sourceKind', '=', 'alert')
      .where('sourceId', '=', id)
      .executeTakeFirstOrThrow();
    expect(message.checkin).toBe(1);
    expect(JSON.parse(message.content).en).toMatchObject({ title: 'Strong earthquake in Tokyo', url: `/alerts/${id}` });
    const citizen = await call('GET', '/api/v1/alerts/received', 'citizen', undefined, 'zh-CN');
    expect(citizen.json().items.map((a: { id: string }) => a.id)).toContain(id);
    // In the language the reader uses in the app.
    expect(citizen.json().items.find((a: { id: string }) => a.id === id)).toMatchObject({
      language: 'zh-CN',
      headline: '东京发生强烈地震',
      checkin: true,
      answer: null,
    });
    const listed = await call('GET', '/api/v1/alerts?q=tokyo&status=published', 'alerts');
    expect(listed.json().items.map((a: { id: string }) => a.id)).toContain(id);
  });

  it('serves each CAP message at a stable URL with an ETag, and a country feed; update and cancel reference it', async () => {
    const id = await publish();
    const first = await app.inject({ method: 'GET', url: `/api/v1/alerts/${id}.cap` });
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('application/cap+xml; charset=utf-8');
    const etag = first.headers.etag as string;
    expect((await app.inject({ url: `/api/v1/alerts/${id}.cap`, headers: { 'if-none-match': etag } })).statusCode).toBe(
      304,
    );
    const [parsed] = parseCap(first.body);
    expect(parsed).toMatchObject({ msgType: 'Alert', status: 'Actual', scope: 'Public', references: [] });
    expect(parsed?.info.map((i) => i.language)).toEqual(['en', 'zh-CN']);
    expect(parsed?.info[0]?.area[0]?.polygon[0]).toMatch(/^35\.5,139\.5 35\.5,140 /);

    const updated = await call('POST', `/api/v1/alerts/${id}/update`, 'alerts2', {
      texts: { en: { headline: 'Aftershocks in Tokyo', description: 'Aftershocks expected.', instruction: '' } },
      urgency: 'Expected',
      severity: 'Moderate',
      certainty: 'Likely',
    });
    expect(updated.statusCode, updated.body).toBe(200);
    const second = await app.inject({ url: `/api/v1/alerts/${id}.cap`, headers: { 'if-none-match': etag } });
    expect(second.statusCode).toBe(200);
    const [update] = parseCap(second.body);
    expect(update).toMatchObject({
      msgType: 'Update',
      references: [{ identifier: parsed?.identifier, sent: parsed?.sent }],
    });

    const cancelled = await call('POST', `/api/v1/alerts/${id}/cancel`, 'alerts', { reason: 'The danger is over' });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelReason: 'The danger is over' });
    const third = await app.inject({ url: `/api/v1/alerts/${id}.cap` });
    const [cancel] = parseCap(third.body);
    expect(cancel?.msgType).toBe('Cancel');
    expect(cancel?.references.map((r) => r.identifier)).toEqual([parsed?.identifier, update?.identifier]);
    const updates = await db
      .selectFrom('notificationMessages')
      .select('sourceKind')
      .where('sourceKind', '=', 'alert_message')
      .where('sourceId', 'in', [update?.identifier ?? '', cancel?.identifier ?? ''])
      .execute();
    expect(updates).toHaveLength(2);

    const feed = await app.inject({ url: '/api/v1/alerts/feeds/JP.atom' });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    expect(feed.body).toContain(`/api/v1/alerts/${id}.cap`);
    expect(feed.body).toContain('Cancel: Aftershocks in Tokyo');
    expect(
      (
        await app.inject({
          url: '/api/v1/alerts/feeds/JP.atom',
          headers: { 'if-none-match': feed.headers.etag as string },
        })
      ).statusCode,
    ).toBe(304);
    expect((await app.inject({ url: '/api/v1/alerts/feeds/NO.atom' })).body).not.toContain('<entry>');
    const draftOnly = (await call('POST', '/api/v1/alerts', 'alerts', draft())).json();
    expect((await app.inject({ url: `/api/v1/alerts/${draftOnly.id}.cap` })).statusCode).toBe(404);
  });

  it.skipIf(Boolean(xmllintSkip))(
    'emits CAP that passes xmllint --schema against the official XSD, every message',
    async () => {
      const id = await publish(
        draft({
          texts: { 'zh-CN': { headline: '<紧急> & "提醒"', description: '内容 & more', instruction: '' } },
          area: {
            countries: ['JP'],
            regions: ['JP-13'],
            circles: [{ lat: 35.68, lon: 139.76, radiusKm: 12.5 }],
            polygons: [TOKYO],
          },
          expires: new Date(Date.now() + 86_400_000).toISOString(),
          effective: new Date().toISOString(),
        }),
      );
      await call('POST', `/api/v1/alerts/${id}/update`, 'alerts', {
        texts: { en: { headline: 'Update', description: 'Still dangerous.', instruction: 'Stay in.' } },
        urgency: 'Expected',
        severity: 'Moderate',
        certainty: 'Likely',
      });
      await call('POST', `/api/v1/alerts/${id}/cancel`, 'alerts', { reason: 'over' });
      const rows = await db.selectFrom('alertMessages').select(['id', 'alertId']).execute();
      const docs = [];
      for (const row of rows) {
        const { emitCap } = await import('@homeward/cap');
        const cap = await db
          .selectFrom('alertMessages')
          .select('cap')
          .where('id', '=', row.id)
          .executeTakeFirstOrThrow();
        docs.push({ name: row.id, xml: emitCap(JSON.parse(cap.cap)) });
      }
      docs.push({ name: 'served', xml: (await app.inject({ url: `/api/v1/alerts/${id}.cap` })).body });
      expect(docs.length).toBeGreaterThan(3);
      expect(validateWithXmllint(docs)).toBe('');
    },
  );

  describe('check-ins', () => {
    it('records one tap from the app, last answer wins, history kept, and the tally counts it', async () => {
      const id = await publish();
      const safe = await call('POST', `/api/v1/alerts/${id}/checkin`, 'citizen', { answer: 'safe' });
      expect(safe.statusCode, safe.body).toBe(200);
      expect(safe.json()).toMatchObject({ answer: 'safe', caseNumber: null, language: 'zh-CN' });
      const again = await call('POST', `/api/v1/alerts/${id}/checkin`, 'citizen', { answer: 'safe' });
      expect(again.statusCode).toBe(200);
      const tally = (await call('GET', `/api/v1/alerts/${id}/checkins`, 'agent')).json();
      expect(tally).toMatchObject({ safe: 1, needHelp: 0 });
      expect(tally.unanswered).toBe(tally.recipients - 1);
      const view = (await call('GET', `/api/v1/alerts/${id}/public`, 'citizen')).json();
      expect(view).toMatchObject({ answer: 'safe', checkin: true });
      const anonymous = (
        await app.inject({ url: `/api/v1/alerts/${id}/public`, headers: { 'accept-language': 'en' } })
      ).json();
      expect(anonymous).toMatchObject({ headline: 'Strong earthquake in Tokyo', checkin: false, answer: null });
      const history = await db.selectFrom('checkinAnswers').select('answer').where('alertId', '=', id).execute();
      expect(history).toHaveLength(2);
    });

    it('opens one help case for "need help" through a signed link, with the place, and refuses an expired link', async () => {
      const id = await publish();
      const person = await db
        .selectFrom('persons as p')
        .innerJoin('users as u', 'u.id', 'p.userId')
        .select('p.id')
        .where('u.email', '=', email('citizen'))
        .executeTakeFirstOrThrow();
      const { checkinLinkSigner } = await import('../checkins/checkins.links.ts');
      const links = (await checkinLinkSigner(db, app.ctx.config))(id, person.id);
      const token = decodeURIComponent(links.needHelp.split('/')[2]?.split('?')[0] ?? '');
      const landing = await app.inject({ url: `/api/v1/checkins/${token}`, headers: { 'accept-language': 'en' } });
      expect(landing.json(), landing.body).toMatchObject({ alertId: id, answer: null, language: 'zh-CN' });
      const help = await app.inject({
        method: 'POST',
        url: `/api/v1/checkins/${token}`,
        headers: JSON_WRITE,
        payload: { answer: 'need_help', lat: 35.6812, lon: 139.7671, note: 'Trapped on the 3rd floor' },
      });
      expect(help.statusCode, help.body).toBe(200);
      const number = help.json().caseNumber;
      expect(number).toMatch(/^HW-\d{4}-\d{6}$/);
      const kase = await db.selectFrom('cases').selectAll().where('number', '=', number).executeTakeFirstOrThrow();
      expect(kase).toMatchObject({ source: 'checkin', missionCode: 'JP-TYO', priority: 'P1', locationLat: 35.6812 });
      const twice = await app.inject({
        method: 'POST',
        url: `/api/v1/checkins/${token}`,
        headers: JSON_WRITE,
        payload: { answer: 'need_help' },
      });
      expect(twice.json().caseNumber).toBe(number);
      const tally = (await call('GET', `/api/v1/alerts/${id}/checkins`, 'alerts')).json();
      expect(tally).toMatchObject({ needHelp: 1, points: [{ lat: 35.68, lon: 139.77, answer: 'need_help' }] });

      const expired = (await checkinLinkSigner(db, app.ctx.config, { now: new Date(Date.now() - 20 * 86_400_000) }))(
        id,
        person.id,
      );
      const oldToken = decodeURIComponent(expired.safe.split('/')[2]?.split('?')[0] ?? '');
      const gone = await app.inject({ url: `/api/v1/checkins/${oldToken}`, headers: { 'accept-language': 'zh-CN' } });
      expect(gone.statusCode).toBe(410);
      expect(gone.json()).toMatchObject({ code: 'checkin_link_expired', title: expect.stringContaining('已过期') });
      const forged = await app.inject({ url: `/api/v1/checkins/${token.slice(0, -2)}xx` });
      expect(forged.statusCode).toBe(404);
    });

    it('refuses a check-in from someone the alert did not reach', async () => {
      const far = {
        polygons: [
          {
            type: 'Polygon',
            coordinates: [
              [
                [-30, -50],
                [-29, -50],
                [-29, -49],
                [-30, -49],
                [-30, -50],
              ],
            ],
          },
        ],
      };
      const id = await publish(draft({ area: far }));
      const answer = await call('POST', `/api/v1/alerts/${id}/checkin`, 'citizen', { answer: 'safe' });
      expect(answer.statusCode).toBe(404);
      expect(
        (await call('GET', '/api/v1/alerts/received', 'citizen')).json().items.map((a: { id: string }) => a.id),
      ).not.toContain(id);
    });

    it('reminds the unanswered through the notifications module and exports them as audited CSV', async () => {
      const id = await publish();
      await call('POST', `/api/v1/alerts/${id}/checkin`, 'citizen', { answer: 'safe' });
      const safePerson = (
        await db.selectFrom('checkinAnswers').select('personId').where('alertId', '=', id).executeTakeFirstOrThrow()
      ).personId;
      const tally = (await call('GET', `/api/v1/alerts/${id}/checkins`, 'alerts')).json();
      const reminded = await call('POST', `/api/v1/alerts/${id}/checkins/reminders`, 'alerts');
      expect(reminded.json()).toEqual({ reminded: tally.unanswered });
      if (tally.unanswered > 0) {
        const sent = await db
          .selectFrom('notificationMessages')
          .selectAll()
          .where('sourceKind', '=', 'checkin_reminder')
          .execute();
        expect(sent.length).toBeGreaterThan(0);
        expect((await call('GET', `/api/v1/alerts/${id}/checkins`, 'alerts')).json().reminded).toBe(tally.unanswered);
      }
      const csv = await call('GET', `/api/v1/alerts/${id}/checkins/unaccounted.csv`, 'alerts');
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      const lines = csv.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(lines[0]).toBe(
        'person_id,family_name,given_name,native_name,dependent_of,phone,email,reason,reminders,reminded_at',
      );
      expect(lines).toHaveLength(tally.unanswered + 1);
      expect(csv.body).not.toContain(safePerson);
      const audit = await db
        .selectFrom('auditLog')
        .selectAll()
        .where('action', '=', 'alert.unaccounted_export')
        .where('recordId', '=', id)
        .execute();
      expect(audit).toHaveLength(1);
      expect((await call('GET', `/api/v1/alerts/${id}/checkins/unaccounted.csv`, 'agent')).statusCode).toBe(403);
    });
  });

  describe('incoming CAP', () => {
    it('keeps an uploaded CAP alert as a signal with the same area, once, and refuses what is not CAP 1.2', async () => {
      const xml = readFileSync(
        new URL('../../../../../packages/cap/test/fixtures/alerts/spec-a2-severe-thunderstorm.xml', import.meta.url),
        'utf8',
      );
      const first = await call('POST', '/api/v1/alerts/signals', 'alerts', { xml });
      expect(first.statusCode, first.body).toBe(201);
      const [signal] = first.json().items;
      expect(signal).toMatchObject({ origin: 'upload', alertId: null });
      const again = await call('POST', '/api/v1/alerts/signals', 'alerts', { xml });
      expect(again.json().items[0].id).toBe(signal.id);
      const list = (await call('GET', '/api/v1/alerts/signals', 'alerts')).json();
      expect(list.items.filter((s: { id: string }) => s.id === signal.id)).toHaveLength(1);
      expect(signal.area?.polygons?.length).toBeGreaterThan(0);
      {
        const body = { ...draft(), ...signal.draft, country: signal.draft.country ?? 'US' };
        const made = await call('POST', '/api/v1/alerts', 'alerts', body);
        expect(made.statusCode, made.body).toBe(201);
        expect(made.json().area.polygons).toEqual(signal.area.polygons);
        expect((await call('GET', `/api/v1/alerts/signals/${signal.id}`, 'alerts')).json().alertId).toBe(
          made.json().id,
        );
      }
      const bad = await call('POST', '/api/v1/alerts/signals', 'alerts', { xml: '<alert>not cap</alert>' }, 'zh-CN');
      expect(bad.statusCode).toBe(422);
      expect(bad.json()).toMatchObject({ code: 'cap_invalid', title: '此文件不是有效的 CAP 1.2 预警' });
      expect((await call('GET', '/api/v1/alerts/signals', 'agent')).statusCode).toBe(403);
    });
  });
});
