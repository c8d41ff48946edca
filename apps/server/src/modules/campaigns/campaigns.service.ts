import { isKnownCountry } from '@homeward/gazetteer';
import { VALUE_SETS, type ValueSetName } from '@homeward/hcert';
import type {
  CampaignBody,
  CampaignDetail,
  CampaignPage,
  CampaignSession,
  CampaignSessionBody,
  CampaignSite,
  CampaignSiteBody,
  CampaignStatus,
  CampaignUpdateBody,
  Locale,
} from '@homeward/shared';
import type { Kysely } from 'kysely';
import { isoNow, newId } from '../../clock.ts';
import type { Database, Db } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { ProblemError } from '../../http/problem.ts';
import type { Actor } from '../../policy/actor.ts';
import { canEditCampaigns } from '../../policy/campaigns.policy.ts';
import { type AuditSource, appendAudit } from '../audit/audit.service.ts';
import { findMission } from '../missions/missions.repo.ts';
import { fieldProblem } from '../registry/registry.fields.ts';
import { toCampaignDto, toSessionDto, toSiteDto } from './campaigns.presenter.ts';
import {
  type CampaignRow,
  countCampaigns,
  countSeatsWhere,
  countsOf,
  deleteSession,
  deleteSite,
  findCampaign,
  findSession,
  findSite,
  insertCampaign,
  insertSession,
  insertSite,
  listCampaigns,
  listSessionsOf,
  listSitesOf,
  type SiteRow,
  seatsPerSession,
  setCampaignStatus,
  updateCampaign,
  updateSite,
} from './campaigns.repo.ts';
import { isCalendarDate, minutesOf, slotsOfSession } from './campaigns.rules.ts';

/** HQ's side of campaigns (decision 0024): campaigns, sites and sessions; every change is audited. */

function requireEditor(actor: Actor): void {
  if (!canEditCampaigns(actor)) throw new ProblemError(403, 'forbidden');
}

export async function campaignOr404(db: Db, id: string): Promise<CampaignRow> {
  const row = await findCampaign(db, id);
  if (!row) throw new ProblemError(404, 'not_found');
  return row;
}

const DCC_FIELDS: Array<['prophylaxisCode' | 'productCode' | 'manufacturerCode', ValueSetName]> = [
  ['prophylaxisCode', 'vaccineProphylaxis'],
  ['productCode', 'vaccineProduct'],
  ['manufacturerCode', 'vaccineManufacturer'],
];

/** Checks what the schema cannot: dates in order, ages, countries, groups, the vaccine and its DCC codes. */
function checkCampaignBody(body: CampaignBody, locale: Locale): void {
  if (Date.parse(body.registrationClosesAt) <= Date.parse(body.registrationOpensAt)) {
    throw fieldProblem(422, 'dates_invalid', '/body/registrationClosesAt', locale, 'closes before it opens');
  }
  const { minAge, maxAge, countries, priorityGroups } = body.eligibility;
  if (minAge !== null && maxAge !== null && maxAge < minAge) {
    throw fieldProblem(422, 'validation_failed', '/body/eligibility/maxAge', locale, 'below the minimum age', 'range');
  }
  countries.forEach((c, i) => {
    if (!isKnownCountry(c)) throw fieldProblem(422, 'country_unknown', `/body/eligibility/countries/${i}`, locale, c);
  });
  const codes = new Set<string>();
  priorityGroups.forEach((g, i) => {
    if (codes.has(g.code)) {
      throw fieldProblem(422, 'validation_failed', `/body/eligibility/priorityGroups/${i}/code`, locale, 'repeated');
    }
    codes.add(g.code);
  });
  if (body.kind === 'vaccination' && !body.vaccine) {
    throw fieldProblem(
      422,
      'validation_failed',
      '/body/vaccine',
      locale,
      'a vaccination needs its vaccine',
      'required',
    );
  }
  if (body.kind !== 'vaccination' && body.vaccine) {
    throw fieldProblem(422, 'validation_failed', '/body/vaccine', locale, 'only a vaccination has a vaccine');
  }
  for (const [field, set] of DCC_FIELDS) {
    const code = body.vaccine?.[field];
    if (code && !(code in VALUE_SETS[set])) {
      throw fieldProblem(422, 'validation_failed', `/body/vaccine/${field}`, locale, `unknown code ${code}`, 'enum');
    }
  }
}

function campaignColumns(body: CampaignBody) {
  return {
    code: body.code,
    kind: body.kind,
    titleEn: body.title.en.trim(),
    titleZh: body.title['zh-CN'].trim(),
    descriptionEn: body.description.en.trim(),
    descriptionZh: body.description['zh-CN'].trim(),
    registrationOpensAt: new Date(body.registrationOpensAt).toISOString(),
    registrationClosesAt: new Date(body.registrationClosesAt).toISOString(),
    allocation: body.allocation,
    countries: JSON.stringify([...new Set(body.eligibility.countries)].sort()),
    minAge: body.eligibility.minAge,
    maxAge: body.eligibility.maxAge,
    priorityGroups: JSON.stringify([...body.eligibility.priorityGroups].sort((a, b) => a.rank - b.rank)),
    vaccine: body.vaccine ? JSON.stringify(body.vaccine) : null,
  };
}

/** A campaign with its sites and their sessions (each with its slots, capacity and seats given). */
export async function viewCampaign(db: Db, id: string): Promise<CampaignDetail> {
  const row = await campaignOr404(db, id);
  const [counts, sites, sessions, seats] = await Promise.all([
    countsOf(db, [id]),
    listSitesOf(db, id),
    listSessionsOf(db, id),
    seatsPerSession(db, id),
  ]);
  return {
    ...toCampaignDto(row, counts.get(id)),
    sites: sites.map((site) => ({
      ...toSiteDto(site),
      sessions: sessions
        .filter((s) => s.siteId === site.id)
        .map((s) => toSessionDto(s, site.timeZone, seats.get(s.id) ?? 0)),
    })),
  };
}

export async function listCampaignsPage(
  db: Db,
  query: { status?: CampaignStatus; q?: string; page: number; pageSize: number },
): Promise<CampaignPage> {
  const filter = { status: query.status, q: query.q?.trim() || undefined };
  const [total, rows] = await Promise.all([
    countCampaigns(db, filter),
    listCampaigns(db, filter, query.pageSize, (query.page - 1) * query.pageSize),
  ]);
  const counts = await countsOf(
    db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => toCampaignDto(r, counts.get(r.id))),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function createCampaign(
  db: Kysely<Database>,
  actor: Actor,
  body: CampaignBody,
  source: AuditSource,
  locale: Locale,
  now: Date = new Date(),
): Promise<CampaignDetail> {
  requireEditor(actor);
  checkCampaignBody(body, locale);
  const id = newId();
  const at = isoNow(now);
  await inTransaction(db, async (trx) => {
    const fresh = { id, ...campaignColumns(body), status: 'draft' as const, version: 1, createdBy: actor.id };
    if (!(await insertCampaign(trx, { ...fresh, createdAt: at, updatedAt: at }))) {
      throw fieldProblem(409, 'campaign_code_taken', '/body/code', locale, `${body.code} is taken`);
    }
    await appendAudit(trx, source, {
      action: 'campaign.create',
      record: { type: 'campaign', id },
      details: { code: body.code },
    });
  });
  return viewCampaign(db, id);
}

/** Edits a campaign over the version the editor saw (409 version_conflict otherwise). */
export async function editCampaign(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  body: CampaignUpdateBody,
  source: AuditSource,
  locale: Locale,
  now: Date = new Date(),
): Promise<CampaignDetail> {
  requireEditor(actor);
  await campaignOr404(db, id);
  const { version, ...fields } = body;
  checkCampaignBody(fields, locale);
  await inTransaction(db, async (trx) => {
    const other = await trx.selectFrom('campaigns').select('id').where('code', '=', fields.code).executeTakeFirst();
    if (other && other.id !== id) {
      throw fieldProblem(409, 'campaign_code_taken', '/body/code', locale, `${fields.code} is taken`);
    }
    if (!(await updateCampaign(trx, id, version, { ...campaignColumns(fields), updatedAt: isoNow(now) }))) {
      throw new ProblemError(409, 'version_conflict', `the campaign is no longer at version ${version}`);
    }
    await appendAudit(trx, source, { action: 'campaign.update', record: { type: 'campaign', id } });
  });
  return viewCampaign(db, id);
}

/** Opens a draft with at least one site for registration, or closes an open campaign. */
export async function changeCampaignStatus(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  to: 'open' | 'closed',
  source: AuditSource,
  now: Date = new Date(),
): Promise<CampaignDetail> {
  requireEditor(actor);
  const row = await campaignOr404(db, id);
  const from: CampaignStatus = to === 'open' ? 'draft' : 'open';
  if (to === 'open' && (await listSitesOf(db, id)).length === 0) {
    throw new ProblemError(409, 'campaign_status_conflict', 'a campaign opens with at least one site');
  }
  await inTransaction(db, async (trx) => {
    if (!(await setCampaignStatus(trx, id, from, to, isoNow(now)))) {
      throw new ProblemError(409, 'campaign_status_conflict', `the campaign is ${row.status}, not ${from}`);
    }
    await appendAudit(trx, source, {
      action: `campaign.${to === 'open' ? 'open' : 'close'}`,
      record: { type: 'campaign', id },
    });
  });
  return viewCampaign(db, id);
}

async function checkSiteBody(db: Db, campaign: CampaignRow, body: CampaignSiteBody, locale: Locale) {
  const mission = await findMission(db, body.missionCode);
  if (!mission) throw fieldProblem(422, 'validation_failed', '/body/missionCode', locale, 'no such mission', 'enum');
  const countries = JSON.parse(campaign.countries) as string[];
  if (!countries.includes(body.country)) {
    throw fieldProblem(
      422,
      'validation_failed',
      '/body/country',
      locale,
      'not one of the campaign’s countries',
      'enum',
    );
  }
  const timeZone = body.timeZone ?? mission.timezone;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw fieldProblem(422, 'validation_failed', '/body/timeZone', locale, `${timeZone} is not a time zone`, 'format');
  }
  return {
    kind: body.kind,
    missionCode: body.missionCode,
    nameEn: body.name.en.trim(),
    nameZh: body.name['zh-CN'].trim(),
    address: body.address.trim(),
    lat: body.lat,
    lon: body.lon,
    country: body.country,
    timeZone,
  };
}

export async function addSite(
  db: Kysely<Database>,
  actor: Actor,
  campaignId: string,
  body: CampaignSiteBody,
  source: AuditSource,
  locale: Locale,
): Promise<CampaignSite> {
  requireEditor(actor);
  const campaign = await campaignOr404(db, campaignId);
  const fields = await checkSiteBody(db, campaign, body, locale);
  const at = isoNow();
  const row: SiteRow = { id: newId(), campaignId, ...fields, createdAt: at, updatedAt: at };
  await inTransaction(db, async (trx) => {
    await insertSite(trx, row);
    await appendAudit(trx, source, {
      action: 'campaign.site_add',
      record: { type: 'campaign_site', id: row.id, missionCode: row.missionCode },
      details: { campaignId },
    });
  });
  return toSiteDto(row);
}

async function siteOr404(db: Db, campaignId: string, siteId: string): Promise<SiteRow> {
  const site = await findSite(db, campaignId, siteId);
  if (!site) throw new ProblemError(404, 'not_found');
  return site;
}

export async function editSite(
  db: Kysely<Database>,
  actor: Actor,
  campaignId: string,
  siteId: string,
  body: CampaignSiteBody,
  source: AuditSource,
  locale: Locale,
): Promise<CampaignSite> {
  requireEditor(actor);
  const campaign = await campaignOr404(db, campaignId);
  const site = await siteOr404(db, campaignId, siteId);
  const fields = await checkSiteBody(db, campaign, body, locale);
  // Seats already given keep their instants; moving a site's time zone would move every slot.
  if (fields.timeZone !== site.timeZone && (await countSeatsWhere(db, 'siteId', siteId)) > 0) {
    throw fieldProblem(409, 'site_in_use', '/body/timeZone', locale, 'people have places at this site');
  }
  const at = isoNow();
  await inTransaction(db, async (trx) => {
    await updateSite(trx, siteId, { ...fields, updatedAt: at });
    await appendAudit(trx, source, {
      action: 'campaign.site_update',
      record: { type: 'campaign_site', id: siteId, missionCode: fields.missionCode },
    });
  });
  return toSiteDto({ ...site, ...fields, updatedAt: at });
}

export async function removeSite(
  db: Kysely<Database>,
  actor: Actor,
  campaignId: string,
  siteId: string,
  source: AuditSource,
): Promise<void> {
  requireEditor(actor);
  const site = await siteOr404(db, campaignId, siteId);
  await inTransaction(db, async (trx) => {
    if ((await countSeatsWhere(trx, 'siteId', siteId)) > 0) {
      throw new ProblemError(409, 'site_in_use', 'people have places at this site');
    }
    await deleteSite(trx, siteId);
    await appendAudit(trx, source, {
      action: 'campaign.site_remove',
      record: { type: 'campaign_site', id: siteId, missionCode: site.missionCode },
    });
  });
}

export async function addSession(
  db: Kysely<Database>,
  actor: Actor,
  campaignId: string,
  siteId: string,
  body: CampaignSessionBody,
  source: AuditSource,
  locale: Locale,
  now: Date = new Date(),
): Promise<CampaignSession> {
  requireEditor(actor);
  const site = await siteOr404(db, campaignId, siteId);
  if (!isCalendarDate(body.date)) throw fieldProblem(422, 'dates_invalid', '/body/date', locale, 'not a date');
  const startMinute = minutesOf(body.startTime);
  const endMinute = minutesOf(body.endTime);
  if (endMinute <= startMinute) {
    throw fieldProblem(422, 'validation_failed', '/body/endTime', locale, 'ends before it starts', 'range');
  }
  const row = {
    id: newId(),
    campaignId,
    siteId,
    date: body.date,
    startMinute,
    endMinute,
    slotMinutes: body.slotMinutes,
    capacityPerSlot: body.capacityPerSlot,
    createdAt: isoNow(now),
  };
  const slots = slotsOfSession(row, site.timeZone);
  if (slots.length === 0) {
    throw fieldProblem(422, 'validation_failed', '/body/endTime', locale, 'shorter than a slot', 'range');
  }
  if ((slots.at(-1)?.end ?? '') <= now.toISOString()) {
    throw fieldProblem(422, 'dates_invalid', '/body/date', locale, 'the session is over already');
  }
  await inTransaction(db, async (trx) => {
    await insertSession(trx, row);
    await appendAudit(trx, source, {
      action: 'campaign.session_add',
      record: { type: 'campaign_session', id: row.id, missionCode: site.missionCode },
      details: { campaignId, siteId, date: row.date, capacity: slots.length * row.capacityPerSlot },
    });
  });
  return toSessionDto(row, site.timeZone, 0);
}

export async function removeSession(
  db: Kysely<Database>,
  actor: Actor,
  campaignId: string,
  siteId: string,
  sessionId: string,
  source: AuditSource,
): Promise<void> {
  requireEditor(actor);
  const site = await siteOr404(db, campaignId, siteId);
  if (!(await findSession(db, siteId, sessionId))) throw new ProblemError(404, 'not_found');
  await inTransaction(db, async (trx) => {
    if ((await countSeatsWhere(trx, 'sessionId', sessionId)) > 0) {
      throw new ProblemError(409, 'session_in_use', 'people have places in this session');
    }
    await deleteSession(trx, sessionId);
    await appendAudit(trx, source, {
      action: 'campaign.session_remove',
      record: { type: 'campaign_session', id: sessionId, missionCode: site.missionCode },
    });
  });
}
