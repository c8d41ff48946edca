import type { Role } from '@homeward/shared';
import { describe, expect, it } from 'vitest';
import { canUseDelivery, canViewDeliveryDashboard } from './notifications.policy.ts';

const actor = (role: Role, id = 'u1') => ({ id, role, missions: [] });

describe('notifications policy', () => {
  it('shows the delivery dashboard to alert managers and HQ only', () => {
    expect(canViewDeliveryDashboard(actor('alert_manager'))).toBe(true);
    expect(canViewDeliveryDashboard(actor('hq_admin'))).toBe(true);
    for (const role of [
      'citizen',
      'hotline_agent',
      'consular_officer',
      'mission_head',
      'health_issuer',
      'auditor',
    ] as const)
      expect(canViewDeliveryDashboard(actor(role))).toBe(false);
    expect(canViewDeliveryDashboard(null)).toBe(false);
  });

  it('lets only the addressee use a delivery', () => {
    expect(canUseDelivery(actor('citizen', 'u1'), { userId: 'u1' })).toBe(true);
    expect(canUseDelivery(actor('citizen', 'u2'), { userId: 'u1' })).toBe(false);
    expect(canUseDelivery(actor('hq_admin', 'u2'), { userId: 'u1' })).toBe(false);
    expect(canUseDelivery(actor('citizen', 'u1'), { userId: null })).toBe(false);
    expect(canUseDelivery(null, { userId: 'u1' })).toBe(false);
  });
});
