import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, JSON_WRITE, signInAs } from '../../../test/support/app.ts';
import { describeEachDialect } from '../../../test/support/db.ts';
import type { Db } from '../../db/schema.ts';
import type { App } from '../../http/app-types.ts';
import type { Mailer, OutgoingMail } from '../../mail/mailer.ts';
import { DEMO_PASSWORD } from '../demo/demo.accounts.ts';
import { buildSignedInCitizens } from './appointments.fixtures.ts';
import { appointmentHandlers } from './appointments.jobs.ts';
import { localDateOf, nextDate } from './appointments.slots.ts';

const email = (name: string) => `${name}@demo.homeward.example`;
const ZONE = 'America/New_York';
const everyDay = (from: number, to: number) =>
  [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, startMinute: from * 60, endMinute: to * 60 }));

describeEachDialect('mission appointments', (getDb) => {
  let app: App;
  let db: Db;
  const cookies: Record<string, string> = {};
  let others: Array<{ id: string; cookie: string }> = [];
  // Three days ahead at the mission, so every slot of the day is in the future whenever the test runs.
  const day = localDateOf(new Date(Date.now() + 3 * 86_400_000), ZONE);
  const holiday = nextDate(day);

  beforeAll(async () => {
    app = await buildTestApp(getDb());
    db = getDb().db;
    for (const who of ['admin', 'head.us', 'officer.us', 'officer.jp', 'citizen'])
      cookies[who] = await signInAs(app, email(who), DEMO_PASSWORD);
    others = await buildSignedInCitizens(db, 3, 'appt');
    const saved = await put('US-WAS', 'visa', {
      slotMinutes: 60,
      counters: 1,
      hours: everyDay(8, 18),
      holidays: [holiday],
    });
    expect(saved.statusCode, saved.body).toBe(200);
  });
  afterAll(async () => {
    await app.close();
  });

  const as = (cookie: string | undefined) => ({ ...JSON_WRITE, cookie: cookie as string, 'accept-language': 'en' });
  const put = (mission: string, service: string, payload: Record<string, unknown>, who = 'admin') =>
    app.inject({
      method: 'PUT',
      url: `/api/v1/appointment-schedules/${mission}/${service}`,
      headers: as(cookies[who]),
      payload,
    });
  const slots = async (date: string, service = 'visa') =>
    (await app.inject({ url: `/api/v1/appointment-slots?mission=US-WAS&service=${service}&date=${date}` })).json();
  const book = (cookie: string | undefined, slotStart: string, extra: Record<string, unknown> = {}) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/me/appointments',
      headers: as(cookie),
      payload: { missionCode: 'US-WAS', serviceId: 'visa', slotStart, ...extra },
    });
  const count = async () =>
    Number(
      (
        await db
          .selectFrom('appointments')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('lets a mission head set the hours of their own mission only, and checks what is sent', async () => {
    const hours = [{ weekday: 1, startMinute: 540, endMinute: 720 }];
    const own = await put(
      'US-WAS',
      'life_certificate',
      { slotMinutes: 15, counters: 2, hours, holidays: [] },
      'head.us',
    );
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()).toMatchObject({ timeZone: ZONE, counters: 2, hours });
    const other = await put(
      'JP-TYO',
      'life_certificate',
      { slotMinutes: 15, counters: 2, hours, holidays: [] },
      'head.us',
    );
    expect(other.statusCode).toBe(404);
    const officer = await put('US-WAS', 'visa', { slotMinutes: 15, counters: 2, hours, holidays: [] }, 'officer.us');
    expect(officer.statusCode).toBe(403);
    const backwards = await put('US-WAS', 'visa', {
      slotMinutes: 15,
      counters: 2,
      hours: [{ weekday: 1, startMinute: 720, endMinute: 540 }],
      holidays: [],
    });
    expect(backwards.statusCode).toBe(422);
    expect(backwards.json().errors[0].field).toBe('/body/hours/0/endMinute');
    const unknown = await put('US-WAS', 'haircut', { slotMinutes: 15, counters: 2, hours, holidays: [] });
    expect(unknown.statusCode).toBe(422);
    const listed = (await app.inject({ url: '/api/v1/appointment-schedules?mission=US-WAS' })).json();
    expect(listed.items.map((s: { serviceId: string }) => s.serviceId)).toEqual(
      expect.arrayContaining(['visa', 'life_certificate', 'passport_renewal']),
    );
  });

  it('lists the day’s slots with free seats, and a holiday as closed', async () => {
    const list = await slots(day);
    expect(list.closed).toBeNull();
    expect(list.items).toHaveLength(10);
    expect(list.items[0]).toMatchObject({ capacity: 1, free: 1 });
    expect(localDateOf(list.items[0].start, ZONE)).toBe(day);
    expect(await slots(holiday)).toMatchObject({ closed: 'holiday', items: [] });
  });

  it('books a free slot once per person and service; refuses past, closed, holiday and full slots, changing nothing', async () => {
    const [first, second] = (await slots(day)).items;
    const booked = await book(cookies.citizen, first.start, { applicationId: 'app-123' });
    expect(booked.statusCode, booked.body).toBe(201);
    expect(booked.json()).toMatchObject({
      status: 'booked',
      slotStart: first.start,
      applicationId: 'app-123',
      missionName: { en: expect.any(String) },
      checkInCode: expect.stringMatching(/^HWA1\./),
    });
    expect((await slots(day)).items[0].free).toBe(0);
    const before = await count();

    const again = await book(cookies.citizen, second.start);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('appointment_exists');

    const full = await book(others[0]?.cookie, first.start);
    expect(full.statusCode).toBe(409);
    expect(full.json()).toMatchObject({ code: 'slot_full', title: expect.stringContaining('Someone else') });
    expect(full.json().nextFree[0]).toMatchObject({ start: second.start, free: 1 });

    const past = await book(others[0]?.cookie, new Date(Date.now() - 3_600_000).toISOString());
    expect(past.json()).toMatchObject({ status: 422, code: 'slot_in_past' });
    const offHours = await book(others[0]?.cookie, new Date(Date.parse(first.start) + 30 * 60_000).toISOString());
    expect(offHours.json()).toMatchObject({ status: 422, code: 'slot_outside_hours' });
    const onHoliday = await book(others[0]?.cookie, new Date(Date.parse(first.start) + 86_400_000).toISOString());
    expect(onHoliday.json()).toMatchObject({ status: 422, code: 'slot_on_holiday' });
    const zh = await app.inject({
      method: 'POST',
      url: '/api/v1/me/appointments',
      headers: { ...as(others[0]?.cookie), 'accept-language': 'zh-CN' },
      payload: { missionCode: 'US-WAS', serviceId: 'visa', slotStart: first.start },
    });
    expect(zh.json().title).toBe('该时段已约满，请选择其他空闲时段');
    const notHere = await book(others[0]?.cookie, first.start, { missionCode: 'JP-TYO' });
    expect(notHere.json()).toMatchObject({ status: 422, code: 'booking_not_offered' });
    expect(await count()).toBe(before);

    const staff = await book(cookies['officer.us'], second.start);
    expect(staff.statusCode).toBe(403);
  });

  it('reschedules and cancels; a freed seat is held for the first person waiting, who confirms it', async () => {
    const mine = (await app.inject({ url: '/api/v1/me/appointments', headers: as(cookies.citizen) })).json();
    const current = mine.items.find(
      (a: { serviceId: string; status: string }) => a.serviceId === 'visa' && a.status === 'booked',
    );
    const list = (await slots(day)).items;
    const target = list[3];
    const waiter = others[1];
    const joined = await app.inject({
      method: 'POST',
      url: '/api/v1/me/appointment-waitlist',
      headers: as(waiter?.cookie),
      payload: { missionCode: 'US-WAS', serviceId: 'visa', date: day },
    });
    expect(joined.statusCode, joined.body).toBe(201);
    expect(joined.json()).toMatchObject({ status: 'waiting', position: 1 });
    const twice = await app.inject({
      method: 'POST',
      url: '/api/v1/me/appointment-waitlist',
      headers: as(waiter?.cookie),
      payload: { missionCode: 'US-WAS', serviceId: 'visa', date: day },
    });
    expect(twice.json().code).toBe('waitlist_exists');

    const moved = await app.inject({
      method: 'POST',
      url: `/api/v1/me/appointments/${current.id}/reschedule`,
      headers: as(cookies.citizen),
      payload: { slotStart: target.start },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ slotStart: target.start, status: 'booked', applicationId: 'app-123' });

    // The old seat went to the person waiting, held, with a mail and an expiry job queued.
    const waiterList = (await app.inject({ url: '/api/v1/me/appointments', headers: as(waiter?.cookie) })).json();
    expect(waiterList.items).toEqual([
      expect.objectContaining({
        slotStart: current.slotStart,
        status: 'held',
        holdUntil: expect.any(String),
        checkInCode: null,
      }),
    ]);
    const held = waiterList.items[0];
    const jobs = await db
      .selectFrom('jobs')
      .select(['kind', 'runAt'])
      .where('dedupeKey', 'like', `%${held.id}`)
      .execute();
    expect(jobs.map((j) => j.kind).sort()).toEqual(['appointment.hold_expiry', 'appointment.offer']);
    expect((await slots(day)).items[0].free).toBe(0);

    const confirmed = await app.inject({
      method: 'POST',
      url: `/api/v1/me/appointments/${held.id}/confirm`,
      headers: as(waiter?.cookie),
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ status: 'booked', checkInCode: expect.stringMatching(/^HWA1\./) });

    // Rescheduling into a full slot changes nothing.
    const intoFull = await app.inject({
      method: 'POST',
      url: `/api/v1/me/appointments/${moved.json().id}/reschedule`,
      headers: as(cookies.citizen),
      payload: { slotStart: current.slotStart },
    });
    expect(intoFull.json().code).toBe('slot_full');
    const still = await app.inject({ url: `/api/v1/me/appointments/${moved.json().id}`, headers: as(cookies.citizen) });
    expect(still.json()).toMatchObject({ status: 'booked', slotStart: target.start });

    // Someone else's booking is not there for me.
    const foreign = await app.inject({
      method: 'POST',
      url: `/api/v1/me/appointments/${moved.json().id}/cancel`,
      headers: as(others[2]?.cookie),
    });
    expect(foreign.statusCode).toBe(404);
    const cancelled = await app.inject({
      method: 'POST',
      url: `/api/v1/me/appointments/${moved.json().id}/cancel`,
      headers: as(cookies.citizen),
    });
    expect(cancelled.statusCode).toBe(204);
    expect((await slots(day)).items[3].free).toBe(1);
    const afterCancel = await app.inject({
      method: 'POST',
      url: `/api/v1/me/appointments/${moved.json().id}/cancel`,
      headers: as(cookies.citizen),
    });
    expect(afterCancel.json().code).toBe('appointment_not_changeable');
  });

  it('serves an .ics file for the calendar', async () => {
    const [, , slot] = (await slots(day)).items;
    const booked = (await book(others[2]?.cookie, slot.start)).json();
    const ics = await app.inject({
      url: `/api/v1/me/appointments/${booked.id}/calendar.ics`,
      headers: as(others[2]?.cookie),
    });
    expect(ics.statusCode).toBe(200);
    expect(ics.headers['content-type']).toContain('text/calendar');
    const start = new Date(slot.start);
    const stamp = `${start.toISOString().replace(/[-:]/g, '').slice(0, 13)}`;
    expect(ics.body).toContain('BEGIN:VCALENDAR');
    expect(ics.body).toContain(`DTSTART:${stamp}`);
    expect(ics.body).toContain('Visa appointment');
    expect(ics.body).toContain(`UID:${booked.id}@homeward`);
  });

  it('shows officers their own mission’s day and checks people in by QR code or by the list, once', async () => {
    const mine = (await app.inject({ url: '/api/v1/me/appointments', headers: as(others[2]?.cookie) })).json().items[0];
    const dayView = await app.inject({
      url: `/api/v1/appointments/day?mission=US-WAS&date=${day}`,
      headers: as(cookies['officer.us']),
    });
    expect(dayView.statusCode).toBe(200);
    expect(dayView.json().items).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: mine.id, personName: 'appt 3', status: 'booked' })]),
    );
    const audited = await db
      .selectFrom('auditLog')
      .select('action')
      .where('action', '=', 'appointment.day_view')
      .execute();
    expect(audited.length).toBeGreaterThan(0);
    const elsewhere = await app.inject({
      url: `/api/v1/appointments/day?mission=US-WAS&date=${day}`,
      headers: as(cookies['officer.jp']),
    });
    expect(elsewhere.statusCode).toBe(404);

    const checkIn = (code: string, who = 'officer.us') =>
      app.inject({
        method: 'POST',
        url: '/api/v1/appointments/check-in',
        headers: as(cookies[who]),
        payload: { code },
      });
    // The appointment is three days ahead: the desk refuses it today.
    expect((await checkIn(mine.checkInCode)).json().code).toBe('check_in_not_today');
    const forged = `${mine.checkInCode.slice(0, -4)}AAAA`;
    expect((await checkIn(forged)).json()).toMatchObject({ status: 422, code: 'check_in_code_invalid' });
    expect((await checkIn(mine.checkInCode, 'officer.jp')).json().code).toBe('check_in_code_invalid');

    // Move the booking to today (a slot in the next hours, written directly) and check in by code.
    const start = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000);
    await db
      .updateTable('appointments')
      .set({ slotStart: start.toISOString(), slotEnd: new Date(start.getTime() + 3_600_000).toISOString() })
      .where('id', '=', mine.id)
      .execute();
    const today = localDateOf(new Date(), ZONE);
    if (localDateOf(start, ZONE) === today) {
      const done = await checkIn(mine.checkInCode);
      expect(done.statusCode, done.body).toBe(200);
      expect(done.json()).toMatchObject({ id: mine.id, status: 'checked_in', checkedInAt: expect.any(String) });
      expect((await checkIn(mine.checkInCode)).json().code).toBe('appointment_not_changeable');
      const byList = await app.inject({
        method: 'POST',
        url: `/api/v1/appointments/${mine.id}/check-in`,
        headers: as(cookies['officer.us']),
      });
      expect(byList.json().code).toBe('appointment_not_changeable');
    }
  });

  it('marks a booking whose slot ended unattended as a no-show when read', async () => {
    const [person] = await buildSignedInCitizens(db, 1, 'late');
    const [slot] = (await slots(day, 'visa')).items.filter((s: { free: number }) => s.free > 0);
    const booked = (await book(person?.cookie, slot.start)).json();
    await db
      .updateTable('appointments')
      .set({ slotStart: '2020-01-01T14:00:00.000Z', slotEnd: '2020-01-01T15:00:00.000Z' })
      .where('id', '=', booked.id)
      .execute();
    const list = (await app.inject({ url: '/api/v1/me/appointments', headers: as(person?.cookie) })).json();
    expect(list.items[0]).toMatchObject({ id: booked.id, status: 'no_show', checkInCode: null });
  });

  it('sends the reminder for a booking as it is, and drops one for a booking that moved or ended', async () => {
    const sent: OutgoingMail[] = [];
    const mailer: Mailer = { send: async (m) => void sent.push(m), close: () => {} };
    const handlers = appointmentHandlers(getDb().config, app.log as never, mailer);
    const [person] = await buildSignedInCitizens(db, 1, 'remind');
    const [slot] = (await slots(day)).items.filter((s: { free: number }) => s.free > 0);
    const booked = (await book(person?.cookie, slot.start)).json();
    const job = await db
      .selectFrom('jobs')
      .selectAll()
      .where('dedupeKey', '=', `appointment-reminder:${booked.id}`)
      .executeTakeFirstOrThrow();
    expect(Date.parse(job.runAt)).toBe(Date.parse(slot.start) - 86_400_000);
    const run = () =>
      handlers['appointment.reminder']({ db: getDb().db, log: app.log as never, job }, JSON.parse(job.payload));
    await run();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.subject).toContain('Reminder: Visa');
    expect(sent[0]?.text).toContain('(local time)');
    await db
      .updateTable('appointments')
      .set({ slotStart: '2099-01-01T14:00:00.000Z' })
      .where('id', '=', booked.id)
      .execute();
    await run();
    await db
      .updateTable('appointments')
      .set({ slotStart: slot.start, status: 'cancelled' })
      .where('id', '=', booked.id)
      .execute();
    await run();
    expect(sent).toHaveLength(1);
  });
});
