import type { CapAlert, CapArea, CapInfo, CapResource } from './cap.schema.ts';
import {
  CAP_CATEGORIES,
  CAP_CERTAINTIES,
  CAP_LANGUAGE_PATTERN,
  CAP_MSG_TYPES,
  CAP_RESPONSE_TYPES,
  CAP_SCOPES,
  CAP_SEVERITIES,
  CAP_STATUSES,
  CAP_URGENCIES,
} from './cap.schema.ts';
import { checkCapTime, checkIdentifierLike, parseCircleText, parsePolygonText, toDecimalString } from './cap.values.ts';

export interface RuleProblem {
  path: string;
  message: string;
}

const LANGUAGE = new RegExp(CAP_LANGUAGE_PATTERN);
const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]/;
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const MIME = new RegExp(`^${TOKEN}/${TOKEN}([\\t ]*;.*)?$`);
const BASE64 = /^[A-Za-z0-9+/\t\n\r ]*=?[\t\n\r ]*=?[\t\n\r ]*$/;

/**
 * The CAP 1.2 rules the XSD cannot express, plus the value checks the XSD does make, so that an object that
 * passes here always emits a schema-valid document. Returns the first problem, or undefined.
 */
export function checkCapRules(alert: CapAlert, path = 'alert'): RuleProblem | undefined {
  return first([
    () => at(path, 'identifier', checkIdentifierLike(alert.identifier, 'identifier')),
    () => at(path, 'sender', checkIdentifierLike(alert.sender, 'sender')),
    () => at(path, 'sent', checkCapTime(alert.sent)),
    () => at(path, 'status', oneOf(alert.status, CAP_STATUSES, 'status')),
    () => at(path, 'msgType', oneOf(alert.msgType, CAP_MSG_TYPES, 'msgType')),
    () => at(path, 'scope', oneOf(alert.scope, CAP_SCOPES, 'scope')),
    () =>
      at(
        path,
        'references',
        (alert.msgType === 'Update' || alert.msgType === 'Cancel') && alert.references.length === 0
          ? `msgType ${alert.msgType} requires <references> naming the earlier alert(s)`
          : undefined,
      ),
    ...alert.references.map((r, i) => () => {
      const where = `${path}/references[${i}]`;
      return first([
        () => at(where, 'sender', checkIdentifierLike(r.sender, 'referenced sender')),
        () => at(where, 'identifier', checkIdentifierLike(r.identifier, 'referenced identifier')),
        () => at(where, 'sent', checkCapTime(r.sent)),
      ]);
    }),
    () =>
      at(
        path,
        'restriction',
        alert.scope === 'Restricted' && (alert.restriction ?? '').trim() === ''
          ? 'scope Restricted requires a <restriction> describing the rule for distribution'
          : undefined,
      ),
    () =>
      at(
        path,
        'addresses',
        alert.scope === 'Private' && alert.addresses.length === 0
          ? 'scope Private requires <addresses> listing the intended recipients'
          : undefined,
      ),
    ...alert.info.map((info, i) => () => checkInfo(info, `${path}/info[${i}]`)),
  ]);
}

function checkInfo(info: CapInfo, path: string): RuleProblem | undefined {
  return first([
    () => at(path, 'language', LANGUAGE.test(info.language) ? undefined : `language "${info.language}" is not valid`),
    () => at(path, 'category', info.category.length === 0 ? 'at least one <category> is required' : undefined),
    ...info.category.map((c) => () => at(path, 'category', oneOf(c, CAP_CATEGORIES, 'category'))),
    ...info.responseType.map((r) => () => at(path, 'responseType', oneOf(r, CAP_RESPONSE_TYPES, 'responseType'))),
    () => at(path, 'urgency', oneOf(info.urgency, CAP_URGENCIES, 'urgency')),
    () => at(path, 'severity', oneOf(info.severity, CAP_SEVERITIES, 'severity')),
    () => at(path, 'certainty', oneOf(info.certainty, CAP_CERTAINTIES, 'certainty')),
    () => at(path, 'effective', info.effective === undefined ? undefined : checkCapTime(info.effective)),
    () => at(path, 'onset', info.onset === undefined ? undefined : checkCapTime(info.onset)),
    () => at(path, 'expires', info.expires === undefined ? undefined : checkCapTime(info.expires)),
    // IPAWS sends <web></web>; an empty element says nothing, so only a non-empty one must be absolute.
    () =>
      at(
        path,
        'web',
        info.web === undefined || info.web === '' || ABSOLUTE_URI.test(info.web)
          ? undefined
          : `web "${info.web}" is not an absolute URI`,
      ),
    ...info.resource.map((r, i) => () => checkResource(r, `${path}/resource[${i}]`)),
    ...info.area.map((a, i) => () => checkArea(a, `${path}/area[${i}]`)),
  ]);
}

function checkResource(r: CapResource, path: string): RuleProblem | undefined {
  return first([
    () =>
      at(
        path,
        'mimeType',
        MIME.test(r.mimeType.trim()) ? undefined : `mimeType "${r.mimeType}" is not an RFC 2046 type/subtype`,
      ),
    () =>
      at(
        path,
        'size',
        r.size === undefined || (Number.isSafeInteger(r.size) && r.size >= 0)
          ? undefined
          : 'size must be a whole number of bytes',
      ),
    () =>
      at(
        path,
        'derefUri',
        r.derefUri === undefined || BASE64.test(r.derefUri) ? undefined : 'derefUri is not base64 data',
      ),
  ]);
}

function checkArea(area: CapArea, path: string): RuleProblem | undefined {
  return first([
    ...area.polygon.map((p, i) => () => {
      const parsed = parsePolygonText(p);
      return typeof parsed === 'string' ? { path: `${path}/polygon[${i}]`, message: parsed } : undefined;
    }),
    ...area.circle.map((c, i) => () => {
      const parsed = parseCircleText(c);
      return typeof parsed === 'string' ? { path: `${path}/circle[${i}]`, message: parsed } : undefined;
    }),
    () => at(path, 'altitude', area.altitude === undefined ? undefined : checkDecimal(area.altitude)),
    () => at(path, 'ceiling', area.ceiling === undefined ? undefined : checkDecimal(area.ceiling)),
    () => {
      if (area.ceiling === undefined) return undefined;
      if (area.altitude === undefined) {
        return { path: `${path}/ceiling`, message: '<ceiling> may only be used together with <altitude>' };
      }
      return area.altitude > area.ceiling
        ? { path: `${path}/ceiling`, message: `ceiling ${area.ceiling} is below altitude ${area.altitude}` }
        : undefined;
    },
  ]);
}

/**
 * xs:decimal has no exponent, and XSD processors need only support 18 digits (libxml2 stops at 24), so
 * altitudes like 1e300 are refused rather than written as 301 digits no partner can read.
 */
function checkDecimal(n: number): string | undefined {
  if (!Number.isFinite(n)) return 'not a finite number';
  const digits = toDecimalString(n).replace(/[-.]/g, '').length;
  return digits > 18 ? `${n} needs ${digits} decimal digits; at most 18 are portable` : undefined;
}

function oneOf(value: string, allowed: readonly string[], what: string): string | undefined {
  return allowed.includes(value) ? undefined : `${what} "${value}" is not one of ${allowed.join(', ')}`;
}

function at(path: string, field: string, message: string | undefined): RuleProblem | undefined {
  return message === undefined ? undefined : { path: `${path}/${field}`, message };
}

function first(checks: Array<() => RuleProblem | undefined>): RuleProblem | undefined {
  for (const check of checks) {
    const problem = check();
    if (problem) return problem;
  }
  return undefined;
}
