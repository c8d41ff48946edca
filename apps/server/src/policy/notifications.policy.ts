import type { Role } from '@homeward/shared';
import type { Actor } from './actor.ts';

/**
 * Notification delivery (decision 0022). Everyone reads, marks and confirms only their own inbox items and
 * manages only their own push devices and channel order. The delivery dashboard (counts and timings, no
 * personal data) is for those who publish alerts: alert managers and headquarters.
 */
export const DELIVERY_DASHBOARD_ROLES: readonly Role[] = ['hq_admin', 'alert_manager'];

export function canViewDeliveryDashboard(actor: Actor | null): boolean {
  return actor !== null && DELIVERY_DASHBOARD_ROLES.includes(actor.role);
}

/** An inbox item (or any delivery) belongs to the account it was sent to, and to nobody else. */
export function canUseDelivery(actor: Actor | null, delivery: { userId: string | null }): boolean {
  return actor !== null && delivery.userId !== null && delivery.userId === actor.id;
}
