import type { Role } from '@homeward/shared';
import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.ts';
import { callListScope, canEditKnowledge, canViewCall, canWorkHotline } from './hotline.policy.ts';

const actor = (role: Role, missions: string[] = []): Actor => ({ id: 'u1', role, missions });
const transferredTo = (missionCode: string) => ({ outcome: 'transferred', missionCode });

describe('hotline policy', () => {
  it('lets agents and HQ work the hotline, nobody else', () => {
    expect(canWorkHotline(actor('hotline_agent'))).toBe(true);
    expect(canWorkHotline(actor('hq_admin'))).toBe(true);
    for (const role of ['consular_officer', 'mission_head', 'alert_manager', 'health_issuer', 'auditor', 'citizen'])
      expect(canWorkHotline(actor(role as Role, ['US-WAS'])), role).toBe(false);
    expect(canWorkHotline(null)).toBe(false);
  });

  it('lets agents and HQ read every call', () => {
    for (const role of ['hotline_agent', 'hq_admin'] as const) {
      expect(canViewCall(actor(role), { outcome: 'advice', missionCode: null })).toBe(true);
      expect(canViewCall(actor(role), transferredTo('JP-TYO'))).toBe(true);
      expect(callListScope(actor(role))).toEqual({ all: true });
    }
  });

  it('lets mission staff read only the calls transferred to their own missions', () => {
    const officer = actor('consular_officer', ['US-WAS']);
    expect(canViewCall(officer, transferredTo('US-WAS'))).toBe(true);
    expect(canViewCall(officer, transferredTo('JP-TYO'))).toBe(false);
    expect(canViewCall(officer, { outcome: 'case_opened', missionCode: 'US-WAS' })).toBe(false);
    expect(canViewCall(officer, { outcome: 'advice', missionCode: null })).toBe(false);
    expect(canViewCall(actor('mission_head', ['US-WAS']), transferredTo('US-WAS'))).toBe(true);
    expect(callListScope(officer)).toEqual({ transferredTo: ['US-WAS'] });
  });

  it('shows other roles and anonymous callers no call', () => {
    for (const role of ['alert_manager', 'health_issuer', 'auditor', 'citizen'] as const) {
      expect(canViewCall(actor(role), transferredTo('US-WAS')), role).toBe(false);
      expect(callListScope(actor(role)), role).toBeNull();
    }
    expect(canViewCall(null, transferredTo('US-WAS'))).toBe(false);
    expect(callListScope(null)).toBeNull();
  });

  it('lets only HQ edit the knowledge base', () => {
    expect(canEditKnowledge(actor('hq_admin'))).toBe(true);
    for (const role of ['hotline_agent', 'consular_officer', 'auditor', 'citizen'] as const)
      expect(canEditKnowledge(actor(role)), role).toBe(false);
    expect(canEditKnowledge(null)).toBe(false);
  });
});
