import { type Static, Type } from '@sinclair/typebox';
import { CaseCategorySchema, CasePrioritySchema } from './case.schema.ts';

const Count = Type.Integer({ minimum: 0 });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'UTC calendar day' });

/** How many of something fell on each of the last 30 UTC days, oldest first, days without any included. */
export const DailyCountsSchema = Type.Array(Type.Object({ day: Day, count: Count }));

/**
 * The HQ case dashboard (GET /api/v1/dashboard/cases): open cases (not resolved, closed or merged) by mission,
 * category and priority; open cases past or near an SLA target; cases opened and hotline calls logged per day.
 * HQ sees every mission, a mission head their missions.
 */
export const CaseDashboardSchema = Type.Object({
  generatedAt: Type.String({ format: 'date-time' }),
  /** The missions counted; null when all are (HQ). */
  missions: Type.Union([Type.Array(Type.String()), Type.Null()]),
  openTotal: Count,
  openByMission: Type.Array(Type.Object({ missionCode: Type.String(), count: Count })),
  openByCategory: Type.Array(Type.Object({ category: CaseCategorySchema, count: Count })),
  openByPriority: Type.Array(Type.Object({ priority: CasePrioritySchema, count: Count })),
  /** Open cases whose SLA is red (a target missed) or amber (75% of a target used), per mission. */
  sla: Type.Object({
    red: Count,
    amber: Count,
    byMission: Type.Array(Type.Object({ missionCode: Type.String(), red: Count, amber: Count })),
  }),
  casesPerDay: DailyCountsSchema,
  callsPerDay: DailyCountsSchema,
});
export type CaseDashboard = Static<typeof CaseDashboardSchema>;

/** Days of history the dashboard shows. */
export const DASHBOARD_DAYS = 30;
