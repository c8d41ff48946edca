import type {
  CampaignRegistration,
  CampaignRegistrationPage,
  CampaignRegistrationStatus,
  CampaignSiteDay,
  DoseRecord,
  DoseRecordBody,
  Locale,
} from '@homeward/shared';
import type { Kysely } from 'kysely';
import { isoNow, newId } from '../../clock.ts';
import type { Database, Db } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { ProblemError } from '../../http/problem.ts';
import type { Actor } from '../../policy/actor.ts';
import { campaignRegistrationScope, canWorkCampaignSite } from '../../policy/campaigns.policy.ts';
import { localDateOf } from '../appointments/appointments.slots.ts';
import { type AuditSource, appendAudit } from '../audit/audit.service.ts';
import { fieldProblem } from '../registry/registry.fields.ts';
import { readCampaignCheckInCode } from './campaigns.check-in-code.ts';
import { toDoseDto, toRegistrationDto, toSiteDto } from './campaigns.presenter.ts';
import {
  countStaffRegistrations,
  findStaffRegistration,
  insertDose,
  listDosesOf,
  listStaffRegistrations,
  type StaffRegistrationRow,
  setRegistrationStatus,
} from './campaigns.registrations.repo.ts';
import { findSite, findSiteById, listSitesOf, type SiteRow } from './campaigns.repo.ts';
import { dayBounds, isCalendarDate } from './campaigns.rules.ts';
import { campaignOr404 } from './campaigns.service.ts';

/**
 * The mission staff's side of campaigns (decision 0024): who is coming, check-in by the QR code, dose records,
 * no-shows. A site is worked by its mission's officers and head (and HQ); another mission's site or registration
 * is as absent as one that does not exist. Staff reads of people are audited.
 */

async function presentAll(db: Db, campaignId: string, rows: StaffRegistrationRow[]): Promise<CampaignRegistration[]> {
  const sites = new Map((await listSitesOf(db, campaignId)).map((s) => [s.id, s]));
  const doses = await listDosesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toRegistrationDto(r, sites, doses));
}

export async function listRegistrationsPage(
  db: Db,
  actor: Actor,
  campaignId: string,
  query: {
    siteId?: string;
    status?: CampaignRegistrationStatus;
    priorityGroup?: string;
    q?: string;
    page: number;
    pageSize: number;
  },
  source: AuditSource,
): Promise<CampaignRegistrationPage> {
  await campaignOr404(db, campaignId);
  const scope = campaignRegistrationScope(actor);
  if (scope === 'none') throw new ProblemError(403, 'forbidden');
  const filter = {
    campaignId,
    siteId: query.siteId,
    status: query.status,
    priorityGroup: query.priorityGroup,
    q: query.q?.trim() || undefined,
    ...(scope === 'all' ? {} : { missions: scope.missions }),
  };
  const [total, rows] = await Promise.all([
    countStaffRegistrations(db, filter),
    listStaffRegistrations(db, filter, query.pageSize, (query.page - 1) * query.pageSize),
  ]);
  await appendAudit(db, source, {
    action: 'campaign.registrations_view',
    record: { type: 'campaign', id: campaignId },
    details: { ...query, results: rows.length },
  });
  return { items: await presentAll(db, campaignId, rows), total, page: query.page, pageSize: query.pageSize };
}

async function workableSite(db: Db, actor: Actor, campaignId: string, siteId: string): Promise<SiteRow> {
  const site = await findSite(db, campaignId, siteId);
  if (!site || !canWorkCampaignSite(actor, site)) throw new ProblemError(404, 'not_found');
  return site;
}

/** A site's local day: everyone seated there that day, by slot. Audited. */
export async function viewSiteDay(
  db: Db,
  actor: Actor,
  campaignId: string,
  siteId: string,
  date: string,
  source: AuditSource,
  locale: Locale,
): Promise<CampaignSiteDay> {
  if (!isCalendarDate(date)) throw fieldProblem(422, 'dates_invalid', '/query/date', locale, 'not a date');
  const site = await workableSite(db, actor, campaignId, siteId);
  const [from, to] = dayBounds(date, site.timeZone);
  const rows = await listStaffRegistrations(db, { campaignId, siteId, slotFrom: from, slotTo: to }, 1000, 0);
  await appendAudit(db, source, {
    action: 'campaign.day_view',
    record: { type: 'campaign_site', id: siteId, missionCode: site.missionCode },
    details: { date, count: rows.length },
  });
  return { site: toSiteDto(site), date, timeZone: site.timeZone, items: await presentAll(db, campaignId, rows) };
}

/** A registration with a seat at a site the actor works; otherwise as absent as an unknown id. */
async function seatedRegistration(db: Db, actor: Actor, id: string) {
  const row = await findStaffRegistration(db, id);
  if (!row) return null;
  const siteId = row.seatSiteId ?? row.preferredSiteId;
  const site = siteId ? await findSiteById(db, siteId) : undefined;
  if (!site || !canWorkCampaignSite(actor, site)) return null;
  return { row, site };
}

async function presentOne(db: Db, id: string): Promise<CampaignRegistration> {
  const row = await findStaffRegistration(db, id);
  if (!row) throw new Error('registration vanished inside its own transaction');
  return (await presentAll(db, row.campaignId, [row]))[0] as CampaignRegistration;
}

/**
 * Checks a person in by the code of their QR: genuine (not forged), not expired, a seat at a site of the actor's
 * mission, on the slot's local day, once.
 */
export async function checkInByCode(
  db: Kysely<Database>,
  actor: Actor,
  code: string,
  source: AuditSource,
  now: Date = new Date(),
): Promise<CampaignRegistration> {
  const read = await readCampaignCheckInCode(db, code, now);
  if (!read.ok) {
    throw read.reason === 'expired'
      ? new ProblemError(422, 'check_in_code_expired', 'the code has expired')
      : new ProblemError(422, 'check_in_code_invalid', 'the code is not one of ours');
  }
  const found = await seatedRegistration(db, actor, read.registrationId);
  if (!found?.row.slotStart) throw new ProblemError(422, 'check_in_code_invalid', 'no place at a site of yours');
  const { row, site } = found;
  const slotDay = localDateOf(row.slotStart as string, site.timeZone);
  if (slotDay !== localDateOf(now, site.timeZone)) {
    throw new ProblemError(422, 'check_in_not_today', `the place is on ${slotDay}`);
  }
  const at = isoNow(now);
  return inTransaction(db, async (trx) => {
    // A late arrival already marked missed can still be checked in the same day.
    const changed = await setRegistrationStatus(trx, row.id, ['allocated', 'no_show'], {
      status: 'checked_in',
      checkedInAt: at,
      checkedInBy: actor.id,
      updatedAt: at,
    });
    if (!changed)
      throw new ProblemError(409, 'campaign_registration_not_changeable', `the registration is ${row.status}`);
    await appendAudit(trx, source, {
      action: 'campaign.check_in',
      record: { type: 'campaign_registration', id: row.id, missionCode: site.missionCode },
    });
    return presentOne(trx, row.id);
  });
}

/**
 * Records a dose given at the person's site: only for someone with a place (allocated, checked in, or marked
 * missed and come late); anyone else is 422 not_registered. The registration is then completed.
 */
export async function recordDose(
  db: Kysely<Database>,
  actor: Actor,
  registrationId: string,
  body: DoseRecordBody,
  source: AuditSource,
  locale: Locale,
  now: Date = new Date(),
): Promise<DoseRecord> {
  const found = await seatedRegistration(db, actor, registrationId);
  if (!found) throw new ProblemError(404, 'not_found');
  const { row, site } = found;
  if (!row.seatSiteId || !['allocated', 'checked_in', 'no_show'].includes(row.status)) {
    throw new ProblemError(422, 'not_registered', `the registration is ${row.status}`);
  }
  if (!isCalendarDate(body.administeredOn) || body.administeredOn > localDateOf(now, site.timeZone)) {
    throw fieldProblem(422, 'dates_invalid', '/body/administeredOn', locale, 'not a past or present date');
  }
  const at = isoNow(now);
  const dose = {
    id: newId(),
    registrationId: row.id,
    campaignId: row.campaignId,
    personId: row.personId,
    siteId: row.seatSiteId,
    product: body.product.trim(),
    lotNumber: body.lotNumber.trim().toUpperCase(),
    doseNumber: body.doseNumber,
    administeredOn: body.administeredOn,
    recordedBy: actor.id,
    recordedAt: at,
    certificateId: null,
  };
  await inTransaction(db, async (trx) => {
    const changed = await setRegistrationStatus(trx, row.id, ['allocated', 'checked_in', 'no_show'], {
      status: 'completed',
      checkedInAt: row.checkedInAt ?? at,
      checkedInBy: row.checkedInBy ?? actor.id,
      updatedAt: at,
    });
    if (!changed) throw new ProblemError(422, 'not_registered', 'the registration changed in the meantime');
    if (!(await insertDose(trx, dose))) {
      throw fieldProblem(409, 'dose_exists', '/body/doseNumber', locale, `dose ${body.doseNumber} is recorded`);
    }
    await appendAudit(trx, source, {
      action: 'campaign.dose_record',
      record: { type: 'campaign_registration', id: row.id, missionCode: site.missionCode },
      details: { doseId: dose.id, doseNumber: dose.doseNumber, lotNumber: dose.lotNumber },
    });
  });
  return toDoseDto(dose, site);
}

/** Marks someone who did not come (allocated only); their seat stays used. */
export async function markNoShow(
  db: Kysely<Database>,
  actor: Actor,
  registrationId: string,
  source: AuditSource,
  now: Date = new Date(),
): Promise<CampaignRegistration> {
  const found = await seatedRegistration(db, actor, registrationId);
  if (!found?.row.seatSiteId) throw new ProblemError(404, 'not_found');
  if ((found.row.slotStart ?? '') > now.toISOString()) {
    throw new ProblemError(409, 'campaign_registration_not_changeable', 'the place has not started yet');
  }
  const at = isoNow(now);
  return inTransaction(db, async (trx) => {
    if (!(await setRegistrationStatus(trx, registrationId, ['allocated'], { status: 'no_show', updatedAt: at }))) {
      throw new ProblemError(409, 'campaign_registration_not_changeable', `the registration is ${found.row.status}`);
    }
    await appendAudit(trx, source, {
      action: 'campaign.no_show',
      record: { type: 'campaign_registration', id: registrationId, missionCode: found.site.missionCode },
    });
    return presentOne(trx, registrationId);
  });
}
