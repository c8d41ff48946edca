import type { Role } from '@homeward/shared';
import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.ts';
import { canChangeAppointment, canEditSchedule, canWorkAppointmentDesk } from './appointments.policy.ts';

const actor = (role: Role, missions: string[] = [], id = 'u1'): Actor => ({ id, role, missions });

describe('appointments policy', () => {
  it('lets HQ and the mission’s own head set opening hours', () => {
    expect(canEditSchedule(actor('hq_admin'), 'JP-TYO')).toBe(true);
    expect(canEditSchedule(actor('mission_head', ['US-WAS']), 'US-WAS')).toBe(true);
    expect(canEditSchedule(actor('mission_head', ['US-WAS']), 'JP-TYO')).toBe(false);
    expect(canEditSchedule(actor('consular_officer', ['US-WAS']), 'US-WAS')).toBe(false);
    for (const role of ['hotline_agent', 'alert_manager', 'health_issuer', 'auditor', 'citizen'] as Role[])
      expect(canEditSchedule(actor(role, ['US-WAS']), 'US-WAS'), role).toBe(false);
    expect(canEditSchedule(null, 'US-WAS')).toBe(false);
  });

  it('shows a day’s schedule only to the mission’s staff and HQ', () => {
    expect(canWorkAppointmentDesk(actor('hq_admin'), 'US-WAS')).toBe(true);
    expect(canWorkAppointmentDesk(actor('consular_officer', ['US-WAS']), 'US-WAS')).toBe(true);
    expect(canWorkAppointmentDesk(actor('consular_officer', ['US-WAS']), 'JP-TYO')).toBe(false);
    expect(canWorkAppointmentDesk(actor('mission_head', ['JP-TYO']), 'JP-TYO')).toBe(true);
    for (const role of ['hotline_agent', 'alert_manager', 'health_issuer', 'auditor', 'citizen'] as Role[])
      expect(canWorkAppointmentDesk(actor(role, ['US-WAS']), 'US-WAS'), role).toBe(false);
  });

  it('lets a citizen change only their own booking', () => {
    expect(canChangeAppointment(actor('citizen', [], 'me'), { userId: 'me' })).toBe(true);
    expect(canChangeAppointment(actor('citizen', [], 'me'), { userId: 'other' })).toBe(false);
    expect(canChangeAppointment(actor('hq_admin', [], 'me'), { userId: 'me' })).toBe(false);
    expect(canChangeAppointment(null, { userId: 'me' })).toBe(false);
  });
});
