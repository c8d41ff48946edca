import type {
  AppointmentSchedule,
  DayAppointment,
  MyAppointment,
  OpeningWindow,
  WaitlistEntry,
} from '@homeward/shared';
import type { DayRow, MineRow, ScheduleRow, WaitlistRow } from './appointments.repo.ts';
import type { SlotSchedule } from './appointments.slots.ts';

/** Boundary: the JSON columns were written by `saveSchedule` from a schema-checked body. */
export function slotScheduleOf(row: ScheduleRow): SlotSchedule {
  return {
    timeZone: row.timeZone,
    slotMinutes: row.slotMinutes,
    counters: row.counters,
    hours: JSON.parse(row.hours) as OpeningWindow[],
    holidays: JSON.parse(row.holidays) as string[],
  };
}

export function toScheduleDto(row: ScheduleRow): AppointmentSchedule {
  const schedule = slotScheduleOf(row);
  return {
    missionCode: row.missionCode,
    serviceId: row.serviceId,
    timeZone: row.timeZone,
    slotMinutes: row.slotMinutes,
    counters: row.counters,
    hours: [...schedule.hours],
    holidays: [...schedule.holidays],
    updatedAt: row.updatedAt,
  };
}

/** The owner's view; the check-in code only while the booking can still be checked in. */
export function toMyAppointmentDto(row: MineRow, checkInCode: string | null): MyAppointment {
  return {
    id: row.id,
    missionCode: row.missionCode,
    missionName: { 'zh-CN': row.nameZh, en: row.nameEn },
    timeZone: row.timeZone,
    serviceId: row.serviceId,
    applicationId: row.applicationId,
    slotStart: row.slotStart,
    slotEnd: row.slotEnd,
    status: row.status,
    holdUntil: row.status === 'held' ? row.holdUntil : null,
    checkInCode: row.status === 'booked' ? checkInCode : null,
    checkedInAt: row.checkedInAt,
    createdAt: row.createdAt,
  };
}

/** Staff see the name the person gave and the slot, nothing else of their account. */
export function toDayAppointmentDto(row: DayRow): DayAppointment {
  return {
    id: row.id,
    serviceId: row.serviceId,
    slotStart: row.slotStart,
    slotEnd: row.slotEnd,
    seat: row.seat,
    status: row.status,
    personName: row.personName,
    applicationId: row.applicationId,
    checkedInAt: row.checkedInAt,
  };
}

export function toWaitlistDto(row: WaitlistRow, ahead: number): WaitlistEntry {
  return {
    id: row.id,
    missionCode: row.missionCode,
    serviceId: row.serviceId,
    date: row.date,
    status: row.status,
    position: ahead + 1,
    createdAt: row.createdAt,
  };
}
