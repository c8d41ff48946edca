import { type ProblemCode, problemTitle } from '@homeward/shared';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../http/app-types.ts';
import { localeOf, ProblemError } from '../../http/problem.ts';
import { rolesOnly } from '../../policy/route-policy.ts';
import { AREA_COUNT_ROLES } from '../../policy/targeting.policy.ts';
import { AreaSchema } from './targeting.schema.ts';
import { countRecipientsByReason } from './targeting.service.ts';
import { AreaError, type AreaProblem, validateArea, validateAt } from './targeting.validate.ts';

export const AreaCountBodySchema = Type.Object(
  {
    area: AreaSchema,
    at: Type.Optional(Type.String({ format: 'date-time', description: 'The moment asked about; default now' })),
  },
  { additionalProperties: false },
);

const Count = Type.Integer({ minimum: 0 });
export const AreaCountSchema = Type.Object({
  total: Count,
  byReason: Type.Object({ present: Count, siteStaff: Count, subscriber: Count }),
  at: Type.String({ format: 'date-time' }),
});

/** The stable problem code of each way an area can be wrong. */
const CODE_OF: Record<AreaProblem, ProblemCode> = {
  invalid_shape: 'area_invalid',
  empty_area: 'area_empty',
  unknown_country: 'country_unknown',
  unknown_region: 'region_unknown',
  coordinate_out_of_range: 'coordinate_out_of_range',
  radius_out_of_range: 'radius_out_of_range',
  ring_not_closed: 'polygon_unclosed',
  ring_too_short: 'polygon_ring_too_short',
  self_intersection: 'polygon_self_intersecting',
  invalid_time: 'dates_invalid',
};

// Checking a polygon for crossings grows with the square of its points: past this many, the request is refused
// before any work (10,000 points take about half a second).
export const MAX_AREA_POSITIONS = 10_000;

/** The [longitude, latitude] positions in the polygons as sent, whatever their shape (bounded nesting). */
function positionsIn(value: unknown, depth = 4): number {
  if (!Array.isArray(value)) return 0;
  if (typeof value[0] === 'number') return 1;
  if (depth === 0) return 0;
  let count = 0;
  for (const item of value) count += positionsIn(item, depth - 1);
  return count;
}

function polygonPositions(area: unknown): number {
  const polygons = (area as { polygons?: unknown } | null)?.polygons;
  if (!Array.isArray(polygons)) return 0;
  let count = 0;
  for (const polygon of polygons) count += positionsIn((polygon as { coordinates?: unknown } | null)?.coordinates);
  return count;
}

/** An AreaError as the caller sees it: its own code, localized, naming the part of the body at fault. */
function areaProblem(request: FastifyRequest, error: AreaError): ProblemError {
  const code = CODE_OF[error.problem];
  const field = error.field === '/at' ? '/at' : `/area${error.field === '/' ? '' : error.field}`;
  return new ProblemError(400, code, error.message, [{ field, message: problemTitle(code, localeOf(request)) }]);
}

/**
 * Checks the body: the area first (so a bad part answers its own code, not the schema's generic one), then the
 * rest of the schema. Returns the area and moment, or throws a problem; nothing is read before this passes.
 */
function checkedQuery(request: FastifyRequest): { area: unknown; at: Date } {
  const body = request.body as { area?: unknown; at?: unknown } | null;
  const isObject = typeof body === 'object' && body !== null && !Array.isArray(body);
  if (isObject && polygonPositions(body.area) > MAX_AREA_POSITIONS)
    throw new ProblemError(400, 'area_too_large', `at most ${MAX_AREA_POSITIONS} polygon points`, [
      { field: '/area/polygons', message: problemTitle('area_too_large', localeOf(request)) },
    ]);
  try {
    if (isObject && 'area' in body) validateArea(body.area);
    if (isObject && typeof body.at === 'string') validateAt(body.at);
  } catch (error) {
    if (error instanceof AreaError) throw areaProblem(request, error);
    throw error;
  }
  const invalid = request.validationError;
  const atErrors = (invalid?.validation ?? []).filter((e: { instancePath: string }) => e.instancePath === '/at');
  if (atErrors.length > 0 && invalid?.validation?.length === atErrors.length)
    throw new ProblemError(400, 'dates_invalid', `${String(body?.at)} is not an ISO 8601 date and time`, [
      { field: '/at', message: problemTitle('dates_invalid', localeOf(request)) },
    ]);
  if (invalid) throw invalid;
  const { area, at } = request.body as { area: unknown; at?: string };
  return { area, at: at === undefined ? new Date() : validateAt(at) };
}

export async function targetingRoutes(app: App): Promise<void> {
  const { db } = app.ctx;

  app.post(
    '/api/v1/targeting/count',
    {
      config: { policy: rolesOnly(...AREA_COUNT_ROLES) },
      // The handler turns schema failures into the area's own problem codes (see checkedQuery).
      attachValidation: true,
      schema: {
        tags: ['targeting'],
        summary: 'How many people an alert to this area would reach at a moment: a total and a count per reason',
        body: AreaCountBodySchema,
        response: { 200: AreaCountSchema },
      },
    },
    async (request) => {
      const { area, at } = checkedQuery(request);
      const counts = await countRecipientsByReason(db, area, at);
      return {
        total: counts.total,
        byReason: {
          present: counts.byReason.present,
          siteStaff: counts.byReason.site_staff,
          subscriber: counts.byReason.subscriber,
        },
        at: at.toISOString(),
      };
    },
  );
}
