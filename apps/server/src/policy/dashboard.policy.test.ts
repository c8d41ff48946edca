import { describe, expect, it } from 'vitest';
import { dashboardScope } from './dashboard.policy.ts';

describe('dashboard policy', () => {
  it('shows HQ every mission and a mission head only their missions', () => {
    expect(dashboardScope({ id: 'a', role: 'hq_admin', missions: [] })).toEqual({ all: true });
    expect(dashboardScope({ id: 'h', role: 'mission_head', missions: ['US-WAS'] })).toEqual({ missions: ['US-WAS'] });
  });

  it('shows no dashboard to officers, agents, citizens, auditors or the signed-out', () => {
    for (const role of ['consular_officer', 'hotline_agent', 'citizen', 'auditor', 'alert_manager'] as const) {
      expect(dashboardScope({ id: 'x', role, missions: ['US-WAS'] })).toBeNull();
    }
    expect(dashboardScope(null)).toBeNull();
  });
});
