import type { Role } from '@homeward/shared';
import type { Actor } from './actor.ts';

/**
 * Who may ask "how many people are in this area": the roles that prepare or answer for an alert in a crisis —
 * headquarters, the alert managers who send alerts, the 24/7 hotline, and the consular officers and heads of
 * mission who judge the situation on the ground. The answer is an aggregate (a total and a count per reason, no
 * names, no places), so it is not limited to a mission's district: a crisis crosses district borders, and mission
 * staff need to size the whole of it. Auditors, health issuers and citizens may not ask.
 */
export const AREA_COUNT_ROLES: readonly Role[] = [
  'hq_admin',
  'alert_manager',
  'hotline_agent',
  'consular_officer',
  'mission_head',
];

export function canCountArea(actor: Actor | null): boolean {
  return actor !== null && AREA_COUNT_ROLES.includes(actor.role);
}
