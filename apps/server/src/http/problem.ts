import {
  type FieldError,
  type FieldMessageKind,
  fieldMessage,
  type Locale,
  negotiateLocale,
  type ProblemCode,
  problemTitle,
} from '@homeward/shared';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/** Thrown by services and routes for an expected failure; the error handler renders it as RFC 9457. */
export class ProblemError extends Error {
  override name = 'ProblemError';
  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
    /** Extra members of the problem body (RFC 9457 extensions), e.g. the current case on a 409. */
    readonly extensions?: Record<string, unknown>,
  ) {
    super(detail ?? code);
  }
}

/** 429 with Retry-After, for throttled sign-ins, sign-ups, resets and verifications. */
export function tooManyAttempts(until: Date, now: Date = new Date()): ProblemError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new ProblemError(429, 'rate_limited', `try again in ${seconds} s`, undefined, {
    'retry-after': String(seconds),
  });
}

/** Accept-Language values already negotiated: browsers send a handful of distinct ones, parsed on every request. */
const negotiated = new Map<string, Locale>();
const NEGOTIATED_MAX = 256;

export function localeOf(request: FastifyRequest): Locale {
  const header = request.headers['accept-language'];
  if (header === undefined) return negotiateLocale(header);
  let locale = negotiated.get(header);
  if (locale === undefined) {
    locale = negotiateLocale(header);
    if (negotiated.size >= NEGOTIATED_MAX) negotiated.clear();
    negotiated.set(header, locale);
  }
  return locale;
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: ProblemCode,
  extra: { detail?: string; errors?: FieldError[]; extensions?: Record<string, unknown> } = {},
): FastifyReply {
  const body = {
    ...extra.extensions,
    type: `https://homeward.example/problems/${code.replaceAll('_', '-')}`,
    title: problemTitle(code, localeOf(request)),
    status,
    code,
    ...(extra.detail ? { detail: extra.detail } : {}),
    instance: request.url.split('?')[0],
    ...(extra.errors?.length ? { errors: extra.errors } : {}),
  };
  return reply.code(status).type('application/problem+json; charset=utf-8').serializer(JSON.stringify).send(body);
}

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

const KIND_BY_KEYWORD: Record<string, FieldMessageKind> = {
  required: 'required',
  additionalProperties: 'unknown',
  type: 'type',
  format: 'format',
  pattern: 'format',
  minLength: 'tooShort',
  minItems: 'tooShort',
  maxLength: 'tooLong',
  maxItems: 'tooLong',
  minimum: 'range',
  maximum: 'range',
  exclusiveMinimum: 'range',
  exclusiveMaximum: 'range',
  enum: 'enum',
  const: 'enum',
  anyOf: 'enum',
};

/** Turns schema violations into one localized complaint per field, naming the field. */
export function fieldErrorsFrom(validation: AjvError[], context: string, locale: Locale): FieldError[] {
  const byField = new Map<string, FieldError>();
  const prefix = context === 'body' ? '' : `/${context}`;
  for (const error of validation) {
    const child =
      error.keyword === 'required'
        ? String(error.params.missingProperty ?? '')
        : error.keyword === 'additionalProperties'
          ? String(error.params.additionalProperty ?? '')
          : '';
    const field = `${prefix}${error.instancePath}${child ? `/${child}` : ''}` || '/';
    const kind = KIND_BY_KEYWORD[error.keyword] ?? 'invalid';
    const existing = byField.get(field);
    // A union of literals reports each branch's `const` and then `anyOf`; keep one "not allowed" message.
    if (existing && kind !== 'enum') continue;
    const name = field.split('/').filter(Boolean).at(-1) ?? context;
    byField.set(field, { field, message: fieldMessage(kind, name, locale) });
  }
  return [...byField.values()];
}

/** Maps every error reaching Fastify to problem+json; only real faults become 5xx. */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof ProblemError) {
    if (error.headers) reply.headers(error.headers);
    return sendProblem(request, reply, error.status, error.code, {
      detail: error.detail,
      errors: error.errors,
      extensions: error.extensions,
    });
  }
  if (error.validation) {
    const errors = fieldErrorsFrom(
      error.validation as AjvError[],
      error.validationContext ?? 'body',
      localeOf(request),
    );
    return sendProblem(request, reply, 400, 'validation_failed', { errors });
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return sendProblem(request, reply, 413, 'body_too_large', { detail: error.message });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return sendProblem(request, reply, 415, 'unsupported_media_type', { detail: error.message });
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return sendProblem(request, reply, 400, 'invalid_json', { detail: error.message });
  }
  if (error instanceof SyntaxError || error.statusCode === 400) {
    return sendProblem(request, reply, 400, 'invalid_json', { detail: error.message });
  }
  if (error.statusCode === 429) return sendProblem(request, reply, 429, 'rate_limited');
  if (error.statusCode === 405) return sendProblem(request, reply, 405, 'method_not_allowed');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    request.log.warn({ err: error }, 'client error without a problem code');
    return sendProblem(request, reply, error.statusCode, 'validation_failed', { detail: error.message });
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendProblem(request, reply, 500, 'internal_error');
}
