import type {
  CreatedStaff,
  CreateStaffBody,
  MissionPage,
  Role,
  StaffAccount,
  StaffPage,
  StaffStatus,
  UpdateStaffBody,
} from '@homeward/shared';
import { patchJson, postJson } from '../../lib/api.client.ts';
import { useApi } from '../../lib/use-api.hook.ts';

export const STAFF_STATUSES = ['active', 'disabled'] as const satisfies readonly StaffStatus[];

export type { StaffAccount, StaffPage, StaffStatus };

export const STAFF_PAGE_SIZE = 20;

export type StaffRole = Exclude<Role, 'citizen'>;
/**
 * The roles a staff account can hold. Listed here rather than imported from @homeward/shared, whose schema module
 * would pull TypeBox into the bundle; the type check below fails if a role is added there and not here.
 */
export const STAFF_ROLE_LIST = [
  'hq_admin',
  'hotline_agent',
  'consular_officer',
  'mission_head',
  'alert_manager',
  'health_issuer',
  'auditor',
] as const satisfies readonly StaffRole[];
export const ALL_STAFF_ROLES_LISTED: Exclude<StaffRole, (typeof STAFF_ROLE_LIST)[number]> extends never ? true : false =
  true;

export function toStaffRole(value: string): StaffRole | undefined {
  return STAFF_ROLE_LIST.find((r) => r === value);
}

/** Roles that work for particular missions; the others are global (HQ, hotline, auditors). */
export const SCOPED_ROLES: readonly Role[] = ['consular_officer', 'mission_head'];

export function isStaffStatus(value: string | null): value is StaffStatus {
  return value !== null && (STAFF_STATUSES as readonly string[]).includes(value);
}

export function staffPath(query: { q: string; role: string; mission: string; status: string; page: number }): string {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.role) params.set('role', query.role);
  if (query.mission) params.set('mission', query.mission);
  if (query.status) params.set('status', query.status);
  params.set('page', String(query.page));
  params.set('pageSize', String(STAFF_PAGE_SIZE));
  return `/api/v1/staff?${params}`;
}

export function createStaff(body: CreateStaffBody): Promise<CreatedStaff> {
  return postJson('/api/v1/staff', body);
}

export type StaffChange = UpdateStaffBody;

export function updateStaff(id: string, body: StaffChange): Promise<StaffAccount> {
  return patchJson(`/api/v1/staff/${encodeURIComponent(id)}`, body);
}

export function resetSecondFactor(id: string, reason: string): Promise<{ setupUrl: string }> {
  return postJson(`/api/v1/staff/${encodeURIComponent(id)}/reset-second-factor`, { reason });
}

/** Every mission (52 today) for pickers and for showing names instead of codes. */
export function useAllMissions() {
  return useApi<MissionPage>('/api/v1/missions?sort=name&page=1&pageSize=100');
}
