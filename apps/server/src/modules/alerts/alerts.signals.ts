import { type CapAlert, type CapInfo, isCapError, parseCap, parseCapCircle, parseCapPolygon } from '@homeward/cap';
import { findRegion, isKnownCountry } from '@homeward/gazetteer';
import {
  ALERT_CATEGORIES,
  type AlertArea,
  type AlertDraftBody,
  type AlertTexts,
  type IncomingSignal,
  type IncomingSignalPage,
} from '@homeward/shared';
import type { Kysely } from 'kysely';
import { isoNow, newId } from '../../clock.ts';
import type { Database, Db } from '../../db/schema.ts';
import { ProblemError } from '../../http/problem.ts';
import type { Actor } from '../../policy/actor.ts';
import { canWriteAlerts } from '../../policy/alerts.policy.ts';
import { type AuditSource, appendAudit } from '../audit/audit.service.ts';
import { validateArea } from '../targeting/targeting.validate.ts';
import { findSignal, findSignalByKey, insertSignal, listSignals, type SignalRow } from './alerts.repo.ts';

/** Uploaded CAP files are bounded like the CLI's input (decision 0004). */
export const MAX_SIGNAL_BYTES = 2 * 1024 * 1024;

/**
 * The areas of a CAP alert as a targeting area: polygons and circles as drawn, ISO 3166 geocodes as countries
 * and regions. Other geocodes (FIPS, EMMA_ID, …) cannot be mapped offline and are left out; an area the
 * targeting engine refuses (e.g. a polygon that crosses itself) gives null, and staff draw it again.
 */
export function targetingAreaOf(info: readonly CapInfo[]): AlertArea | null {
  const countries = new Set<string>();
  const regions = new Set<string>();
  const circles: NonNullable<AlertArea['circles']> = [];
  const polygons: NonNullable<AlertArea['polygons']> = [];
  for (const area of info.flatMap((i) => i.area)) {
    for (const text of area.polygon) {
      // A polygon the targeting engine refuses (crossing itself, as some partners' simplified outlines do) is
      // left out rather than losing the whole area; staff see the area on the map before sending.
      const polygon = { type: 'Polygon' as const, coordinates: [parseCapPolygon(text)] };
      if (polygons.length < 100 && isValidArea({ polygons: [polygon] })) polygons.push(polygon);
    }
    for (const text of area.circle) {
      const circle = parseCapCircle(text);
      if (circle.radiusKm > 0)
        circles.push({ lat: circle.center[1], lon: circle.center[0], radiusKm: Math.min(circle.radiusKm, 2000) });
    }
    for (const { valueName, value } of area.geocode) {
      const name = valueName.replace(/[\s_-]/g, '').toUpperCase();
      const code = value.trim().toUpperCase();
      if (name.startsWith('ISO31661') && isKnownCountry(code)) countries.add(code);
      if (name.startsWith('ISO31662') && findRegion(code)) regions.add(code);
    }
  }
  const area: AlertArea = {};
  if (countries.size > 0) area.countries = [...countries].sort();
  if (regions.size > 0) area.regions = [...regions].sort();
  if (circles.length > 0) area.circles = circles;
  if (polygons.length > 0) area.polygons = polygons;
  return isValidArea(area) ? area : null;
}

function isValidArea(area: AlertArea): boolean {
  try {
    validateArea(area);
    return true;
  } catch {
    return false;
  }
}

const pick = <T extends string>(values: readonly T[], value: string | undefined, fallback: T): T =>
  values.includes(value as T) ? (value as T) : fallback;

/** A draft prefilled from the signal: its texts per language, CAP fields and the same area. */
export function draftFromCap(cap: CapAlert, signalId: string): Partial<AlertDraftBody> {
  const texts: AlertTexts = {};
  for (const info of cap.info) {
    const language = info.language.toLowerCase().startsWith('zh')
      ? 'zh-CN'
      : info.language.toLowerCase().startsWith('en')
        ? 'en'
        : null;
    if (!language || texts[language]) continue;
    texts[language] = {
      headline: (info.headline ?? info.event).slice(0, 160),
      description: (info.description ?? info.event).slice(0, 8000),
      instruction: (info.instruction ?? '').slice(0, 4000),
    };
  }
  const first = cap.info[0];
  const area = targetingAreaOf(cap.info);
  const country = area?.countries?.[0] ?? area?.regions?.[0]?.slice(0, 2);
  const draft: Partial<AlertDraftBody> = {
    texts,
    category: pick(ALERT_CATEGORIES, first?.category[0], 'Other'),
    urgency: first?.urgency ?? 'Unknown',
    severity: first?.severity ?? 'Unknown',
    certainty: first?.certainty ?? 'Unknown',
    checkin: false,
    signalId,
  };
  if (area) draft.area = area;
  if (country) draft.country = country;
  // An expiry already past (an old partner alert) is left for staff to set.
  if (first?.expires && Date.parse(first.expires) > Date.now()) draft.expires = new Date(first.expires).toISOString();
  return draft;
}

export function toSignalDto(row: SignalRow): IncomingSignal {
  const cap = JSON.parse(row.cap) as CapAlert;
  const first = cap.info[0];
  const draft = draftFromCap(cap, row.id);
  return {
    id: row.id,
    receivedAt: row.receivedAt,
    origin: row.origin,
    originUrl: row.originUrl,
    identifier: row.identifier,
    sender: row.sender,
    sent: row.sent,
    msgType: cap.msgType,
    headline: first?.headline ?? first?.event ?? '',
    event: first?.event ?? '',
    severity: first?.severity ?? 'Unknown',
    area: draft.area ?? null,
    alertId: row.alertId,
    draft,
  };
}

/**
 * Parses a CAP file (a single alert, an `<alerts>` wrapper or an EDXL-DE envelope) and keeps each alert as an
 * incoming signal; the same alert (sender, identifier, sent) received twice is kept once.
 * @throws ProblemError 422 cap_invalid with the parser's one-line reason
 */
export async function receiveCap(
  db: Kysely<Database>,
  actor: Actor | null,
  input: { xml: string; origin: 'upload' | 'poll'; originUrl?: string | null },
  source: AuditSource,
): Promise<IncomingSignal[]> {
  if (actor && !canWriteAlerts(actor)) throw new ProblemError(403, 'forbidden');
  let alerts: CapAlert[];
  try {
    alerts = parseCap(input.xml, { maxBytes: MAX_SIGNAL_BYTES });
  } catch (error) {
    if (isCapError(error))
      throw new ProblemError(422, 'cap_invalid', error.message, [{ field: '/xml', message: error.message }]);
    throw error;
  }
  return (await recordCapAlerts(db, actor, alerts, input, source)).items;
}

/**
 * Keeps parsed CAP alerts as incoming signals in one transaction, each (sender, identifier, sent) once; returns
 * them all and how many were new. Used by uploads and by the feed poller (`alerts.poll.ts`).
 */
export async function recordCapAlerts(
  db: Kysely<Database>,
  actor: Actor | null,
  alerts: readonly CapAlert[],
  input: { origin: 'upload' | 'poll'; originUrl?: string | null },
  source: AuditSource,
): Promise<{ items: IncomingSignal[]; inserted: number }> {
  return db.transaction().execute(async (trx) => {
    const out: IncomingSignal[] = [];
    let inserted = 0;
    for (const cap of alerts) {
      const id = newId();
      const key = { sender: cap.sender, identifier: cap.identifier, sent: cap.sent };
      const isNew = await insertSignal(trx, {
        id,
        receivedAt: isoNow(),
        origin: input.origin,
        originUrl: input.originUrl ?? null,
        ...key,
        cap: JSON.stringify(cap),
        receivedBy: actor?.id ?? null,
        alertId: null,
      });
      const row = isNew ? await findSignal(trx, id) : await findSignalByKey(trx, key);
      if (row) out.push(toSignalDto(row));
      if (isNew) inserted += 1;
      if (isNew)
        await appendAudit(trx, source, {
          action: 'alert.signal_receive',
          record: { type: 'incoming_signal', id },
          details: { sender: cap.sender, identifier: cap.identifier, origin: input.origin },
        });
    }
    return { items: out, inserted };
  });
}

export async function searchSignals(db: Db, actor: Actor, page: number, pageSize: number): Promise<IncomingSignalPage> {
  if (!canWriteAlerts(actor)) throw new ProblemError(403, 'forbidden');
  const { rows, total } = await listSignals(db, page, pageSize);
  return { items: rows.map(toSignalDto), total, page, pageSize };
}

export async function viewSignal(db: Db, actor: Actor, id: string): Promise<IncomingSignal> {
  if (!canWriteAlerts(actor)) throw new ProblemError(403, 'forbidden');
  const row = await findSignal(db, id);
  if (!row) throw new ProblemError(404, 'not_found');
  return toSignalDto(row);
}
