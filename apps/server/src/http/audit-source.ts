import type { FastifyRequest } from 'fastify';
import type { AuditSource } from '../modules/audit/audit.service.ts';

/** Who is acting and from which address, as the audit log records it. */
export function auditSource(request: FastifyRequest): AuditSource {
  return { actor: request.user ? { id: request.user.id, role: request.user.role } : null, ip: request.ip };
}
