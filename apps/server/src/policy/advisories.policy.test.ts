import type { Role } from '@homeward/shared';
import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.ts';
import { canPublishAdvisory } from './advisories.policy.ts';

const actor = (role: Role, missions: string[] = []): Actor => ({ id: 'u1', role, missions });

describe('advisories policy', () => {
  it('lets alert managers and HQ publish, nobody else', () => {
    expect(canPublishAdvisory(actor('alert_manager'))).toBe(true);
    expect(canPublishAdvisory(actor('hq_admin'))).toBe(true);
    for (const role of ['consular_officer', 'mission_head', 'hotline_agent', 'health_issuer', 'auditor', 'citizen'])
      expect(canPublishAdvisory(actor(role as Role, ['US-WAS'])), role).toBe(false);
    expect(canPublishAdvisory(null)).toBe(false);
  });
});
