import type { OpeningWindow } from '@homeward/shared';
import { isoNow } from '../../clock.ts';
import type { Db } from '../../db/schema.ts';
import { findMissionCodes } from '../missions/missions.repo.ts';
import { listSchedulesOf, upsertSchedule } from './appointments.repo.ts';

const weekdays = (...windows: Array<[number, number]>): OpeningWindow[] =>
  [1, 2, 3, 4, 5].flatMap((weekday) =>
    windows.map(([from, to]) => ({ weekday, startMinute: from * 60, endMinute: to * 60 })),
  );

interface DemoSchedule {
  missionCode: string;
  serviceId: string;
  slotMinutes: number;
  counters: number;
  hours: OpeningWindow[];
  holidays: string[];
}

// Written for the demo: plausible counter hours with a lunch break, local public holidays of 2026–2027.
const US_HOLIDAYS = ['2026-12-25', '2027-01-01', '2027-01-18'];
const JP_HOLIDAYS = ['2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-11'];
const DEMO_SCHEDULES: readonly DemoSchedule[] = [
  {
    missionCode: 'US-WAS',
    serviceId: 'passport_renewal',
    slotMinutes: 20,
    counters: 3,
    hours: weekdays([9, 12], [14, 17]),
    holidays: US_HOLIDAYS,
  },
  {
    missionCode: 'US-WAS',
    serviceId: 'notarisation_legalisation',
    slotMinutes: 30,
    counters: 2,
    hours: weekdays([9, 12]),
    holidays: US_HOLIDAYS,
  },
  {
    missionCode: 'US-WAS',
    serviceId: 'life_certificate',
    slotMinutes: 15,
    counters: 1,
    hours: weekdays([14, 16]),
    holidays: US_HOLIDAYS,
  },
  {
    missionCode: 'US-WAS',
    serviceId: 'visa',
    slotMinutes: 15,
    counters: 4,
    hours: weekdays([9, 11.5]),
    holidays: US_HOLIDAYS,
  },
  {
    missionCode: 'JP-TYO',
    serviceId: 'passport_renewal',
    slotMinutes: 30,
    counters: 2,
    hours: weekdays([9, 11.5], [13.5, 16]),
    holidays: JP_HOLIDAYS,
  },
  {
    missionCode: 'JP-TYO',
    serviceId: 'emergency_travel_document',
    slotMinutes: 30,
    counters: 1,
    hours: weekdays([9, 16]),
    holidays: JP_HOLIDAYS,
  },
  {
    missionCode: 'JP-TYO',
    serviceId: 'birth_registration',
    slotMinutes: 30,
    counters: 1,
    hours: weekdays([13.5, 16]),
    holidays: JP_HOLIDAYS,
  },
];

/**
 * Opening hours for the demo missions' appointment services. A mission whose schedules exist already (edited
 * by its head, or seeded before) is left as it is; missions of another sending state are skipped.
 */
export async function seedDemoAppointmentSchedules(db: Db, now: Date = new Date()): Promise<number> {
  const known = new Set(await findMissionCodes(db, [...new Set(DEMO_SCHEDULES.map((s) => s.missionCode))]));
  let added = 0;
  for (const missionCode of known) {
    if ((await listSchedulesOf(db, missionCode)).length > 0) continue;
    for (const s of DEMO_SCHEDULES.filter((d) => d.missionCode === missionCode)) {
      await upsertSchedule(db, {
        missionCode,
        serviceId: s.serviceId,
        slotMinutes: s.slotMinutes,
        counters: s.counters,
        hours: JSON.stringify(s.hours),
        holidays: JSON.stringify(s.holidays),
        updatedBy: null,
        updatedAt: isoNow(now),
      });
      added++;
    }
  }
  return added;
}
