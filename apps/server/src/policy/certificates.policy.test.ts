import type { Role } from '@homeward/shared';
import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.ts';
import {
  canIssueCertificate,
  canListCertificates,
  canRevokeCertificate,
  canRotateSigner,
  canViewCertificate,
} from './certificates.policy.ts';

const ROLES: Role[] = [
  'citizen',
  'hq_admin',
  'hotline_agent',
  'consular_officer',
  'mission_head',
  'alert_manager',
  'health_issuer',
  'auditor',
];
const actor = (role: Role, id = `user-${role}`): Actor => ({ id, role, missions: [] });
const allowed = (decide: (a: Actor) => boolean) => ROLES.filter((role) => decide(actor(role)));

describe('certificates policy', () => {
  it('lets only health issuers issue', () => {
    expect(allowed(canIssueCertificate)).toEqual(['health_issuer']);
    expect(canIssueCertificate(null)).toBe(false);
  });

  it('lets health issuers and HQ list and revoke, and only HQ rotate the signer', () => {
    expect(allowed(canListCertificates)).toEqual(['hq_admin', 'health_issuer']);
    expect(allowed(canRevokeCertificate)).toEqual(['hq_admin', 'health_issuer']);
    expect(allowed(canRotateSigner)).toEqual(['hq_admin']);
    for (const decide of [canListCertificates, canRevokeCertificate, canRotateSigner]) expect(decide(null)).toBe(false);
  });

  it('shows a citizen only the certificates of their own registered person', () => {
    const citizen = actor('citizen', 'u1');
    expect(canViewCertificate(citizen, { holderUserId: 'u1' })).toBe(true);
    expect(canViewCertificate(citizen, { holderUserId: 'u2' })).toBe(false);
    expect(canViewCertificate(citizen, { holderUserId: null })).toBe(false);
    expect(canViewCertificate(null, { holderUserId: null })).toBe(false);
  });

  it('shows issuers and HQ every certificate and other staff none, even one “held” by their own id', () => {
    for (const role of ROLES.filter((r) => r !== 'citizen')) {
      const staff = actor(role);
      const expected = role === 'health_issuer' || role === 'hq_admin';
      expect(canViewCertificate(staff, { holderUserId: staff.id })).toBe(expected);
      expect(canViewCertificate(staff, { holderUserId: null })).toBe(expected);
    }
  });
});
