import type { Role } from '@homeward/shared';
import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.ts';
import {
  canAssessOrganisation,
  canEditGuidance,
  canReadGuidanceArticle,
  canSendGuidance,
  canViewEnterpriseAssessment,
} from './guidance.policy.ts';

const actor = (role: Role, missions: string[] = [], id = 'u1'): Actor => ({ id, role, missions });
const OTHERS: Role[] = ['consular_officer', 'mission_head', 'hotline_agent', 'health_issuer', 'auditor', 'citizen'];

describe('guidance policy', () => {
  it('lets HQ and alert managers write and send guidance, nobody else', () => {
    for (const role of ['hq_admin', 'alert_manager'] as const) {
      expect(canEditGuidance(actor(role)), role).toBe(true);
      expect(canSendGuidance(actor(role)), role).toBe(true);
    }
    for (const role of OTHERS) {
      expect(canEditGuidance(actor(role, ['US-WAS'])), role).toBe(false);
      expect(canSendGuidance(actor(role, ['US-WAS'])), role).toBe(false);
    }
    expect(canEditGuidance(null)).toBe(false);
  });

  it('shows a published article to anyone and a draft to editors only', () => {
    expect(canReadGuidanceArticle(null, { status: 'published' })).toBe(true);
    expect(canReadGuidanceArticle(null, { status: 'draft' })).toBe(false);
    expect(canReadGuidanceArticle(actor('citizen'), { status: 'draft' })).toBe(false);
    expect(canReadGuidanceArticle(actor('alert_manager'), { status: 'draft' })).toBe(true);
  });

  it('lets only the citizen who manages an organisation assess it', () => {
    expect(canAssessOrganisation(actor('citizen', [], 'owner'), { ownerUserId: 'owner' })).toBe(true);
    expect(canAssessOrganisation(actor('citizen', [], 'someone'), { ownerUserId: 'owner' })).toBe(false);
    expect(canAssessOrganisation(actor('hq_admin', [], 'owner'), { ownerUserId: 'owner' })).toBe(false);
    expect(canAssessOrganisation(null, { ownerUserId: 'owner' })).toBe(false);
  });

  it('shows an enterprise score where the site itself may be seen', () => {
    expect(canViewEnterpriseAssessment(actor('hq_admin'), 'JP-TYO')).toBe(true);
    expect(canViewEnterpriseAssessment(actor('consular_officer', ['US-WAS']), 'US-WAS')).toBe(true);
    expect(canViewEnterpriseAssessment(actor('consular_officer', ['US-WAS']), 'JP-TYO')).toBe(false);
    expect(canViewEnterpriseAssessment(actor('alert_manager'), 'US-WAS')).toBe(false);
    expect(canViewEnterpriseAssessment(actor('citizen'), 'US-WAS')).toBe(false);
  });
});
