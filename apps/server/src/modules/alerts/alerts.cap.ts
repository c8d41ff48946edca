import type { CapAlert, CapArea, CapInfo, CapReference } from '@homeward/cap';
import type { AlertArea, AlertText, AlertTexts, LocalizedText } from '@homeward/shared';
import { countryNameOf } from '../registry/registry.presenter.ts';
import type { AlertRow } from './alerts.repo.ts';

/** What a CAP document needs from the deployment: who sends it and where the public pages are. */
export interface CapContext {
  /** The CAP `sender`: an identifier of this deployment (no spaces, commas, `<` or `&`). */
  sender: string;
  publicUrl: string;
  hotline: string;
  ministry: LocalizedText;
}

/** CAP 1.2 times: an explicit offset, no `Z`, no fractions (the XSD's pattern). Stored times are UTC. */
export function capTime(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 19)}+00:00`;
}

/** The CAP sender of a deployment: `homeward@<host of the public URL>`. */
export function capSenderOf(publicUrl: string): string {
  let host = 'homeward.localhost';
  try {
    host = new URL(publicUrl).host || host;
  } catch {
    // An unparsable public URL falls back to the placeholder host; config validates it elsewhere.
  }
  return `homeward@${host.replace(/[\s,<&]/g, '')}`;
}

/** Decimal text the CAP value rules accept (no exponent, at most 6 places: ~0.1 m). */
function decimal(value: number): string {
  return String(Number(value.toFixed(6)));
}

type Ring = number[][];

/** The outer rings of the area's polygons: CAP has no holes, so an inner ring cannot be said and is left out. */
function outerRings(area: AlertArea): Ring[] {
  const rings: Ring[] = [];
  for (const polygon of area.polygons ?? []) {
    // Boundary: the targeting engine validated these coordinates before the alert was saved.
    if (polygon.type === 'Polygon') rings.push((polygon.coordinates as Ring[])[0] ?? []);
    else for (const part of polygon.coordinates as Ring[][]) rings.push(part[0] ?? []);
  }
  return rings.filter((ring) => ring.length >= 4);
}

/** The area as one CAP `<area>`: polygons and circles as CAP writes them, countries and regions as geocodes. */
export function capAreaOf(area: AlertArea, language: 'en' | 'zh-CN'): CapArea {
  const names = [...(area.countries ?? []).map((c) => countryNameOf(c)[language]), ...(area.regions ?? [])];
  const shapes = (area.circles?.length ?? 0) + (area.polygons?.length ?? 0);
  if (shapes > 0)
    names.push(language === 'en' ? `${shapes} area(s) drawn on the map` : `地图上划定的 ${shapes} 个区域`);
  return {
    areaDesc: names.join(language === 'en' ? ', ' : '、'),
    polygon: outerRings(area).map((ring) =>
      ring.map(([lon = 0, lat = 0]) => `${decimal(lat)},${decimal(lon)}`).join(' '),
    ),
    circle: (area.circles ?? []).map((c) => `${decimal(c.lat)},${decimal(c.lon)} ${decimal(c.radiusKm)}`),
    geocode: [
      ...(area.countries ?? []).map((value) => ({ valueName: 'ISO3166-1', value })),
      ...(area.regions ?? []).map((value) => ({ valueName: 'ISO3166-2', value })),
    ],
  };
}

export function textsOf(row: AlertRow): AlertTexts {
  return JSON.parse(row.texts) as AlertTexts;
}

export function areaOf(row: AlertRow): AlertArea {
  return JSON.parse(row.area) as AlertArea;
}

function infoOf(row: AlertRow, language: 'en' | 'zh-CN', text: AlertText, ctx: CapContext): CapInfo {
  const info: CapInfo = {
    language,
    // Boundary: the columns only receive values checked against the CAP enumerations (AlertDraftBodySchema).
    category: [row.category as CapInfo['category'][number]],
    event: text.headline,
    responseType: [],
    urgency: row.urgency as CapInfo['urgency'],
    severity: row.severity as CapInfo['severity'],
    certainty: row.certainty as CapInfo['certainty'],
    eventCode: [],
    senderName: row.senderName,
    headline: text.headline,
    description: text.description,
    web: `${ctx.publicUrl}/alerts/${row.id}`,
    contact: ctx.hotline,
    parameter: [],
    resource: [],
    area: [capAreaOf(areaOf(row), language)],
  };
  if (row.effective) info.effective = capTime(row.effective);
  if (row.expires) info.expires = capTime(row.expires);
  if (text.instruction.trim()) info.instruction = text.instruction;
  return info;
}

/**
 * One CAP 1.2 message of an alert: an `<info>` per language written, Update and Cancel referencing every
 * earlier message (spec 3.2.1: references name all messages this one replaces).
 */
export function alertToCap(
  row: AlertRow,
  message: { id: string; msgType: 'Alert' | 'Update' | 'Cancel'; sent: string; note?: string },
  references: CapReference[],
  ctx: CapContext,
): CapAlert {
  const texts = textsOf(row);
  const info: CapInfo[] = [];
  for (const language of ['en', 'zh-CN'] as const) {
    const text = texts[language];
    if (text) info.push(infoOf(row, language, text, ctx));
  }
  const cap: CapAlert = {
    identifier: message.id,
    sender: ctx.sender,
    sent: message.sent,
    status: 'Actual',
    msgType: message.msgType,
    source: `${ctx.ministry.en} / ${ctx.ministry['zh-CN']}`,
    scope: 'Public',
    addresses: [],
    code: [],
    references,
    incidents: [],
    info,
    signed: false,
  };
  if (message.note) cap.note = message.note;
  return cap;
}
