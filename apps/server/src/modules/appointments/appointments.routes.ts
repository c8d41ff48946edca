import {
  AppointmentScheduleBodySchema,
  AppointmentScheduleListSchema,
  AppointmentScheduleQuerySchema,
  AppointmentScheduleSchema,
  AppointmentSlotListSchema,
  AppointmentSlotsQuerySchema,
  BookAppointmentBodySchema,
  CheckInBodySchema,
  DayAppointmentSchema,
  DayScheduleQuerySchema,
  DayScheduleSchema,
  MyAppointmentListSchema,
  MyAppointmentSchema,
  RescheduleAppointmentBodySchema,
  WaitlistBodySchema,
  WaitlistEntrySchema,
  WaitlistListSchema,
} from '@homeward/shared';
import { Type } from '@sinclair/typebox';
import type { App } from '../../http/app-types.ts';
import { auditSource } from '../../http/audit-source.ts';
import { localeOf } from '../../http/problem.ts';
import { type Actor, actorOf } from '../../policy/actor.ts';
import {
  APPOINTMENT_BOOKER_ROLES,
  APPOINTMENT_DESK_ROLES,
  SCHEDULE_EDITOR_ROLES,
} from '../../policy/appointments.policy.ts';
import { PUBLIC, rolesOnly } from '../../policy/route-policy.ts';
import { checkIn, viewDaySchedule } from './appointments.desk.ts';
import { appointmentIcs } from './appointments.ics.ts';
import {
  bookAppointment,
  cancelAppointment,
  confirmHeldAppointment,
  listMyAppointments,
  listSchedules,
  listSlots,
  rescheduleAppointment,
  saveSchedule,
  viewMyAppointment,
} from './appointments.service.ts';
import { joinWaitlist, leaveWaitlist, listMyWaitlist } from './appointments.waitlist.ts';

const tags = ['appointments'];
// The role gate ran before each handler, so there is an actor; record-level rules are in appointments.policy.ts.
const signedIn = (user: Parameters<typeof actorOf>[0]): Actor => actorOf(user) as Actor;
const CITIZEN = rolesOnly(...APPOINTMENT_BOOKER_ROLES);
const DESK = rolesOnly(...APPOINTMENT_DESK_ROLES);
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const FullProblem = Type.Object(
  {
    code: Type.Literal('slot_full'),
    nextFree: Type.Array(Type.Object({ start: Type.String(), end: Type.String(), free: Type.Integer() })),
  },
  { additionalProperties: true },
);

export async function appointmentsRoutes(app: App): Promise<void> {
  const { db, config } = app.ctx;

  app.get(
    '/api/v1/appointment-schedules',
    {
      config: { policy: PUBLIC },
      schema: {
        tags,
        summary:
          'The services a mission takes appointments for, with opening hours, holidays, counters and slot length',
        querystring: AppointmentScheduleQuerySchema,
        response: { 200: AppointmentScheduleListSchema },
      },
    },
    async (request) => listSchedules(db, request.query.mission),
  );

  app.put(
    '/api/v1/appointment-schedules/:missionCode/:serviceId',
    {
      config: { policy: rolesOnly(...SCHEDULE_EDITOR_ROLES) },
      schema: {
        tags,
        summary:
          'Set a service’s opening hours, holidays, counters and slot length at a mission (its head, HQ; audited)',
        params: Type.Object({ missionCode: Type.String({ maxLength: 10 }), serviceId: Type.String({ maxLength: 60 }) }),
        body: AppointmentScheduleBodySchema,
        response: { 200: AppointmentScheduleSchema },
      },
    },
    async (request) =>
      saveSchedule(
        db,
        signedIn(request.user),
        request.params.missionCode,
        request.params.serviceId,
        request.body,
        auditSource(request),
        localeOf(request),
      ),
  );

  app.get(
    '/api/v1/appointment-slots',
    {
      config: { policy: PUBLIC },
      schema: {
        tags,
        summary: 'The future slots of one day at a mission for a service, with the seats still free',
        querystring: AppointmentSlotsQuerySchema,
        response: { 200: AppointmentSlotListSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return listSlots(db, request.query, localeOf(request));
    },
  );

  app.get(
    '/api/v1/me/appointments',
    {
      config: { policy: CITIZEN },
      schema: { tags, summary: 'My appointments, newest first', response: { 200: MyAppointmentListSchema } },
    },
    async (request) => listMyAppointments(db, signedIn(request.user)),
  );

  app.post(
    '/api/v1/me/appointments',
    {
      config: { policy: CITIZEN },
      schema: {
        tags,
        summary: 'Book a slot; 409 slot_full with the next free slots when every seat is taken',
        body: BookAppointmentBodySchema,
        response: { 201: MyAppointmentSchema, 409: FullProblem },
      },
    },
    async (request, reply) => {
      const booked = await bookAppointment(db, signedIn(request.user), request.body, localeOf(request));
      return reply.code(201).send(booked);
    },
  );

  app.get(
    '/api/v1/me/appointments/:id',
    {
      config: { policy: CITIZEN },
      schema: { tags, summary: 'One of my appointments', params: IdParams, response: { 200: MyAppointmentSchema } },
    },
    async (request) => viewMyAppointment(db, signedIn(request.user), request.params.id),
  );

  app.get(
    '/api/v1/me/appointments/:id/calendar.ics',
    {
      config: { policy: CITIZEN },
      schema: { tags, summary: 'One of my appointments as an iCalendar file', params: IdParams },
    },
    async (request, reply) => {
      const appointment = await viewMyAppointment(db, signedIn(request.user), request.params.id);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="appointment-${appointment.slotStart.slice(0, 10)}.ics"`)
        .send(appointmentIcs(appointment, localeOf(request), config.publicUrl));
    },
  );

  app.post(
    '/api/v1/me/appointments/:id/reschedule',
    {
      config: { policy: CITIZEN },
      schema: {
        tags,
        summary: 'Move my appointment to another slot; nothing changes if the new slot is full',
        params: IdParams,
        body: RescheduleAppointmentBodySchema,
        response: { 200: MyAppointmentSchema, 409: FullProblem },
      },
    },
    async (request) =>
      rescheduleAppointment(db, signedIn(request.user), request.params.id, request.body.slotStart, localeOf(request)),
  );

  app.post(
    '/api/v1/me/appointments/:id/cancel',
    {
      config: { policy: CITIZEN },
      schema: {
        tags,
        summary: 'Cancel my appointment (or decline a held seat)',
        params: IdParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await cancelAppointment(db, signedIn(request.user), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/v1/me/appointments/:id/confirm',
    {
      config: { policy: CITIZEN },
      schema: {
        tags,
        summary: 'Take a seat offered from the waitlist before the hold runs out',
        params: IdParams,
        response: { 200: MyAppointmentSchema },
      },
    },
    async (request) => confirmHeldAppointment(db, signedIn(request.user), request.params.id),
  );

  app.get(
    '/api/v1/me/appointment-waitlist',
    {
      config: { policy: CITIZEN },
      schema: { tags, summary: 'The days I am waiting for', response: { 200: WaitlistListSchema } },
    },
    async (request) => listMyWaitlist(db, signedIn(request.user)),
  );

  app.post(
    '/api/v1/me/appointment-waitlist',
    {
      config: { policy: CITIZEN },
      schema: {
        tags,
        summary: 'Wait for a seat on a day; a freed seat is held for the first person waiting',
        body: WaitlistBodySchema,
        response: { 201: WaitlistEntrySchema },
      },
    },
    async (request, reply) => {
      const entry = await joinWaitlist(db, signedIn(request.user), request.body, localeOf(request));
      return reply.code(201).send(entry);
    },
  );

  app.delete(
    '/api/v1/me/appointment-waitlist/:id',
    {
      config: { policy: CITIZEN },
      schema: { tags, summary: 'Stop waiting for a day', params: IdParams, response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      await leaveWaitlist(db, signedIn(request.user), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/appointments/day',
    {
      config: { policy: DESK },
      schema: {
        tags,
        summary: 'A mission’s appointments on one day, with names (its staff and HQ; audited)',
        querystring: DayScheduleQuerySchema,
        response: { 200: DayScheduleSchema },
      },
    },
    async (request) =>
      viewDaySchedule(db, signedIn(request.user), request.query.mission, request.query.date, auditSource(request)),
  );

  app.post(
    '/api/v1/appointments/check-in',
    {
      config: { policy: DESK },
      schema: {
        tags,
        summary: 'Check a person in by the code in their QR (scanned or typed)',
        body: CheckInBodySchema,
        response: { 200: DayAppointmentSchema },
      },
    },
    async (request) => checkIn(db, signedIn(request.user), { code: request.body.code }, auditSource(request)),
  );

  app.post(
    '/api/v1/appointments/:id/check-in',
    {
      config: { policy: DESK },
      schema: {
        tags,
        summary: 'Check a person in from the day’s list',
        params: IdParams,
        response: { 200: DayAppointmentSchema },
      },
    },
    async (request) => checkIn(db, signedIn(request.user), { id: request.params.id }, auditSource(request)),
  );
}
