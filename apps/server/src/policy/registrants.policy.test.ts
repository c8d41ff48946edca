import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.ts';
import { canViewRegistrant, isExportReason, registrantScope } from './registrants.policy.ts';

const actor = (role: Actor['role'], missions: string[] = []): Actor => ({ id: 'u1', role, missions });
const TODAY = '2026-11-28';

describe('registrants policy', () => {
  it('gives HQ and the hotline everyone, mission staff their missions, other roles nothing', () => {
    expect(registrantScope(actor('hq_admin'))).toEqual({ all: true });
    expect(registrantScope(actor('hotline_agent'))).toEqual({ all: true });
    expect(registrantScope(actor('consular_officer', ['US-WAS']))).toEqual({ missions: ['US-WAS'] });
    expect(registrantScope(actor('mission_head', ['JP-TYO']))).toEqual({ missions: ['JP-TYO'] });
    for (const role of ['auditor', 'alert_manager', 'health_issuer', 'citizen'] as const) {
      expect(registrantScope(actor(role))).toBeNull();
    }
    expect(registrantScope(null)).toBeNull();
  });

  it('lets an officer see a person with a current or upcoming presence in their district only', () => {
    const officer = actor('consular_officer', ['US-WAS']);
    const inDistrict = { departureOn: null, missionCode: 'US-WAS' };
    const upcoming = { departureOn: '2026-12-20', missionCode: 'US-WAS' };
    const endsToday = { departureOn: TODAY, missionCode: 'US-WAS' };
    const past = { departureOn: '2026-11-27', missionCode: 'US-WAS' };
    const elsewhere = { departureOn: null, missionCode: 'JP-TYO' };
    const nowhere = { departureOn: null, missionCode: null };
    expect(canViewRegistrant(officer, [inDistrict], TODAY)).toBe(true);
    expect(canViewRegistrant(officer, [elsewhere, upcoming], TODAY)).toBe(true);
    expect(canViewRegistrant(officer, [endsToday], TODAY)).toBe(true);
    expect(canViewRegistrant(officer, [past, elsewhere], TODAY)).toBe(false);
    expect(canViewRegistrant(officer, [nowhere], TODAY)).toBe(false);
    expect(canViewRegistrant(officer, [], TODAY)).toBe(false);
    expect(canViewRegistrant(actor('hq_admin'), [], TODAY)).toBe(true);
    expect(canViewRegistrant(actor('auditor'), [inDistrict], TODAY)).toBe(false);
  });

  it('asks an export for a reason of 10 to 500 characters', () => {
    expect(isExportReason(undefined)).toBe(false);
    expect(isExportReason('   short   ')).toBe(false);
    expect(isExportReason('Flood in Virginia: call list')).toBe(true);
    expect(isExportReason('x'.repeat(500))).toBe(true);
    expect(isExportReason('x'.repeat(501))).toBe(false);
  });
});
