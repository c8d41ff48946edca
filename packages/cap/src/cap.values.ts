// Lexical rules for CAP values, shared by the parser (checking documents) and the emitter (checking objects).
// Each check returns a reason string when the value is wrong, so callers can attach their own path and code.

const TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([+-])(\d{2}):(\d{2})$/;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const INTEGER = /^[+-]?\d+$/;
const XML_WS = /[\t\n\r ]+/g;
// XML 1.0 Char production; with the u flag a lone surrogate counts as a code point and so matches.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** xs:whiteSpace="collapse", as the XSD applies to dates, numbers, URIs and languages. */
export function collapseWhitespace(s: string): string {
  return s.replace(XML_WS, ' ').trim();
}

export function isXmlText(s: string): boolean {
  return !NOT_XML_CHAR.test(s);
}

/**
 * CAP 1.2 dateTime: the XSD pattern (explicit offset, no `Z`, no fractions) plus the calendar checks xs:dateTime
 * adds (real month and day, hours below 24, offset within ±14:00).
 */
export function checkCapTime(s: string): string | undefined {
  const m = TIME.exec(s);
  if (!m) {
    if (/Z$|z$/.test(s)) return `time "${s}" uses "Z"; CAP 1.2 requires a numeric offset such as "-00:00"`;
    if (/\.\d/.test(s)) return `time "${s}" has fractional seconds, which CAP 1.2 does not allow`;
    return `time "${s}" is not of the form YYYY-MM-DDThh:mm:ss±hh:mm`;
  }
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, , tzh = 0, tzm = 0] = m.slice(1).map(Number);
  const daysInMonth = new Date(Date.UTC(2001, month, 0)).getUTCDate(); // 2001: not leap; Feb 29 checked below
  const bad =
    year === 0 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    (month === 2 && day === 29 ? !isLeap(year) : day > daysInMonth) ||
    hour > 23 ||
    minute > 59 ||
    second > 59 ||
    tzh > 14 ||
    tzm > 59 ||
    (tzh === 14 && tzm > 0);
  return bad ? `time "${s}" is not a real date and time` : undefined;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** Milliseconds since the epoch for a valid CAP time (its offset applied). */
export function capTimeToEpochMs(s: string): number {
  return Date.parse(s);
}

export function parseDecimal(s: string): number | undefined {
  return DECIMAL.test(s) ? Number(s) : undefined;
}

export function parseInteger(s: string): number | undefined {
  if (!INTEGER.test(s)) return undefined;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** Writes a number as xs:decimal, which has no exponent form (String(1e21) would be "1e+21"). */
export function toDecimalString(n: number): string {
  const s = String(n);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign = '', lead = '', frac = '', expText = '0'] = m;
  const digits = lead + frac;
  const point = 1 + Number(expText);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * Splits CAP's whitespace-delimited lists (`addresses`, `incidents`): items containing spaces are enclosed in
 * double quotes. An unclosed quote runs to the end rather than failing, as the XSD accepts any string here.
 */
export function splitQuotedList(s: string): string[] {
  const items: string[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s.charAt(i);
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (c === '"') {
      const end = s.indexOf('"', i + 1);
      items.push(s.slice(i + 1, end < 0 ? s.length : end));
      i = end < 0 ? s.length : end + 1;
    } else {
      const rest = /^[^\t\n\r ]+/.exec(s.slice(i))?.[0] ?? c;
      items.push(rest);
      i += rest.length;
    }
  }
  return items;
}

/** The inverse of splitQuotedList; undefined when an item cannot be written (quote plus whitespace). */
export function joinQuotedList(items: readonly string[]): string | undefined {
  const out: string[] = [];
  for (const item of items) {
    const plain = item !== '' && !/[\t\n\r ]/.test(item) && !item.startsWith('"');
    if (plain) out.push(item);
    else if (!item.includes('"')) out.push(`"${item}"`);
    else return undefined;
  }
  return out.join(' ');
}

export function checkIdentifierLike(s: string, what: string): string | undefined {
  if (s === '') return `${what} is empty`;
  if (/[\s,<&]/.test(s)) return `${what} "${s}" contains whitespace, a comma, "<" or "&", which CAP forbids`;
  return undefined;
}

export interface LatLon {
  lat: number;
  lon: number;
}

const COORD = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)),([+-]?(?:\d+(?:\.\d*)?|\.\d+))$/;

/** One WGS 84 "lat,lon" pair. */
export function parseLatLon(pair: string): LatLon | string {
  const m = COORD.exec(pair);
  if (!m) return `coordinate pair "${pair}" is not "lat,lon"`;
  const lat = Number(m[1]);
  const lon = Number(m[2]);
  if (lat < -90 || lat > 90) return `latitude ${m[1]} is outside -90..90`;
  if (lon < -180 || lon > 180) return `longitude ${m[2]} is outside -180..180`;
  return { lat, lon };
}

/** A CAP polygon: at least four pairs, first equal to last (spec 3.2.4). */
export function parsePolygonText(s: string): LatLon[] | string {
  const pairs = collapseWhitespace(s).split(' ').filter(Boolean);
  const points: LatLon[] = [];
  for (const pair of pairs) {
    const p = parseLatLon(pair);
    if (typeof p === 'string') return `polygon: ${p}`;
    points.push(p);
  }
  if (points.length < 4) return `polygon has ${points.length} coordinate pairs; CAP requires at least 4`;
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last || first.lat !== last.lat || first.lon !== last.lon) {
    return 'polygon is not closed: the first and last coordinate pairs differ';
  }
  return points;
}

export interface CircleValue {
  center: LatLon;
  radiusKm: number;
}

/** A CAP circle: "lat,lon radius" with the radius in kilometres (spec 3.2.4). */
export function parseCircleText(s: string): CircleValue | string {
  const parts = collapseWhitespace(s).split(' ');
  if (parts.length !== 2) return `circle "${s}" is not "lat,lon radius"`;
  const center = parseLatLon(parts[0] ?? '');
  if (typeof center === 'string') return `circle: ${center}`;
  const radiusKm = parseDecimal(parts[1] ?? '');
  if (radiusKm === undefined || radiusKm < 0) return `circle radius "${parts[1]}" is not a non-negative number`;
  return { center, radiusKm };
}
