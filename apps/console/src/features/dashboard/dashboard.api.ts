import type { CaseDashboard, MissionPage } from '@homeward/shared';

export type { CaseDashboard, MissionPage };

export const DASHBOARD_PATH = '/api/v1/dashboard/cases';
/** Every mission, for their names beside the codes the dashboard counts by. */
export const MISSIONS_PATH = '/api/v1/missions?sort=name&page=1&pageSize=100';
