import type { AppointmentStatus } from '@homeward/shared';

/** Opening hours of one service at one mission (decision 0019); hours and holidays are JSON text. */
export interface AppointmentSchedulesTable {
  missionCode: string;
  serviceId: string;
  slotMinutes: number;
  counters: number;
  /** JSON [{ weekday, startMinute, endMinute }] in the mission's time zone. */
  hours: string;
  /** JSON ["YYYY-MM-DD"], local dates the counters are closed. */
  holidays: string;
  updatedBy: string | null;
  updatedAt: string;
}

/** One booking: one counter seat of one slot; cancelled rows free the seat and stay as history. */
export interface AppointmentsTable {
  id: string;
  missionCode: string;
  serviceId: string;
  slotStart: string;
  slotEnd: string;
  seat: number;
  userId: string;
  applicationId: string | null;
  status: AppointmentStatus;
  holdUntil: string | null;
  checkedInAt: string | null;
  checkedInBy: string | null;
  cancelledAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface AppointmentWaitlistTable {
  id: string;
  missionCode: string;
  serviceId: string;
  /** Local date (YYYY-MM-DD) at the mission. */
  date: string;
  userId: string;
  status: 'waiting' | 'offered' | 'left';
  createdAt: string;
  updatedAt: string;
}
