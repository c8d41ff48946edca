import { Type } from '@sinclair/typebox';
import type { App } from '../../http/app-types.ts';
import { auditSource } from '../../http/audit-source.ts';
import { rolesOnly } from '../../policy/route-policy.ts';
import { appendAudit, searchAudit } from './audit.service.ts';

const AuditEntrySchema = Type.Object({
  seq: Type.Integer(),
  id: Type.String(),
  at: Type.String(),
  actorId: Type.Union([Type.String(), Type.Null()]),
  actorRole: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  recordType: Type.Union([Type.String(), Type.Null()]),
  recordId: Type.Union([Type.String(), Type.Null()]),
  missionCode: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown()),
  hash: Type.String(),
});

const Iso = Type.String({ format: 'date-time' });

export async function auditRoutes(app: App): Promise<void> {
  app.get(
    '/api/v1/audit',
    {
      // Partner oversight systems may read the log with an `audit:read` API token.
      config: { policy: { ...rolesOnly('auditor', 'hq_admin'), scope: 'audit:read' } },
      schema: {
        tags: ['audit'],
        summary: 'Search the audit log (newest first); the search itself is audited',
        querystring: Type.Object(
          {
            actorId: Type.Optional(Type.String({ maxLength: 64 })),
            action: Type.Optional(Type.String({ maxLength: 64 })),
            recordType: Type.Optional(Type.String({ maxLength: 64 })),
            recordId: Type.Optional(Type.String({ maxLength: 128 })),
            missionCode: Type.Optional(Type.String({ maxLength: 16 })),
            from: Type.Optional(Iso),
            to: Type.Optional(Iso),
            q: Type.Optional(Type.String({ maxLength: 100 })),
            page: Type.Integer({ minimum: 1, maximum: 100_000, default: 1 }),
            pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(AuditEntrySchema),
            total: Type.Integer(),
            page: Type.Integer(),
            pageSize: Type.Integer(),
          }),
        },
      },
    },
    async (request) => {
      const { page, pageSize, from, to, ...rest } = request.query;
      const filter = {
        ...rest,
        from: from ? new Date(from).toISOString() : undefined,
        to: to ? new Date(to).toISOString() : undefined,
      };
      await appendAudit(app.ctx.db, auditSource(request), { action: 'audit.search', details: { filter, page } });
      const { total, rows } = await searchAudit(app.ctx.db, filter, page, pageSize);
      return {
        items: rows.map(({ prevHash: _prev, details, ...row }) => ({ ...row, details: JSON.parse(details) })),
        total,
        page,
        pageSize,
      };
    },
  );
}
