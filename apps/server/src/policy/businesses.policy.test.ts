import type { Role } from '@homeward/shared';
import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.ts';
import { canManageOrganisation, canViewEnterpriseSite, enterpriseScope } from './businesses.policy.ts';

const actor = (role: Role, id = 'u1', missions: string[] = []): Actor => ({ id, role, missions });

describe('canManageOrganisation', () => {
  it('lets the owning citizen manage it', () => {
    expect(canManageOrganisation(actor('citizen', 'u1'), { ownerUserId: 'u1' })).toBe(true);
  });
  it('refuses another citizen, an organisation without owner, staff and anonymous', () => {
    expect(canManageOrganisation(actor('citizen', 'u2'), { ownerUserId: 'u1' })).toBe(false);
    expect(canManageOrganisation(actor('citizen', 'u1'), { ownerUserId: null })).toBe(false);
    expect(canManageOrganisation(actor('hq_admin', 'u1'), { ownerUserId: 'u1' })).toBe(false);
    expect(canManageOrganisation(null, { ownerUserId: 'u1' })).toBe(false);
  });
});

describe('enterpriseScope', () => {
  it('shows everything to HQ and the hotline', () => {
    expect(enterpriseScope(actor('hq_admin'))).toEqual({ all: true });
    expect(enterpriseScope(actor('hotline_agent'))).toEqual({ all: true });
  });
  it('limits mission staff to their missions', () => {
    expect(enterpriseScope(actor('consular_officer', 'o', ['US-WAS']))).toEqual({ missions: ['US-WAS'] });
    expect(enterpriseScope(actor('mission_head', 'h', ['JP-TYO']))).toEqual({ missions: ['JP-TYO'] });
  });
  it('shows nothing to the other roles', () => {
    for (const role of ['alert_manager', 'health_issuer', 'auditor', 'citizen'] as const) {
      expect(enterpriseScope(actor(role))).toBeNull();
    }
    expect(enterpriseScope(null)).toBeNull();
  });
});

describe('canViewEnterpriseSite', () => {
  it('follows the answering mission for mission staff', () => {
    const officer = actor('consular_officer', 'o', ['US-WAS']);
    expect(canViewEnterpriseSite(officer, 'US-WAS')).toBe(true);
    expect(canViewEnterpriseSite(officer, 'JP-TYO')).toBe(false);
    expect(canViewEnterpriseSite(officer, null)).toBe(false);
  });
  it('lets HQ see a site no mission answers for, and refuses others', () => {
    expect(canViewEnterpriseSite(actor('hq_admin'), null)).toBe(true);
    expect(canViewEnterpriseSite(actor('auditor'), 'US-WAS')).toBe(false);
  });
});
