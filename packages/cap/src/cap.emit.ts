import { Value } from '@sinclair/typebox/value';
import { CapError } from './cap.error.ts';
import { CAP12_NS } from './cap.read.ts';
import { checkCapRules } from './cap.rules.ts';
import { type CapAlert, CapAlertSchema, type CapArea, type CapInfo, type CapValuePair } from './cap.schema.ts';
import { isXmlText, joinQuotedList, toDecimalString } from './cap.values.ts';

/**
 * Writes one alert as a CAP 1.2 document that validates against the OASIS XSD. The object is checked first
 * (shape, values and spec rules), so a bad object fails here with CapError `invalid-alert` instead of producing a
 * document partners would reject. An XML signature is never emitted: any change would break it anyway.
 */
export function emitCap(alert: CapAlert): string {
  checkEmittable(alert);
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', `<alert xmlns="${CAP12_NS}">`];
  const el = (depth: number, name: string, value: string | undefined): void => {
    if (value !== undefined) out.push(`${'  '.repeat(depth)}<${name}>${escapeText(value)}</${name}>`);
  };
  el(1, 'identifier', alert.identifier);
  el(1, 'sender', alert.sender);
  el(1, 'sent', alert.sent);
  el(1, 'status', alert.status);
  el(1, 'msgType', alert.msgType);
  el(1, 'source', alert.source);
  el(1, 'scope', alert.scope);
  el(1, 'restriction', alert.restriction);
  if (alert.addresses.length > 0) el(1, 'addresses', joinQuotedList(alert.addresses));
  for (const code of alert.code) el(1, 'code', code);
  el(1, 'note', alert.note);
  if (alert.references.length > 0) {
    el(1, 'references', alert.references.map((r) => `${r.sender},${r.identifier},${r.sent}`).join(' '));
  }
  if (alert.incidents.length > 0) el(1, 'incidents', joinQuotedList(alert.incidents));
  for (const info of alert.info) emitInfo(out, el, info);
  out.push('</alert>', '');
  return out.join('\n');
}

type El = (depth: number, name: string, value: string | undefined) => void;

function emitInfo(out: string[], el: El, info: CapInfo): void {
  out.push('  <info>');
  el(2, 'language', info.language);
  for (const c of info.category) el(2, 'category', c);
  el(2, 'event', info.event);
  for (const r of info.responseType) el(2, 'responseType', r);
  el(2, 'urgency', info.urgency);
  el(2, 'severity', info.severity);
  el(2, 'certainty', info.certainty);
  el(2, 'audience', info.audience);
  for (const pair of info.eventCode) emitPair(out, el, 2, 'eventCode', pair);
  el(2, 'effective', info.effective);
  el(2, 'onset', info.onset);
  el(2, 'expires', info.expires);
  el(2, 'senderName', info.senderName);
  el(2, 'headline', info.headline);
  el(2, 'description', info.description);
  el(2, 'instruction', info.instruction);
  el(2, 'web', info.web);
  el(2, 'contact', info.contact);
  for (const pair of info.parameter) emitPair(out, el, 2, 'parameter', pair);
  for (const r of info.resource) {
    out.push('    <resource>');
    el(3, 'resourceDesc', r.resourceDesc);
    el(3, 'mimeType', r.mimeType);
    el(3, 'size', r.size === undefined ? undefined : String(r.size));
    el(3, 'uri', r.uri);
    el(3, 'derefUri', r.derefUri);
    el(3, 'digest', r.digest);
    out.push('    </resource>');
  }
  for (const area of info.area) emitArea(out, el, area);
  out.push('  </info>');
}

function emitArea(out: string[], el: El, area: CapArea): void {
  out.push('    <area>');
  el(3, 'areaDesc', area.areaDesc);
  for (const p of area.polygon) el(3, 'polygon', p);
  for (const c of area.circle) el(3, 'circle', c);
  for (const pair of area.geocode) emitPair(out, el, 3, 'geocode', pair);
  el(3, 'altitude', area.altitude === undefined ? undefined : toDecimalString(area.altitude));
  el(3, 'ceiling', area.ceiling === undefined ? undefined : toDecimalString(area.ceiling));
  out.push('    </area>');
}

function emitPair(out: string[], el: El, depth: number, name: string, pair: CapValuePair): void {
  const pad = '  '.repeat(depth);
  out.push(`${pad}<${name}>`);
  el(depth + 1, 'valueName', pair.valueName);
  el(depth + 1, 'value', pair.value);
  out.push(`${pad}</${name}>`);
}

/** `&`, `<`, `>` (for `]]>`) and CR, which a parser would otherwise turn into LF. */
function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

function checkEmittable(alert: unknown): asserts alert is CapAlert {
  if (!Value.Check(CapAlertSchema, alert)) {
    const err = Value.Errors(CapAlertSchema, alert).First();
    const where = err?.path ? `${err.path}: ` : '';
    throw new CapError('invalid-alert', `not a CAP alert object: ${where}${err?.message ?? 'invalid'}`);
  }
  const problem = checkCapRules(alert);
  if (problem) throw new CapError('invalid-alert', problem.message, { path: problem.path });
  const bad = findUnwritableString(alert, 'alert');
  if (bad) throw new CapError('invalid-alert', bad.message, { path: bad.path });
  for (const [name, list] of [
    ['addresses', alert.addresses],
    ['incidents', alert.incidents],
  ] as const) {
    if (joinQuotedList(list) === undefined) {
      throw new CapError('invalid-alert', `an item of ${name} has both whitespace and a double quote`, {
        path: `alert/${name}`,
      });
    }
  }
}

/** Strings with characters XML 1.0 cannot carry (control characters, lone surrogates) cannot be emitted. */
function findUnwritableString(value: unknown, path: string): { path: string; message: string } | undefined {
  if (typeof value === 'string') {
    return isXmlText(value) ? undefined : { path, message: 'text contains a character XML 1.0 cannot carry' };
  }
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const bad = findUnwritableString(v, `${path}[${i}]`);
      if (bad) return bad;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const bad = findUnwritableString(v, `${path}/${k}`);
      if (bad) return bad;
    }
  }
  return undefined;
}
