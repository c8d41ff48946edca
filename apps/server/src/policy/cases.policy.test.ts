import { ROLES, type Role } from '@homeward/shared';
import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.ts';
import {
  canAnnotateCase,
  canCreateIncident,
  canEditIncident,
  canManageCase,
  canMergeCases,
  canMessageCase,
  canOpenCase,
  canViewCase,
  canViewIncident,
  caseListScope,
} from './cases.policy.ts';

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

const staffOf = (role: Role) => actor(role, ['consular_officer', 'mission_head'].includes(role) ? ['US-WAS'] : []);
const jpCase = { missionCode: 'JP-TYO', reporterUserId: 'someone-else' };

// Who works a case, writes internal notes, and writes to the person: by hand, per role, own mission / other.
const EXPECTED_WORK: Record<
  Role,
  { manage: [boolean, boolean]; annotate: [boolean, boolean]; message: [boolean, boolean] }
> = {
  hq_admin: { manage: [true, true], annotate: [true, true], message: [true, true] },
  hotline_agent: { manage: [false, false], annotate: [true, true], message: [false, false] },
  consular_officer: { manage: [true, false], annotate: [true, false], message: [true, false] },
  mission_head: { manage: [true, false], annotate: [true, false], message: [true, false] },
  alert_manager: { manage: [false, false], annotate: [false, false], message: [false, false] },
  health_issuer: { manage: [false, false], annotate: [false, false], message: [false, false] },
  auditor: { manage: [false, false], annotate: [false, false], message: [false, false] },
  citizen: { manage: [false, false], annotate: [false, false], message: [true, false] },
};

describe('working a case', () => {
  for (const role of ROLES) {
    it(`${role}: manage ${EXPECTED_WORK[role].manage}, notes ${EXPECTED_WORK[role].annotate}, messages ${EXPECTED_WORK[role].message}`, () => {
      const a = staffOf(role);
      expect([canManageCase(a, usCase), canManageCase(a, jpCase)]).toEqual(EXPECTED_WORK[role].manage);
      expect([canAnnotateCase(a, usCase), canAnnotateCase(a, jpCase)]).toEqual(EXPECTED_WORK[role].annotate);
      expect([canMessageCase(a, usCase), canMessageCase(a, jpCase)]).toEqual(EXPECTED_WORK[role].message);
    });
  }
  it('refuses everything to nobody', () => {
    expect(canManageCase(null, usCase) || canAnnotateCase(null, usCase) || canMessageCase(null, usCase)).toBe(false);
  });
});

describe('canMergeCases', () => {
  const nyCase = { missionCode: 'US-NYC', reporterUserId: null };
  const otherUs = { missionCode: 'US-WAS', reporterUserId: null };
  it('lets mission staff merge within their mission only', () => {
    const officer = staffOf('consular_officer');
    expect(canMergeCases(officer, usCase, otherUs)).toBe(true);
    expect(canMergeCases(officer, usCase, nyCase)).toBe(false);
    expect(canMergeCases(actor('consular_officer', ['US-WAS', 'US-NYC']), usCase, nyCase)).toBe(false);
  });
  it('lets headquarters merge across missions, and nobody else', () => {
    expect(canMergeCases(staffOf('hq_admin'), usCase, nyCase)).toBe(true);
    expect(canMergeCases(staffOf('hotline_agent'), usCase, otherUs)).toBe(false);
    expect(canMergeCases(staffOf('citizen'), usCase, otherUs)).toBe(false);
  });
});

describe('incidents', () => {
  const quake = { countries: ['TR'] };
  const none = { missionCountries: [] as string[], hasOwnCases: false };
  it('are declared by headquarters and mission staff', () => {
    const expected: Record<Role, boolean> = {
      hq_admin: true,
      hotline_agent: false,
      consular_officer: true,
      mission_head: true,
      alert_manager: false,
      health_issuer: false,
      auditor: false,
      citizen: false,
    };
    for (const role of ROLES) expect(canCreateIncident(staffOf(role)), role).toBe(expected[role]);
  });
  it('are seen by HQ and the hotline everywhere, by mission staff where they cover a country or hold a case', () => {
    expect(canViewIncident(staffOf('hq_admin'), quake, none)).toBe(true);
    expect(canViewIncident(staffOf('hotline_agent'), quake, none)).toBe(true);
    const officer = staffOf('consular_officer');
    expect(canViewIncident(officer, quake, none)).toBe(false);
    expect(canViewIncident(officer, quake, { missionCountries: ['TR'], hasOwnCases: false })).toBe(true);
    expect(canViewIncident(officer, quake, { missionCountries: ['US'], hasOwnCases: true })).toBe(true);
    expect(canViewIncident(staffOf('citizen'), quake, { missionCountries: ['TR'], hasOwnCases: true })).toBe(false);
  });
  it('are edited by HQ and mission staff who see them, not by the hotline', () => {
    expect(canEditIncident(staffOf('hq_admin'), quake, none)).toBe(true);
    expect(canEditIncident(staffOf('hotline_agent'), quake, none)).toBe(false);
    expect(canEditIncident(staffOf('mission_head'), quake, { missionCountries: ['TR'], hasOwnCases: false })).toBe(
      true,
    );
    expect(canEditIncident(staffOf('mission_head'), quake, none)).toBe(false);
  });
});
