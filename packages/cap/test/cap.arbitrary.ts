import fc from 'fast-check';
import {
  CAP_CATEGORIES,
  CAP_CERTAINTIES,
  CAP_RESPONSE_TYPES,
  CAP_SEVERITIES,
  CAP_STATUSES,
  CAP_URGENCIES,
  type CapAlert,
  type CapArea,
  type CapInfo,
  type CapResource,
  type CapValuePair,
} from '../src/index.ts';

// Valid CapAlert objects in canonical form (what parseCap would return), for emit → parse round trips.

const text = fc.string({
  unit: fc.oneof(
    fc.constantFrom('&', '<', '>', ']]>', '\r', '\r\n', '\n', '\t', ' ', '"', "'", 'é', '日', '😀'),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 30,
});
const idLike = fc.stringMatching(/^[A-Za-z0-9@._:/-]{1,24}$/);
const pad = (n: number): string => String(n).padStart(2, '0');

export const capTime = fc
  .record({
    y: fc.integer({ min: 1970, max: 2099 }),
    mo: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
    h: fc.integer({ min: 0, max: 23 }),
    mi: fc.integer({ min: 0, max: 59 }),
    s: fc.integer({ min: 0, max: 59 }),
    sign: fc.constantFrom('+', '-'),
    tzh: fc.integer({ min: 0, max: 13 }),
    tzm: fc.constantFrom(0, 30, 45),
  })
  .map(
    (t) => `${t.y}-${pad(t.mo)}-${pad(t.d)}T${pad(t.h)}:${pad(t.mi)}:${pad(t.s)}${t.sign}${pad(t.tzh)}:${pad(t.tzm)}`,
  );

const lat = fc.integer({ min: -900000, max: 900000 }).map((n) => (n / 10000).toFixed(4));
const lon = fc.integer({ min: -1800000, max: 1800000 }).map((n) => (n / 10000).toFixed(4));
const pair = fc.tuple(lat, lon).map(([a, b]) => `${a},${b}`);
const polygon = fc.array(pair, { minLength: 3, maxLength: 8 }).map((pairs) => [...pairs, pairs[0]].join(' '));
const circle = fc
  .tuple(pair, fc.integer({ min: 0, max: 50000 }))
  .map(([p, r]) => `${p} ${r % 7 === 0 ? String(r / 10) : (r / 10).toFixed(1)}`);
// Altitudes in feet with up to two decimals, plus the odd long fraction; CAP limits them to 18 digits.
const decimal = fc.oneof(
  fc.integer({ min: -100_000_000, max: 100_000_000 }).map((n) => n / 100),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => Number(x.toFixed(6)) || 0),
);
const valuePair: fc.Arbitrary<CapValuePair> = fc.record({ valueName: text, value: text });
// Items of whitespace-delimited lists: spaces are fine (they get quoted), double quotes are not.
const listItem = fc.string({ unit: fc.constantFrom('a', 'B', '7', ' ', '@', '.', 'é', '-'), maxLength: 12 });
const some = <T>(arb: fc.Arbitrary<T>, max = 3): fc.Arbitrary<T[]> => fc.array(arb, { maxLength: max });

const resource: fc.Arbitrary<CapResource> = fc.record(
  {
    resourceDesc: text,
    mimeType: fc.constantFrom('image/png', 'text/html; charset=utf-8', 'audio/x-ipaws-audio-mp3'),
    size: fc.nat(),
    uri: idLike.map((s) => `https://files.example/${s}`),
    derefUri: fc.uint8Array({ maxLength: 40 }).map((b) => btoa(String.fromCharCode(...b))),
    digest: fc.stringMatching(/^[0-9a-f]{40}$/),
  },
  { requiredKeys: ['resourceDesc', 'mimeType'] },
);

const area: fc.Arbitrary<CapArea> = fc
  .record({
    areaDesc: text,
    polygon: some(polygon),
    circle: some(circle),
    geocode: some(valuePair),
    heights: fc.option(fc.tuple(decimal, fc.option(decimal))),
  })
  .map(({ heights, ...rest }) => {
    if (!heights) return rest;
    const [a, b] = heights;
    return b === null ? { ...rest, altitude: a } : { ...rest, altitude: Math.min(a, b), ceiling: Math.max(a, b) };
  });

const info: fc.Arbitrary<CapInfo> = fc.record(
  {
    language: fc.constantFrom('en-US', 'fr', 'es-419', 'zh-Hant-TW'),
    category: fc.uniqueArray(fc.constantFrom(...CAP_CATEGORIES), { minLength: 1, maxLength: 3 }),
    event: text,
    responseType: some(fc.constantFrom(...CAP_RESPONSE_TYPES)),
    urgency: fc.constantFrom(...CAP_URGENCIES),
    severity: fc.constantFrom(...CAP_SEVERITIES),
    certainty: fc.constantFrom(...CAP_CERTAINTIES),
    audience: text,
    eventCode: some(valuePair),
    effective: capTime,
    onset: capTime,
    expires: capTime,
    senderName: text,
    headline: text,
    description: text,
    instruction: text,
    web: fc.oneof(
      fc.constant(''),
      idLike.map((s) => `https://www.example.org/${s}`),
    ),
    contact: text,
    parameter: some(valuePair),
    resource: some(resource, 2),
    area: some(area, 2),
  },
  {
    requiredKeys: [
      'language',
      'category',
      'event',
      'responseType',
      'urgency',
      'severity',
      'certainty',
      'eventCode',
      'parameter',
      'resource',
      'area',
    ],
  },
);

export const capAlert: fc.Arbitrary<CapAlert> = fc
  .record(
    {
      identifier: idLike,
      sender: idLike,
      sent: capTime,
      status: fc.constantFrom(...CAP_STATUSES),
      kind: fc.constantFrom('Alert', 'Update', 'Cancel', 'Ack', 'Error'),
      source: text,
      scope: fc.constantFrom('Public', 'Restricted', 'Private'),
      restriction: text,
      addresses: some(listItem),
      code: some(text),
      note: text,
      references: some(fc.record({ sender: idLike, identifier: idLike, sent: capTime })),
      incidents: some(listItem),
      info: some(info, 2),
    },
    { requiredKeys: ['identifier', 'sender', 'sent', 'status', 'kind', 'scope', 'addresses', 'code', 'references'] },
  )
  .map(({ kind, incidents, info: infos, ...a }): CapAlert => {
    // Satisfy the conditional rules rather than filtering, so every run is a useful one.
    const needsRefs = (kind === 'Update' || kind === 'Cancel') && a.references.length === 0;
    return {
      ...a,
      msgType: kind,
      scope: a.scope,
      ...(a.scope === 'Restricted' ? { restriction: `staff only ${a.restriction ?? ''}` } : {}),
      addresses: a.scope === 'Private' && a.addresses.length === 0 ? ['cell@mission.example'] : a.addresses,
      references: needsRefs ? [{ sender: a.sender, identifier: 'earlier', sent: a.sent }] : a.references,
      incidents: incidents ?? [],
      info: infos ?? [],
      signed: false,
    };
  });
