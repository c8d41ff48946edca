import { CapError } from './cap.error.ts';
import type { CapAlert, CapArea, CapInfo, CapReference, CapResource, CapValuePair } from './cap.schema.ts';
import {
  CAP_CATEGORIES,
  CAP_CERTAINTIES,
  CAP_MSG_TYPES,
  CAP_RESPONSE_TYPES,
  CAP_SCOPES,
  CAP_SEVERITIES,
  CAP_STATUSES,
  CAP_URGENCIES,
} from './cap.schema.ts';
import { checkCapTime, collapseWhitespace, parseDecimal, parseInteger, splitQuotedList } from './cap.values.ts';
import type { XmlElement } from './xml-tree.ts';

export const CAP12_NS = 'urn:oasis:names:tc:emergency:cap:1.2';
export const XMLDSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

/** One child slot of an XSD `<sequence>`: its element name and whether it may repeat or be left out. */
type Slot = readonly [name: string, occurs: '1' | '?' | '*' | '+'];
type Children = Map<string, XmlElement[]>;

const ALERT: readonly Slot[] = [
  ['identifier', '1'],
  ['sender', '1'],
  ['sent', '1'],
  ['status', '1'],
  ['msgType', '1'],
  ['source', '?'],
  ['scope', '1'],
  ['restriction', '?'],
  ['addresses', '?'],
  ['code', '*'],
  ['note', '?'],
  ['references', '?'],
  ['incidents', '?'],
  ['info', '*'],
];
const INFO: readonly Slot[] = [
  ['language', '?'],
  ['category', '+'],
  ['event', '1'],
  ['responseType', '*'],
  ['urgency', '1'],
  ['severity', '1'],
  ['certainty', '1'],
  ['audience', '?'],
  ['eventCode', '*'],
  ['effective', '?'],
  ['onset', '?'],
  ['expires', '?'],
  ['senderName', '?'],
  ['headline', '?'],
  ['description', '?'],
  ['instruction', '?'],
  ['web', '?'],
  ['contact', '?'],
  ['parameter', '*'],
  ['resource', '*'],
  ['area', '*'],
];
const RESOURCE: readonly Slot[] = [
  ['resourceDesc', '1'],
  ['mimeType', '1'],
  ['size', '?'],
  ['uri', '?'],
  ['derefUri', '?'],
  ['digest', '?'],
];
const AREA: readonly Slot[] = [
  ['areaDesc', '1'],
  ['polygon', '*'],
  ['circle', '*'],
  ['geocode', '*'],
  ['altitude', '?'],
  ['ceiling', '?'],
];
const VALUE_PAIR: readonly Slot[] = [
  ['valueName', '1'],
  ['value', '1'],
];

/**
 * Reads one `<alert>` element in the CAP 1.2 namespace into a CapAlert, enforcing what the XSD enforces: element
 * order and counts, no stray elements, attributes or text, enumerations and lexical types. Spec rules beyond the
 * XSD are checked afterwards by checkCapRules.
 */
export function readAlert(el: XmlElement, path: string): CapAlert {
  const { children: c, trailing } = readSequence(el, ALERT, path, true);
  const references = optional(c, 'references');
  return {
    identifier: text(one(c, 'identifier')),
    sender: text(one(c, 'sender')),
    sent: time(one(c, 'sent'), path),
    status: choice(one(c, 'status'), CAP_STATUSES, path),
    msgType: choice(one(c, 'msgType'), CAP_MSG_TYPES, path),
    ...opt('source', optional(c, 'source'), text),
    scope: choice(one(c, 'scope'), CAP_SCOPES, path),
    ...opt('restriction', optional(c, 'restriction'), text),
    addresses: splitQuotedList(optionalText(c, 'addresses')),
    code: many(c, 'code').map(text),
    ...opt('note', optional(c, 'note'), text),
    references: references ? readReferences(references, path) : [],
    incidents: splitQuotedList(optionalText(c, 'incidents')),
    info: many(c, 'info').map((info, i) => readInfo(info, `${path}/info[${i}]`)),
    signed: trailing.some((t) => t.local === 'Signature'),
  };
}

function readInfo(el: XmlElement, path: string): CapInfo {
  const { children: c } = readSequence(el, INFO, path, false);
  const language = optional(c, 'language');
  return {
    language: language ? languageTag(language, path) : 'en-US',
    category: many(c, 'category').map((e) => choice(e, CAP_CATEGORIES, path)),
    event: text(one(c, 'event')),
    responseType: many(c, 'responseType').map((e) => choice(e, CAP_RESPONSE_TYPES, path)),
    urgency: choice(one(c, 'urgency'), CAP_URGENCIES, path),
    severity: choice(one(c, 'severity'), CAP_SEVERITIES, path),
    certainty: choice(one(c, 'certainty'), CAP_CERTAINTIES, path),
    ...opt('audience', optional(c, 'audience'), text),
    eventCode: many(c, 'eventCode').map((e, i) => readValuePair(e, `${path}/eventCode[${i}]`)),
    ...opt('effective', optional(c, 'effective'), (e) => time(e, path)),
    ...opt('onset', optional(c, 'onset'), (e) => time(e, path)),
    ...opt('expires', optional(c, 'expires'), (e) => time(e, path)),
    ...opt('senderName', optional(c, 'senderName'), text),
    ...opt('headline', optional(c, 'headline'), text),
    ...opt('description', optional(c, 'description'), text),
    ...opt('instruction', optional(c, 'instruction'), text),
    ...opt('web', optional(c, 'web'), collapsed),
    ...opt('contact', optional(c, 'contact'), text),
    parameter: many(c, 'parameter').map((e, i) => readValuePair(e, `${path}/parameter[${i}]`)),
    resource: many(c, 'resource').map((e, i) => readResource(e, `${path}/resource[${i}]`)),
    area: many(c, 'area').map((e, i) => readArea(e, `${path}/area[${i}]`)),
  };
}

function readResource(el: XmlElement, path: string): CapResource {
  const { children: c } = readSequence(el, RESOURCE, path, false);
  return {
    resourceDesc: text(one(c, 'resourceDesc')),
    mimeType: text(one(c, 'mimeType')),
    ...opt('size', optional(c, 'size'), (e) => number(e, path, parseInteger, 'an integer')),
    ...opt('uri', optional(c, 'uri'), collapsed),
    ...opt('derefUri', optional(c, 'derefUri'), text),
    ...opt('digest', optional(c, 'digest'), text),
  };
}

function readArea(el: XmlElement, path: string): CapArea {
  const { children: c } = readSequence(el, AREA, path, false);
  return {
    areaDesc: text(one(c, 'areaDesc')),
    // Pairs are whitespace-separated; one space between them is the canonical form and keeps round trips stable.
    polygon: many(c, 'polygon').map(collapsed),
    circle: many(c, 'circle').map(collapsed),
    geocode: many(c, 'geocode').map((e, i) => readValuePair(e, `${path}/geocode[${i}]`)),
    ...opt('altitude', optional(c, 'altitude'), (e) => number(e, path, parseDecimal, 'a decimal number')),
    ...opt('ceiling', optional(c, 'ceiling'), (e) => number(e, path, parseDecimal, 'a decimal number')),
  };
}

function readValuePair(el: XmlElement, path: string): CapValuePair {
  const { children: c } = readSequence(el, VALUE_PAIR, path, false);
  return { valueName: text(one(c, 'valueName')), value: text(one(c, 'value')) };
}

function readReferences(el: XmlElement, path: string): CapReference[] {
  // An empty <references/> occurs in real feeds (ECCC/NAAD) on new alerts; it means "none". Update and Cancel
  // still need at least one, which checkCapRules enforces.
  const items = collapseWhitespace(text(el)).split(' ').filter(Boolean);
  return items.map((item) => {
    const parts = item.split(',');
    const [sender = '', identifier = '', sent = ''] = parts;
    if (parts.length !== 3 || !sender || !identifier || !sent) {
      throw ruleError(`reference "${item}" is not "sender,identifier,sent"`, `${path}/references`, el);
    }
    return { sender, identifier, sent };
  });
}

/**
 * Matches an element's children against an XSD sequence. Names in a CAP sequence are all distinct, so a single
 * forward pointer decides it. With `allowSignature`, XML-DSig elements may follow the CAP ones (the XSD's `<any>`).
 */
function readSequence(
  el: XmlElement,
  slots: readonly Slot[],
  path: string,
  allowSignature: boolean,
): { children: Children; trailing: XmlElement[] } {
  checkAttributes(el, path);
  if (el.text.trim() !== '') throw schemaError(`<${el.local}> contains stray text`, path, el);
  const children: Children = new Map();
  const trailing: XmlElement[] = [];
  let slot = 0;
  for (const child of el.children) {
    if (allowSignature && child.uri === XMLDSIG_NS) {
      trailing.push(child);
      continue;
    }
    if (child.uri !== CAP12_NS) {
      throw schemaError(`unexpected element <${child.name}> (namespace "${child.uri}") in <${el.local}>`, path, child);
    }
    if (trailing.length > 0) throw schemaError(`<${child.local}> after the signature in <${el.local}>`, path, child);
    while (slot < slots.length && slots[slot]?.[0] !== child.local) slot++;
    const found = slots[slot];
    if (!found) {
      const known = slots.some(([name]) => name === child.local);
      const message = known
        ? `<${child.local}> is out of order in <${el.local}> (the CAP 1.2 schema fixes the order)`
        : `unexpected element <${child.local}> in <${el.local}>`;
      throw schemaError(message, path, child);
    }
    const list = children.get(child.local) ?? [];
    if (list.length > 0 && (found[1] === '1' || found[1] === '?')) {
      throw schemaError(`<${child.local}> may appear only once in <${el.local}>`, path, child);
    }
    list.push(child);
    children.set(child.local, list);
  }
  for (const [name, occurs] of slots) {
    if ((occurs === '1' || occurs === '+') && !children.has(name)) {
      throw schemaError(`<${el.local}> is missing the required element <${name}>`, path, el);
    }
  }
  return { children, trailing };
}

function checkAttributes(el: XmlElement, path: string): void {
  for (const a of el.attributes) {
    // xsi:schemaLocation is only a hint; it is never followed.
    const hint = a.uri === XSI_NS && (a.local === 'schemaLocation' || a.local === 'noNamespaceSchemaLocation');
    if (!hint) throw schemaError(`attribute "${a.name}" is not allowed on <${el.local}>`, path, el);
  }
}

function text(el: XmlElement): string {
  checkAttributes(el, el.local);
  if (el.children.length > 0) {
    throw schemaError(`<${el.local}> must hold text only, not <${el.children[0]?.local}>`, el.local, el);
  }
  return el.text;
}

function collapsed(el: XmlElement): string {
  return collapseWhitespace(text(el));
}

function choice<T extends string>(el: XmlElement, allowed: readonly T[], path: string): T {
  const value = text(el);
  const match = allowed.find((a) => a === value);
  if (match === undefined) {
    throw schemaError(`<${el.local}> "${value}" is not one of ${allowed.join(', ')}`, `${path}/${el.local}`, el);
  }
  return match;
}

function time(el: XmlElement, path: string): string {
  const value = collapsed(el);
  const problem = checkCapTime(value);
  if (problem) throw schemaError(`<${el.local}> ${problem}`, `${path}/${el.local}`, el);
  return value;
}

function languageTag(el: XmlElement, path: string): string {
  const value = collapsed(el);
  if (!/^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/.test(value)) {
    throw schemaError(`<language> "${value}" is not a language tag`, `${path}/language`, el);
  }
  return value;
}

function number(el: XmlElement, path: string, parse: (s: string) => number | undefined, kind: string): number {
  const value = collapsed(el);
  const n = parse(value);
  if (n === undefined) throw schemaError(`<${el.local}> "${value}" is not ${kind}`, `${path}/${el.local}`, el);
  return n;
}

function one(c: Children, name: string): XmlElement {
  const el = c.get(name)?.[0];
  // readSequence has already proved required elements present; reaching here is a bug in the slot tables.
  if (!el) throw new CapError('schema', `missing required element <${name}>`);
  return el;
}

function optional(c: Children, name: string): XmlElement | undefined {
  return c.get(name)?.[0];
}

function optionalText(c: Children, name: string): string {
  const el = optional(c, name);
  return el ? text(el) : '';
}

function many(c: Children, name: string): XmlElement[] {
  return c.get(name) ?? [];
}

/** Spreads `{ key: read(el) }` only when the element is present, so absent optionals stay absent in JSON. */
function opt<K extends string, V>(key: K, el: XmlElement | undefined, read: (el: XmlElement) => V): { [P in K]?: V } {
  if (!el) return {};
  // Boundary: a computed key widens to `string`; the single key is K by construction.
  return { [key]: read(el) } as { [P in K]?: V };
}

function schemaError(message: string, path: string, el: XmlElement): CapError {
  return new CapError('schema', message, { path, line: el.line });
}

function ruleError(message: string, path: string, el: XmlElement): CapError {
  return new CapError('rule', message, { path, line: el.line });
}
