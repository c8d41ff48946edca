import { ROLES, type Role } from '@homeward/shared';
import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.ts';
import { canOpenCase, canViewCase, caseListScope } from './cases.policy.ts';

const actor = (role: Role, missions: string[] = []): Actor => ({ id: `u-${role}`, role, missions });
const usCase = { missionCode: 'US-WAS', reporterUserId: 'u-citizen' };

// Written out by hand, not derived from the policy: this table is what the ministry asked for.
const EXPECTED_VIEW: Record<Role, { own: boolean; other: boolean }> = {
  hq_admin: { own: true, other: true },
  hotline_agent: { own: true, other: true },
  consular_officer: { own: true, other: false },
  mission_head: { own: true, other: false },
  alert_manager: { own: false, other: false },
  health_issuer: { own: false, other: false },
  auditor: { own: false, other: false },
  citizen: { own: true, other: false },
};

describe('canViewCase', () => {
  for (const role of ROLES) {
    it(`${role}: own scope ${EXPECTED_VIEW[role].own}, other scope ${EXPECTED_VIEW[role].other}`, () => {
      const a = actor(role, ['consular_officer', 'mission_head'].includes(role) ? ['US-WAS'] : []);
      const other =
        role === 'citizen' ? { ...usCase, reporterUserId: 'someone-else' } : { ...usCase, missionCode: 'JP-TYO' };
      expect(canViewCase(a, usCase)).toBe(EXPECTED_VIEW[role].own);
      expect(canViewCase(a, other)).toBe(EXPECTED_VIEW[role].other);
    });
  }
  it('refuses anonymous callers', () => {
    expect(canViewCase(null, usCase)).toBe(false);
  });
  it('lets an officer of two missions see both', () => {
    const a = actor('consular_officer', ['US-WAS', 'US-NYC']);
    expect(canViewCase(a, { ...usCase, missionCode: 'US-NYC' })).toBe(true);
  });
});

describe('canOpenCase and caseListScope', () => {
  it('lets HQ and the hotline open cases anywhere, mission staff only at home', () => {
    expect(canOpenCase(actor('hotline_agent'), 'JP-TYO')).toBe(true);
    expect(canOpenCase(actor('consular_officer', ['US-WAS']), 'US-WAS')).toBe(true);
    expect(canOpenCase(actor('consular_officer', ['US-WAS']), 'JP-TYO')).toBe(false);
    expect(canOpenCase(actor('citizen'), 'US-WAS')).toBe(false);
    expect(canOpenCase(actor('auditor'), 'US-WAS')).toBe(false);
    expect(canOpenCase(null, 'US-WAS')).toBe(false);
  });
  it('lists all, some missions, own reports, or nothing', () => {
    expect(caseListScope(actor('hq_admin'))).toEqual({ all: true });
    expect(caseListScope(actor('mission_head', ['JP-TYO']))).toEqual({ missions: ['JP-TYO'] });
    expect(caseListScope(actor('citizen'))).toEqual({ reporterUserId: 'u-citizen' });
    expect(caseListScope(actor('health_issuer'))).toBeNull();
    expect(caseListScope(null)).toBeNull();
  });
});
