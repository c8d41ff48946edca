import type { Role } from '@homeward/shared';
import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.ts';
import {
  campaignRegistrationScope,
  canCertifyDose,
  canChangeCampaignRegistration,
  canEditCampaigns,
  canViewCampaignProgress,
  canWorkCampaignSite,
} from './campaigns.policy.ts';

const actor = (role: Role, missions: string[] = [], id = 'u1'): Actor => ({ id, role, missions });
const OTHERS: Role[] = ['hotline_agent', 'alert_manager', 'health_issuer', 'auditor', 'citizen'];

describe('campaigns policy', () => {
  it('lets only HQ define campaigns', () => {
    expect(canEditCampaigns(actor('hq_admin'))).toBe(true);
    for (const role of [...OTHERS, 'mission_head', 'consular_officer'] as Role[])
      expect(canEditCampaigns(actor(role, ['US-WAS'])), role).toBe(false);
    expect(canEditCampaigns(null)).toBe(false);
  });

  it('lets a site’s own mission staff and HQ work it', () => {
    const site = { missionCode: 'US-WAS' };
    expect(canWorkCampaignSite(actor('hq_admin'), site)).toBe(true);
    expect(canWorkCampaignSite(actor('consular_officer', ['US-WAS']), site)).toBe(true);
    expect(canWorkCampaignSite(actor('mission_head', ['US-WAS']), site)).toBe(true);
    expect(canWorkCampaignSite(actor('consular_officer', ['JP-TYO']), site)).toBe(false);
    for (const role of OTHERS) expect(canWorkCampaignSite(actor(role, ['US-WAS']), site), role).toBe(false);
  });

  it('scopes registration lists: all for HQ, auditors and health issuers, own missions for mission staff', () => {
    expect(campaignRegistrationScope(actor('hq_admin'))).toBe('all');
    expect(campaignRegistrationScope(actor('auditor'))).toBe('all');
    expect(campaignRegistrationScope(actor('health_issuer'))).toBe('all');
    expect(campaignRegistrationScope(actor('consular_officer', ['US-WAS']))).toEqual({ missions: ['US-WAS'] });
    for (const role of ['hotline_agent', 'alert_manager', 'citizen'] as Role[])
      expect(campaignRegistrationScope(actor(role)), role).toBe('none');
    expect(campaignRegistrationScope(null)).toBe('none');
  });

  it('shows progress to HQ and auditors, certifies doses by health issuers, changes registrations by their owner', () => {
    expect(canViewCampaignProgress(actor('hq_admin'))).toBe(true);
    expect(canViewCampaignProgress(actor('auditor'))).toBe(true);
    expect(canViewCampaignProgress(actor('mission_head', ['US-WAS']))).toBe(false);
    expect(canCertifyDose(actor('health_issuer'))).toBe(true);
    expect(canCertifyDose(actor('hq_admin'))).toBe(false);
    expect(canChangeCampaignRegistration(actor('citizen', [], 'me'), { userId: 'me' })).toBe(true);
    expect(canChangeCampaignRegistration(actor('citizen', [], 'me'), { userId: 'other' })).toBe(false);
    expect(canChangeCampaignRegistration(actor('citizen', [], 'me'), { userId: null })).toBe(false);
    expect(canChangeCampaignRegistration(actor('hq_admin', [], 'me'), { userId: 'me' })).toBe(false);
  });
});
