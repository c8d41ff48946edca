import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, JSON_WRITE, signInAs } from '../../../test/support/app.ts';
import { describeEachDialect } from '../../../test/support/db.ts';
import type { App } from '../../http/app-types.ts';
import { ProblemError } from '../../http/problem.ts';
import type { Mailer, OutgoingMail } from '../../mail/mailer.ts';
import type { Actor } from '../../policy/actor.ts';
import { localDateOf, nextDate } from '../appointments/appointments.slots.ts';
import { DEMO_PASSWORD } from '../demo/demo.accounts.ts';
import { allocateCampaign, runAllocationJob } from './campaigns.allocation.ts';
import { certifyDose } from './campaigns.certificate.ts';
import { campaignCheckInCode } from './campaigns.check-in-code.ts';
import {
  cancelMyRegistration,
  listMyCampaigns,
  listMyDoses,
  myCheckInCode,
  registerForCampaign,
} from './campaigns.citizen.ts';
import { checkInByCode, recordDose } from './campaigns.desk.ts';
import { buildRegisteredCitizens, campaignBody, sourceOf, staffActor, WASHINGTON_SITE } from './campaigns.fixtures.ts';
import { campaignHandlers } from './campaigns.jobs.ts';
import { addSession, addSite, changeCampaignStatus, createCampaign } from './campaigns.service.ts';

const ZONE = 'America/New_York';

async function problemOf(promise: Promise<unknown>): Promise<{ status: number; code: string; reason?: unknown }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProblemError)
      return { status: error.status, code: error.code, reason: error.extensions?.reason };
    throw error;
  }
  throw new Error('expected a problem, got success');
}

describeEachDialect('campaigns', (getDb) => {
  let app: App;
  let hq: Actor;
  let officer: Actor;
  let officerJp: Actor;
  let issuer: Actor;
  const now = new Date();
  const tomorrow = nextDate(localDateOf(now, ZONE));

  beforeAll(async () => {
    app = await buildTestApp(getDb());
    const { db } = getDb();
    hq = await staffActor(db, 'admin@demo.homeward.example');
    officer = await staffActor(db, 'officer.us@demo.homeward.example');
    officerJp = await staffActor(db, 'officer.jp@demo.homeward.example');
    issuer = await staffActor(db, 'health@demo.homeward.example');
  });
  afterAll(async () => {
    await app.close();
  });

  /** An open campaign with one Washington site and one session tomorrow of `slots` × `perSlot` seats. */
  async function openCampaign(options: {
    slots: number;
    perSlot: number;
    allocation?: 'priority' | 'first_come';
    date?: string;
  }) {
    const { db } = getDb();
    const campaign = await createCampaign(
      db,
      hq,
      campaignBody(now, { allocation: options.allocation ?? 'priority' }),
      sourceOf(hq),
      'en',
    );
    const site = await addSite(db, hq, campaign.id, WASHINGTON_SITE, sourceOf(hq), 'en');
    const end = 9 * 60 + options.slots * 15;
    await addSession(
      db,
      hq,
      campaign.id,
      site.id,
      {
        date: options.date ?? tomorrow,
        startTime: '09:00',
        endTime: `${String(Math.floor(end / 60)).padStart(2, '0')}:${String(end % 60).padStart(2, '0')}`,
        slotMinutes: 15,
        capacityPerSlot: options.perSlot,
      },
      sourceOf(hq),
      'en',
    );
    await changeCampaignStatus(db, hq, campaign.id, 'open', sourceOf(hq));
    return { campaignId: campaign.id, siteId: site.id };
  }

  describe('registration', () => {
    it('registers an eligible citizen once, and refuses the ineligible, the second and the late, saving nothing', async () => {
      const { db } = getDb();
      const { campaignId, siteId } = await openCampaign({ slots: 2, perSlot: 1 });
      const [us] = await buildRegisteredCitizens(db, 1, { country: 'US', label: 'elig-us' });
      const [fr] = await buildRegisteredCitizens(db, 1, { country: 'FR', label: 'elig-fr' });
      const [young] = await buildRegisteredCitizens(db, 1, { birthDate: '2015-01-01', label: 'elig-young' });
      const [unknownAge] = await buildRegisteredCitizens(db, 1, { birthDate: null, label: 'elig-noage' });
      if (!us || !fr || !young || !unknownAge) throw new Error('fixtures');

      const mine = await registerForCampaign(
        db,
        us.actor,
        campaignId,
        { priorityGroup: 'carers', preferredSiteId: siteId },
        'en',
      );
      expect(mine).toMatchObject({
        status: 'waiting',
        priorityGroup: 'carers',
        preferredSiteId: siteId,
        allocation: null,
      });
      expect(await problemOf(registerForCampaign(db, us.actor, campaignId, {}, 'en'))).toMatchObject({
        status: 409,
        code: 'already_registered',
      });
      expect(await problemOf(registerForCampaign(db, fr.actor, campaignId, {}, 'en'))).toEqual({
        status: 422,
        code: 'not_eligible',
        reason: 'country',
      });
      expect(await problemOf(registerForCampaign(db, young.actor, campaignId, {}, 'en'))).toEqual({
        status: 422,
        code: 'not_eligible',
        reason: 'too_young',
      });
      expect(await problemOf(registerForCampaign(db, unknownAge.actor, campaignId, {}, 'en'))).toMatchObject({
        status: 422,
        code: 'birth_date_required',
      });
      expect(
        await problemOf(registerForCampaign(db, unknownAge.actor, campaignId, { priorityGroup: 'nobody' }, 'en')),
      ).toMatchObject({ status: 422, code: 'birth_date_required' });
      // With the birth date, the same person registers, and the registry learns the date.
      await registerForCampaign(
        db,
        unknownAge.actor,
        campaignId,
        { birthDate: '1950-02-03', priorityGroup: 'elderly' },
        'en',
      );
      const person = await db
        .selectFrom('persons')
        .select('birthDate')
        .where('id', '=', unknownAge.personId)
        .executeTakeFirst();
      expect(person?.birthDate).toBe('1950-02-03');
      // An unknown group or another campaign's site is named as the field at fault.
      const [other] = await buildRegisteredCitizens(db, 1, { label: 'elig-field' });
      if (!other) throw new Error('fixtures');
      expect(
        await problemOf(registerForCampaign(db, other.actor, campaignId, { priorityGroup: 'vip' }, 'en')),
      ).toMatchObject({
        status: 422,
        code: 'validation_failed',
      });
      // After closing, nobody registers; nothing was saved for any refusal.
      await changeCampaignStatus(db, hq, campaignId, 'closed', sourceOf(hq));
      expect(await problemOf(registerForCampaign(db, other.actor, campaignId, {}, 'en'))).toMatchObject({
        status: 422,
        code: 'registration_closed',
      });
      const rows = await db
        .selectFrom('campaignRegistrations')
        .select('personId')
        .where('campaignId', '=', campaignId)
        .execute();
      expect(rows.map((r) => r.personId).sort()).toEqual([us.personId, unknownAge.personId].sort());
    });

    it('answers over HTTP with localized problems and replays an Idempotency-Key', async () => {
      const { db } = getDb();
      const { campaignId } = await openCampaign({ slots: 1, perSlot: 1 });
      const [citizen] = await buildRegisteredCitizens(db, 1, { label: 'http' });
      if (!citizen) throw new Error('fixtures');
      const post = (key: string, language = 'en') =>
        app.inject({
          method: 'POST',
          url: `/api/v1/me/campaigns/${campaignId}/registrations`,
          headers: { ...JSON_WRITE, cookie: citizen.cookie, 'idempotency-key': key, 'accept-language': language },
          payload: { priorityGroup: 'elderly' },
        });
      const first = await post('k-1');
      expect(first.statusCode, first.body).toBe(201);
      const replay = await post('k-1');
      expect(replay.statusCode).toBe(201);
      expect(replay.json().id).toBe(first.json().id);
      const again = await post('k-2', 'zh-CN');
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ code: 'already_registered', title: '您已登记参加该活动' });
      const list = await app.inject({ url: '/api/v1/me/campaigns', headers: { cookie: citizen.cookie } });
      const item = list.json().items.find((c: { id: string }) => c.id === campaignId);
      expect(item).toMatchObject({ eligible: true, registrationOpen: true, myRegistration: { id: first.json().id } });
    });
  });

  describe('allocation', () => {
    it('gives seats by priority rank, then registration time, when demand exceeds supply', async () => {
      const { db } = getDb();
      const { campaignId } = await openCampaign({ slots: 3, perSlot: 1 });
      const people = await buildRegisteredCitizens(db, 5, { label: 'prio' });
      // Registration order: none, carers, elderly, none, elderly.
      const groups = [null, 'carers', 'elderly', null, 'elderly'];
      const ids: string[] = [];
      for (const [i, p] of people.entries()) {
        const at = new Date(now.getTime() + i * 1000);
        ids.push(
          (await registerForCampaign(db, p.actor, campaignId, { priorityGroup: groups[i] ?? null }, 'en', at)).id,
        );
      }
      expect(await allocateCampaign(db, campaignId, now)).toEqual({ considered: 5, allocated: 3, waiting: 2 });
      const rows = await db
        .selectFrom('campaignRegistrations as r')
        .leftJoin('campaignSeats as s', 's.registrationId', 'r.id')
        .select(['r.id', 'r.status', 's.slotStart'])
        .where('r.campaignId', '=', campaignId)
        .execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      // The two elderly (in registration order) take the first two slots, the carer the third; the rest wait.
      const [none1, carer, elderly1, none2, elderly2] = ids.map((id) => byId.get(id));
      expect([elderly1?.status, elderly2?.status, carer?.status]).toEqual(['allocated', 'allocated', 'allocated']);
      expect([none1?.status, none2?.status]).toEqual(['waiting', 'waiting']);
      const order = [elderly1, elderly2, carer].map((r) => r?.slotStart ?? '');
      expect([...order].sort()).toEqual(order);
      // Run again: nothing left to give.
      expect(await allocateCampaign(db, campaignId, now)).toEqual({ considered: 2, allocated: 0, waiting: 2 });
    });

    it('never gives a seat twice nor a person two seats when allocations run at the same time', async () => {
      const { db } = getDb();
      const { campaignId } = await openCampaign({ slots: 4, perSlot: 3 });
      const people = await buildRegisteredCitizens(db, 30, { label: 'race' });
      const registrationOf = new Map<string, string>();
      for (const p of people) {
        registrationOf.set(p.actor.id, (await registerForCampaign(db, p.actor, campaignId, {}, 'en', now)).id);
      }
      const runs = await Promise.all([1, 2, 3].map(() => allocateCampaign(db, campaignId, now)));
      expect(runs.reduce((n, r) => n + r.allocated, 0)).toBe(12);
      const seats = await db
        .selectFrom('campaignSeats')
        .select(['sessionId', 'slotStart', 'seat', 'registrationId'])
        .where('campaignId', '=', campaignId)
        .execute();
      expect(seats).toHaveLength(12);
      expect(new Set(seats.map((s) => `${s.sessionId}|${s.slotStart}|${s.seat}`)).size).toBe(12);
      expect(new Set(seats.map((s) => s.registrationId)).size).toBe(12);
      expect(seats.every((s) => s.seat >= 1 && s.seat <= 3)).toBe(true);
      const allocated = await db
        .selectFrom('campaignRegistrations')
        .select('id')
        .where('campaignId', '=', campaignId)
        .where('status', '=', 'allocated')
        .execute();
      expect(allocated.map((r) => r.id).sort()).toEqual(seats.map((s) => s.registrationId).sort());
      // A cancelled place frees its seat for the next person waiting, and the count stays at capacity.
      const owner = people.find((p) => seats.some((s) => s.registrationId === registrationOf.get(p.actor.id)));
      const cancelledId = registrationOf.get(owner?.actor.id ?? '');
      if (!owner || !cancelledId) throw new Error('no seated person');
      await cancelMyRegistration(db, owner.actor, cancelledId);
      expect(await allocateCampaign(db, campaignId, now)).toMatchObject({ allocated: 1 });
      const after = await db
        .selectFrom('campaignSeats')
        .select('registrationId')
        .where('campaignId', '=', campaignId)
        .execute();
      expect(after).toHaveLength(12);
      expect(after.map((s) => s.registrationId)).not.toContain(cancelledId);
    }, 60_000);

    it('allocates a first-come campaign through the job queued by the registration, and reminds the day before', async () => {
      const { db } = getDb();
      const { campaignId } = await openCampaign({ slots: 1, perSlot: 1, allocation: 'first_come' });
      const [p] = await buildRegisteredCitizens(db, 1, { label: 'firstcome' });
      if (!p) throw new Error('fixtures');
      const mine = await registerForCampaign(db, p.actor, campaignId, {}, 'en');
      const job = await db
        .selectFrom('jobs')
        .select(['kind', 'payload'])
        .where('kind', '=', 'campaign.allocate')
        .where('payload', 'like', `%${campaignId}%`)
        .executeTakeFirstOrThrow();
      await runAllocationJob(db, JSON.parse(job.payload) as { campaignId: string; runId: null });
      const seat = await db
        .selectFrom('campaignSeats')
        .selectAll()
        .where('registrationId', '=', mine.id)
        .executeTakeFirst();
      expect(seat?.seat).toBe(1);
      const reminder = await db
        .selectFrom('jobs')
        .select(['runAt'])
        .where('kind', '=', 'campaign.reminder')
        .where('dedupeKey', '=', `campaign-reminder:${mine.id}`)
        .executeTakeFirst();
      if (reminder) expect(Date.parse(reminder.runAt)).toBe(Date.parse(seat?.slotStart ?? '') - 24 * 3_600_000);
      else expect(Date.parse(seat?.slotStart ?? '') - 24 * 3_600_000).toBeLessThanOrEqual(Date.now());
      const message = await db
        .selectFrom('notificationMessages')
        .select('id')
        .where('sourceKind', '=', 'campaign_allocation')
        .where('sourceId', '=', mine.id)
        .executeTakeFirst();
      expect(message).toBeDefined();
    });
  });

  describe('reminders', () => {
    it('reminds by e-mail and in the app a day before the place, and drops the reminder of a cancelled place', async () => {
      const { db, config } = getDb();
      const inThreeDays = nextDate(nextDate(tomorrow));
      const { campaignId } = await openCampaign({ slots: 1, perSlot: 1, date: inThreeDays });
      const [p] = await buildRegisteredCitizens(db, 1, { label: 'remind' });
      if (!p) throw new Error('fixtures');
      const mine = await registerForCampaign(db, p.actor, campaignId, {}, 'en', now);
      await allocateCampaign(db, campaignId, now);
      const seat = await db
        .selectFrom('campaignSeats')
        .selectAll()
        .where('registrationId', '=', mine.id)
        .executeTakeFirstOrThrow();
      const job = await db
        .selectFrom('jobs')
        .selectAll()
        .where('dedupeKey', '=', `campaign-reminder:${mine.id}`)
        .executeTakeFirstOrThrow();
      expect(Date.parse(job.runAt)).toBe(Date.parse(seat.slotStart) - 24 * 3_600_000);
      const sent: OutgoingMail[] = [];
      const mailer: Mailer = { send: async (m) => void sent.push(m), close: () => {} };
      const handlers = campaignHandlers(config, app.log as never, mailer);
      const run = () =>
        handlers['campaign.reminder']({ db, log: app.log as never, job }, JSON.parse(job.payload) as unknown);
      await run();
      expect(sent).toHaveLength(1);
      expect(sent[0]?.subject).toContain('Reminder: Test vaccination');
      expect(sent[0]?.text).toContain('Embassy in Washington');
      expect(sent[0]?.text).toContain('(local time)');
      const inApp = await db
        .selectFrom('notificationMessages')
        .select('id')
        .where('sourceKind', '=', 'campaign_reminder')
        .where('sourceId', 'like', `${mine.id}:%`)
        .execute();
      expect(inApp).toHaveLength(1);
      await cancelMyRegistration(db, p.actor, mine.id);
      await run();
      expect(sent).toHaveLength(1);
    });
  });

  describe('check-in, doses and certificates', () => {
    it('checks in by a genuine code only, records the dose, shows it to the citizen and certifies it once', async () => {
      const { db, config } = getDb();
      const { campaignId } = await openCampaign({ slots: 2, perSlot: 1 });
      const [p, waiting] = await buildRegisteredCitizens(db, 2, { label: 'desk' });
      if (!p || !waiting) throw new Error('fixtures');
      const mine = await registerForCampaign(db, p.actor, campaignId, {}, 'en', now);
      await allocateCampaign(db, campaignId, now);
      const { code, expiresAt, svg } = await myCheckInCode(db, p.actor, mine.id);
      expect(svg).toContain('<svg');
      const seat = await db
        .selectFrom('campaignSeats')
        .selectAll()
        .where('registrationId', '=', mine.id)
        .executeTakeFirstOrThrow();
      const atSlot = new Date(seat.slotStart);
      expect(Date.parse(expiresAt)).toBeGreaterThan(atSlot.getTime());

      // Forged (the MAC of another code, an altered id), another mission's officer, the wrong day, an expired code.
      const [prefix, id, expiry, mac] = code.split('.');
      const forged = `${prefix}.${id?.replace(/.$/, (c) => (c === '0' ? '1' : '0'))}.${expiry}.${mac}`;
      expect(await problemOf(checkInByCode(db, officer, forged, sourceOf(officer), atSlot))).toMatchObject({
        status: 422,
        code: 'check_in_code_invalid',
      });
      expect(await problemOf(checkInByCode(db, officer, 'HWC1.garbage', sourceOf(officer), atSlot))).toMatchObject({
        code: 'check_in_code_invalid',
      });
      expect(await problemOf(checkInByCode(db, officerJp, code, sourceOf(officerJp), atSlot))).toMatchObject({
        status: 422,
        code: 'check_in_code_invalid',
      });
      expect(
        await problemOf(checkInByCode(db, officer, code, sourceOf(officer), new Date(atSlot.getTime() - 86_400_000))),
      ).toMatchObject({ status: 422, code: 'check_in_not_today' });
      const stale = await campaignCheckInCode(db, mine.id, new Date(atSlot.getTime() - 60_000));
      expect(await problemOf(checkInByCode(db, officer, stale, sourceOf(officer), atSlot))).toMatchObject({
        status: 422,
        code: 'check_in_code_expired',
      });
      expect(await problemOf(checkInByCode(db, officer, code, sourceOf(officer), new Date(expiresAt)))).toMatchObject({
        code: 'check_in_code_expired',
      });

      const checked = await checkInByCode(db, officer, code, sourceOf(officer), atSlot);
      expect(checked).toMatchObject({ id: mine.id, status: 'checked_in', personName: 'TEST PERSON A' });
      expect(await problemOf(checkInByCode(db, officer, code, sourceOf(officer), atSlot))).toMatchObject({
        status: 409,
        code: 'campaign_registration_not_changeable',
      });

      // A dose for someone without a place (registered, still waiting) is refused; nothing is saved.
      const other = await registerForCampaign(
        db,
        waiting.actor,
        campaignId,
        { preferredSiteId: seat.siteId },
        'en',
        now,
      );
      await db.updateTable('campaignRegistrations').set({ status: 'waiting' }).where('id', '=', other.id).execute();
      await db.deleteFrom('campaignSeats').where('registrationId', '=', other.id).execute();
      // Given today (the slot is tomorrow: the desk may record a dose given before its place, never a future one).
      const dose = {
        product: 'BBIBP-CorV',
        lotNumber: 'bj2026a17',
        doseNumber: 1,
        administeredOn: localDateOf(now, ZONE),
      };
      expect(
        await problemOf(
          recordDose(
            db,
            officer,
            mine.id,
            { ...dose, administeredOn: nextDate(tomorrow) },
            sourceOf(officer),
            'en',
            atSlot,
          ),
        ),
      ).toMatchObject({ status: 422, code: 'dates_invalid' });
      expect(await problemOf(recordDose(db, officer, other.id, dose, sourceOf(officer), 'en', atSlot))).toMatchObject({
        status: 422,
        code: 'not_registered',
      });
      expect(
        await db.selectFrom('campaignDoses').select('id').where('registrationId', '=', other.id).execute(),
      ).toEqual([]);
      // Another mission's officer does not see the registration at all.
      expect(
        await problemOf(recordDose(db, officerJp, mine.id, dose, sourceOf(officerJp), 'en', atSlot)),
      ).toMatchObject({
        status: 404,
      });

      const recorded = await recordDose(db, officer, mine.id, dose, sourceOf(officer), 'en', atSlot);
      expect(recorded).toMatchObject({ doseNumber: 1, lotNumber: 'BJ2026A17', certificateId: null });
      const doses = await listMyDoses(db, p.actor);
      expect(doses.items).toEqual([
        expect.objectContaining({
          id: recorded.id,
          product: 'BBIBP-CorV',
          dosesRequired: 2,
          administeredOn: dose.administeredOn,
        }),
      ]);
      const registration = await db
        .selectFrom('campaignRegistrations')
        .select('status')
        .where('id', '=', mine.id)
        .executeTakeFirst();
      expect(registration?.status).toBe('completed');

      // The health issuer's certificate carries the dose, in the person's wallet; a second is refused.
      {
        const certificate = await certifyDose(db, config, issuer, recorded.id, sourceOf(issuer));
        expect(certificate).toMatchObject({ type: 'v', personId: p.personId });
        expect(certificate.entry).toMatchObject({ mp: 'BBIBP-CorV', dn: 1, sd: 2, dt: dose.administeredOn, co: 'US' });
        expect(await problemOf(certifyDose(db, config, issuer, recorded.id, sourceOf(issuer)))).toMatchObject({
          status: 409,
          code: 'certificate_exists',
        });
        expect((await listMyDoses(db, p.actor)).items[0]?.certificateId).toBe(certificate.id);
      }
      expect(await problemOf(certifyDose(db, config, officer, recorded.id, sourceOf(officer)))).toMatchObject({
        status: 403,
      });
      const audit = await db.selectFrom('auditLog').select('action').where('recordId', '=', mine.id).execute();
      expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['campaign.check_in', 'campaign.dose_record']));
    });
  });

  describe('a vaccine series', () => {
    it('opens the next dose after the first, then says the series is complete and refuses another registration', async () => {
      const { db } = getDb();
      const { campaignId } = await openCampaign({ slots: 4, perSlot: 1 });
      const [p] = await buildRegisteredCitizens(db, 1, { label: 'series' });
      if (!p) throw new Error('fixtures');
      const doseAtDesk = async (doseNumber: number) => {
        const mine = await registerForCampaign(db, p.actor, campaignId, {}, 'en', now);
        await allocateCampaign(db, campaignId, now);
        const { code } = await myCheckInCode(db, p.actor, mine.id);
        const seat = await db
          .selectFrom('campaignSeats')
          .select('slotStart')
          .where('registrationId', '=', mine.id)
          .executeTakeFirstOrThrow();
        const atSlot = new Date(seat.slotStart);
        await checkInByCode(db, officer, code, sourceOf(officer), atSlot);
        const dose = {
          product: 'BBIBP-CorV',
          lotNumber: 'bj2026a17',
          doseNumber,
          administeredOn: localDateOf(now, ZONE),
        };
        await recordDose(db, officer, mine.id, dose, sourceOf(officer), 'en', atSlot);
      };
      const campaign = async () => (await listMyCampaigns(db, p.actor, now)).items.find((c) => c.id === campaignId);
      await doseAtDesk(1);
      expect(await campaign()).toMatchObject({ eligible: true, ineligibleReason: null });
      await doseAtDesk(2);
      expect(await campaign()).toMatchObject({ eligible: false, ineligibleReason: 'series_complete' });
      expect(await problemOf(registerForCampaign(db, p.actor, campaignId, {}, 'en', now))).toMatchObject({
        status: 422,
        code: 'not_eligible',
      });
      const active = await db
        .selectFrom('campaignRegistrations')
        .select('status')
        .where('personId', '=', p.personId)
        .where('campaignId', '=', campaignId)
        .execute();
      expect(active.map((r) => r.status)).toEqual(['completed', 'completed']);
    });
  });

  describe('progress', () => {
    it('counts registrations, seats, check-ins and doses per country, site and day', async () => {
      const { db } = getDb();
      const { campaignId, siteId } = await openCampaign({ slots: 2, perSlot: 2 });
      const people = await buildRegisteredCitizens(db, 5, { label: 'progress' });
      for (const p of people) await registerForCampaign(db, p.actor, campaignId, {}, 'en', now);
      await allocateCampaign(db, campaignId, now);
      const response = await app.inject({
        url: `/api/v1/campaigns/${campaignId}/progress`,
        headers: { cookie: await signInAs(app, 'admin@demo.homeward.example', DEMO_PASSWORD) },
      });
      expect(response.statusCode, response.body).toBe(200);
      const progress = response.json();
      expect(progress.byCountry.find((c: { country: string }) => c.country === 'US')).toMatchObject({
        registered: 5,
        allocated: 4,
        checkedIn: 0,
        doses: 0,
      });
      expect(progress.bySite).toEqual([expect.objectContaining({ siteId, capacity: 4, allocated: 4 })]);
      expect(progress.byDay).toEqual([]);
    });
  });
});
