import type { Role } from '@homeward/shared';
import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.ts';
import { canCountArea } from './targeting.policy.ts';

const actor = (role: Role, missions: string[] = []): Actor => ({ id: 'u1', role, missions });

describe('canCountArea', () => {
  it('lets HQ, alert managers and the hotline count any area', () => {
    for (const role of ['hq_admin', 'alert_manager', 'hotline_agent'] as const)
      expect(canCountArea(actor(role)), role).toBe(true);
  });
  it('lets mission staff count, whatever their missions (the answer is an aggregate)', () => {
    expect(canCountArea(actor('consular_officer', ['US-WAS']))).toBe(true);
    expect(canCountArea(actor('mission_head', ['JP-TYO']))).toBe(true);
  });
  it('refuses auditors, health issuers, citizens and anonymous callers', () => {
    for (const role of ['auditor', 'health_issuer', 'citizen'] as const)
      expect(canCountArea(actor(role)), role).toBe(false);
    expect(canCountArea(null)).toBe(false);
  });
});
