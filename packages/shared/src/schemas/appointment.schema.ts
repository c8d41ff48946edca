import { type Static, Type } from '@sinclair/typebox';

/**
 * Mission appointments (issue 8, item 3; decision 0019). A schedule per mission and service says when the
 * counters are open; slots are computed from it, a booking holds one counter seat of one slot.
 * GLOSSARY: 预约 / appointment, 候补 / waitlist, 签到 / check-in, 爽约 / no-show.
 */

/** The catalogue's service ids (issue 8, item 1). The server checks an id against the catalogue in one place. */
export const APPOINTMENT_SERVICE_IDS = [
  'passport_renewal',
  'emergency_travel_document',
  'life_certificate',
  'birth_registration',
  'notarisation_legalisation',
  'visa',
] as const;

export const APPOINTMENT_STATUSES = ['held', 'booked', 'checked_in', 'no_show', 'cancelled'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

const MissionCode = Type.String({ pattern: '^[A-Z]{2}-[A-Z]{3}$' });
const ServiceId = Type.String({ pattern: '^[a-z_]{2,60}$' });
const LocalDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'a date in the mission’s time zone' });
const Instant = Type.String({ format: 'date-time' });
const Status = Type.Union(APPOINTMENT_STATUSES.map((s) => Type.Literal(s)));

/** One opening window on a weekday, in minutes after local midnight (09:00 = 540). */
export const OpeningWindowSchema = Type.Object(
  {
    weekday: Type.Integer({ minimum: 1, maximum: 7, description: 'ISO weekday, 1 = Monday … 7 = Sunday' }),
    startMinute: Type.Integer({ minimum: 0, maximum: 1439 }),
    endMinute: Type.Integer({ minimum: 1, maximum: 1440 }),
  },
  { additionalProperties: false },
);
export type OpeningWindow = Static<typeof OpeningWindowSchema>;

export const AppointmentScheduleBodySchema = Type.Object(
  {
    slotMinutes: Type.Integer({ minimum: 5, maximum: 240 }),
    counters: Type.Integer({ minimum: 1, maximum: 50, description: 'people served at the same time per slot' }),
    hours: Type.Array(OpeningWindowSchema, { maxItems: 21 }),
    holidays: Type.Array(LocalDate, { maxItems: 366 }),
  },
  { additionalProperties: false },
);
export type AppointmentScheduleBody = Static<typeof AppointmentScheduleBodySchema>;

export const AppointmentScheduleSchema = Type.Composite([
  Type.Object({ missionCode: Type.String(), serviceId: Type.String(), timeZone: Type.String() }),
  AppointmentScheduleBodySchema,
  Type.Object({ updatedAt: Type.String() }),
]);
export type AppointmentSchedule = Static<typeof AppointmentScheduleSchema>;

export const AppointmentScheduleListSchema = Type.Object({ items: Type.Array(AppointmentScheduleSchema) });
export type AppointmentScheduleList = Static<typeof AppointmentScheduleListSchema>;

export const AppointmentScheduleQuerySchema = Type.Object({ mission: MissionCode }, { additionalProperties: false });

export const AppointmentSlotSchema = Type.Object({
  start: Type.String(),
  end: Type.String(),
  /** Counter seats still free. */
  free: Type.Integer(),
  capacity: Type.Integer(),
});
export type AppointmentSlot = Static<typeof AppointmentSlotSchema>;

export const AppointmentSlotsQuerySchema = Type.Object(
  { mission: MissionCode, service: ServiceId, date: LocalDate },
  { additionalProperties: false },
);
export type AppointmentSlotsQuery = Static<typeof AppointmentSlotsQuerySchema>;

export const AppointmentSlotListSchema = Type.Object({
  missionCode: Type.String(),
  serviceId: Type.String(),
  date: Type.String(),
  timeZone: Type.String(),
  /** Why the day has no slots: a holiday or a day the counters are closed; null when it has some. */
  closed: Type.Union([Type.Literal('holiday'), Type.Literal('closed'), Type.Null()]),
  items: Type.Array(AppointmentSlotSchema),
});
export type AppointmentSlotList = Static<typeof AppointmentSlotListSchema>;

export const BookAppointmentBodySchema = Type.Object(
  {
    missionCode: MissionCode,
    serviceId: ServiceId,
    slotStart: Instant,
    applicationId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' })),
  },
  { additionalProperties: false },
);
export type BookAppointmentBody = Static<typeof BookAppointmentBodySchema>;

export const RescheduleAppointmentBodySchema = Type.Object({ slotStart: Instant }, { additionalProperties: false });

/** A booking as its owner sees it, with the check-in code for the QR. */
export const MyAppointmentSchema = Type.Object({
  id: Type.String(),
  missionCode: Type.String(),
  missionName: Type.Object({ 'zh-CN': Type.String(), en: Type.String() }),
  timeZone: Type.String(),
  serviceId: Type.String(),
  applicationId: Type.Union([Type.String(), Type.Null()]),
  slotStart: Type.String(),
  slotEnd: Type.String(),
  status: Status,
  /** Until when a seat offered from the waitlist is held for the person (status held). */
  holdUntil: Type.Union([Type.String(), Type.Null()]),
  checkInCode: Type.Union([Type.String(), Type.Null()]),
  checkedInAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});
export type MyAppointment = Static<typeof MyAppointmentSchema>;

export const MyAppointmentListSchema = Type.Object({ items: Type.Array(MyAppointmentSchema) });
export type MyAppointmentList = Static<typeof MyAppointmentListSchema>;

export const WaitlistBodySchema = Type.Object(
  { missionCode: MissionCode, serviceId: ServiceId, date: LocalDate },
  { additionalProperties: false },
);
export type WaitlistBody = Static<typeof WaitlistBodySchema>;

export const WaitlistEntrySchema = Type.Object({
  id: Type.String(),
  missionCode: Type.String(),
  serviceId: Type.String(),
  date: Type.String(),
  status: Type.Union([Type.Literal('waiting'), Type.Literal('offered'), Type.Literal('left')]),
  /** Place in the queue for that day (1 = offered the next freed seat). */
  position: Type.Integer(),
  createdAt: Type.String(),
});
export type WaitlistEntry = Static<typeof WaitlistEntrySchema>;
export const WaitlistListSchema = Type.Object({ items: Type.Array(WaitlistEntrySchema) });
export type WaitlistList = Static<typeof WaitlistListSchema>;

/** One line of a mission's day schedule (officers). */
export const DayAppointmentSchema = Type.Object({
  id: Type.String(),
  serviceId: Type.String(),
  slotStart: Type.String(),
  slotEnd: Type.String(),
  seat: Type.Integer(),
  status: Status,
  personName: Type.String(),
  applicationId: Type.Union([Type.String(), Type.Null()]),
  checkedInAt: Type.Union([Type.String(), Type.Null()]),
});
export type DayAppointment = Static<typeof DayAppointmentSchema>;

export const DayScheduleQuerySchema = Type.Object(
  { mission: MissionCode, date: LocalDate },
  { additionalProperties: false },
);
export const DayScheduleSchema = Type.Object({
  missionCode: Type.String(),
  date: Type.String(),
  timeZone: Type.String(),
  items: Type.Array(DayAppointmentSchema),
});
export type DaySchedule = Static<typeof DayScheduleSchema>;

export const CheckInBodySchema = Type.Object(
  { code: Type.String({ minLength: 10, maxLength: 200 }) },
  { additionalProperties: false },
);
