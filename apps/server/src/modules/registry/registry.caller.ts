import type { FastifyRequest } from 'fastify';
import { localeOf } from '../../http/problem.ts';
import type { Caller } from './registry.fields.ts';

/** The signed-in citizen of a request behind the citizen gate, with the language of field errors. */
export function callerOf(request: FastifyRequest): Caller {
  const user = request.user;
  // The route gate (rolesOnly('citizen')) ran before every handler that calls this.
  if (!user) throw new Error('the citizen gate let an anonymous request through');
  return { userId: user.id, email: user.email, locale: localeOf(request) };
}
