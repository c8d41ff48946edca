import type { ApplicationStatus, Role } from '@homeward/shared';
import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.ts';
import {
  applicationListScope,
  canDecideApplication,
  canEditApplication,
  canEditServices,
  canViewApplication,
} from './services.policy.ts';

const actor = (role: Role, missions: string[] = [], id = 'u1'): Actor => ({ id, role, missions });
const application = (status: ApplicationStatus, missionCode: string | null = 'US-WAS', userId = 'c1') => ({
  userId,
  missionCode,
  status,
});

describe('services policy', () => {
  it('lets only HQ administrators edit service definitions', () => {
    expect(canEditServices(actor('hq_admin'))).toBe(true);
    for (const role of ['consular_officer', 'mission_head', 'hotline_agent', 'alert_manager', 'auditor', 'citizen'])
      expect(canEditServices(actor(role as Role, ['US-WAS'])), role).toBe(false);
    expect(canEditServices(null)).toBe(false);
  });

  it('shows a citizen only their own applications, drafts included', () => {
    expect(canViewApplication(actor('citizen', [], 'c1'), application('draft'))).toBe(true);
    expect(canViewApplication(actor('citizen', [], 'c2'), application('submitted'))).toBe(false);
  });

  it('shows staff submitted applications of their missions (HQ every mission), never drafts', () => {
    expect(canViewApplication(actor('consular_officer', ['US-WAS']), application('submitted'))).toBe(true);
    expect(canViewApplication(actor('consular_officer', ['JP-TYO']), application('submitted'))).toBe(false);
    expect(canViewApplication(actor('mission_head', ['US-WAS']), application('draft'))).toBe(false);
    expect(canViewApplication(actor('hq_admin'), application('approved', 'JP-TYO'))).toBe(true);
    expect(canViewApplication(actor('hq_admin'), application('draft'))).toBe(false);
    for (const role of ['hotline_agent', 'alert_manager', 'health_issuer', 'auditor'])
      expect(canViewApplication(actor(role as Role, ['US-WAS']), application('submitted')), role).toBe(false);
    expect(canViewApplication(null, application('submitted'))).toBe(false);
  });

  it('lets the applicant change a draft or answer a request, and the mission decide', () => {
    const me = actor('citizen', [], 'c1');
    expect(canEditApplication(me, application('draft'))).toBe(true);
    expect(canEditApplication(me, application('more_info_requested'))).toBe(true);
    expect(canEditApplication(me, application('submitted'))).toBe(false);
    expect(canEditApplication(actor('citizen', [], 'c2'), application('draft'))).toBe(false);
    expect(canDecideApplication(actor('consular_officer', ['US-WAS']), application('submitted'))).toBe(true);
    expect(canDecideApplication(actor('consular_officer', ['JP-TYO']), application('submitted'))).toBe(false);
    expect(canDecideApplication(actor('hq_admin'), application('submitted'))).toBe(false);
    expect(canDecideApplication(actor('mission_head', ['US-WAS']), application('draft'))).toBe(false);
  });

  it('scopes lists: own for citizens, missions for mission staff, all for HQ, none for others', () => {
    expect(applicationListScope(actor('citizen'))).toEqual({ kind: 'own', userId: 'u1' });
    expect(applicationListScope(actor('consular_officer', ['US-WAS']))).toEqual({
      kind: 'missions',
      missions: ['US-WAS'],
    });
    expect(applicationListScope(actor('hq_admin'))).toEqual({ kind: 'all' });
    expect(applicationListScope(actor('auditor'))).toBeNull();
  });
});
