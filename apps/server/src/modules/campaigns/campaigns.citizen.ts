import { renderHcertQrSvg } from '@homeward/hcert';
import type {
  CampaignCheckInCode,
  Locale,
  MyCampaign,
  MyCampaignDetail,
  MyCampaignList,
  MyCampaignRegistration,
  MyCampaignRegistrationList,
  MyDoseRecordList,
  RegisterForCampaignBody,
} from '@homeward/shared';
import type { Kysely } from 'kysely';
import { isoNow, newId } from '../../clock.ts';
import type { Database, Db } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { ProblemError } from '../../http/problem.ts';
import type { Actor } from '../../policy/actor.ts';
import { canChangeCampaignRegistration } from '../../policy/campaigns.policy.ts';
import { localDateOf } from '../appointments/appointments.slots.ts';
import { findPersonByUserId, type PersonRow, updatePerson } from '../registry/persons.repo.ts';
import { checkBirthDate, fieldProblem } from '../registry/registry.fields.ts';
import { utcDay } from '../registry/registry.rules.ts';
import { enqueueAllocation } from './campaigns.allocation.ts';
import { campaignCheckInCode } from './campaigns.check-in-code.ts';
import {
  campaignCore,
  eligibilityOf,
  siteName,
  toDoseDto,
  toMyRegistrationDto,
  vaccineOf,
} from './campaigns.presenter.ts';
import {
  ACTIVE_STATUSES,
  deleteSeatOf,
  findRegistration,
  insertRegistration,
  listDosesOfPerson,
  listRegistrationsOfUser,
  type MyRegistrationRow,
  presentCountries,
  setRegistrationStatus,
} from './campaigns.registrations.repo.ts';
import {
  type CampaignRow,
  findCampaign,
  findSiteById,
  listOpenCampaigns,
  listSessionsOf,
  listSitesOf,
  type SiteRow,
} from './campaigns.repo.ts';
import { checkEligibility, dayBounds } from './campaigns.rules.ts';

/** The citizen's side of campaigns (decision 0024): what is open to them, registering, their place and doses. */

/** People in no priority group come after every group. */
const NO_GROUP_RANK = 1000;

function isRegistrationOpen(row: CampaignRow, now: Date): boolean {
  const at = now.toISOString();
  return row.status === 'open' && row.registrationOpensAt <= at && at < row.registrationClosesAt;
}

async function sitesById(db: Db, campaignIds: string[]): Promise<Map<string, SiteRow>> {
  const map = new Map<string, SiteRow>();
  for (const id of campaignIds) for (const site of await listSitesOf(db, id)) map.set(site.id, site);
  return map;
}

/** The active registration, else the latest one, of each campaign. */
function mineOf(rows: MyRegistrationRow[], campaignId: string): MyRegistrationRow | undefined {
  const own = rows.filter((r) => r.campaignId === campaignId);
  return own.find((r) => ACTIVE_STATUSES.includes(r.status)) ?? own[0];
}

/**
 * Whether the person has every dose of the campaign's series: the highest dose number recorded in this campaign
 * reaches the vaccine's `dosesRequired`. A campaign without a vaccine has no series to complete.
 */
async function seriesComplete(db: Db, row: CampaignRow, personId: string): Promise<boolean> {
  const required = vaccineOf(row)?.dosesRequired;
  if (!required) return false;
  const doses = await listDosesOfPerson(db, personId);
  return doses.some((d) => d.campaignId === row.id && d.doseNumber >= required);
}

async function myCampaignOf(
  db: Db,
  row: CampaignRow,
  person: PersonRow | undefined,
  registrations: MyRegistrationRow[],
  sites: Map<string, SiteRow>,
  now: Date,
): Promise<MyCampaign> {
  const today = utcDay(now);
  const verdict = checkEligibility(eligibilityOf(row), {
    presentIn: person ? await presentCountries(db, person.id, today) : [],
    birthDate: person?.birthDate ?? null,
    today,
  });
  const mine = mineOf(registrations, row.id);
  const complete = person !== undefined && (await seriesComplete(db, row, person.id));
  return {
    ...campaignCore(row),
    registrationOpen: isRegistrationOpen(row, now),
    eligible: verdict.eligible && !complete,
    ineligibleReason: complete ? 'series_complete' : verdict.eligible ? null : verdict.reason,
    needsBirthDate: verdict.needsBirthDate && !complete,
    myRegistration: mine ? toMyRegistrationDto(mine, sites) : null,
  };
}

/** Open campaigns, each with whether the citizen may register and their registration. */
export async function listMyCampaigns(db: Db, actor: Actor, now: Date = new Date()): Promise<MyCampaignList> {
  const rows = await listOpenCampaigns(db);
  const person = await findPersonByUserId(db, actor.id);
  const registrations = await listRegistrationsOfUser(db, actor.id);
  const sites = await sitesById(
    db,
    rows.map((r) => r.id),
  );
  const items: MyCampaign[] = [];
  for (const row of rows) items.push(await myCampaignOf(db, row, person, registrations, sites, now));
  return { items };
}

/** A campaign the citizen can see: open, or one they registered for. Drafts are as absent as unknown ids. */
async function visibleCampaign(db: Db, actor: Actor, id: string): Promise<CampaignRow> {
  const row = await findCampaign(db, id);
  if (!row || row.status === 'draft') throw new ProblemError(404, 'not_found');
  if (row.status === 'closed' && (await listRegistrationsOfUser(db, actor.id, id)).length === 0) {
    throw new ProblemError(404, 'not_found');
  }
  return row;
}

export async function viewMyCampaign(
  db: Db,
  actor: Actor,
  id: string,
  now: Date = new Date(),
): Promise<MyCampaignDetail> {
  const row = await visibleCampaign(db, actor, id);
  const person = await findPersonByUserId(db, actor.id);
  const registrations = await listRegistrationsOfUser(db, actor.id, id);
  const siteRows = await listSitesOf(db, id);
  const sessions = await listSessionsOf(db, id);
  const today = now.toISOString();
  const sites = new Map(siteRows.map((s) => [s.id, s]));
  return {
    ...(await myCampaignOf(db, row, person, registrations, sites, now)),
    sites: siteRows.map((s) => ({
      id: s.id,
      kind: s.kind,
      missionCode: s.missionCode,
      name: siteName(s),
      address: s.address,
      lat: s.lat,
      lon: s.lon,
      country: s.country,
      timeZone: s.timeZone,
      nextSessionDate:
        sessions.find((x) => x.siteId === s.id && x.date >= localDateOf(today, s.timeZone))?.date ?? null,
    })),
  };
}

async function myRegistration(db: Db, actor: Actor, id: string): Promise<MyCampaignRegistration> {
  const row = (await listRegistrationsOfUser(db, actor.id)).find((r) => r.id === id);
  if (!row) throw new ProblemError(404, 'not_found');
  const sites = row.seatSiteId ? await listSitesOf(db, row.campaignId) : [];
  return toMyRegistrationDto(row, new Map(sites.map((s) => [s.id, s])));
}

export function viewMyRegistration(db: Db, actor: Actor, id: string): Promise<MyCampaignRegistration> {
  return myRegistration(db, actor, id);
}

export async function listMyRegistrations(db: Db, actor: Actor): Promise<MyCampaignRegistrationList> {
  const rows = await listRegistrationsOfUser(db, actor.id);
  const sites = await sitesById(db, [...new Set(rows.map((r) => r.campaignId))]);
  return { items: rows.map((r) => toMyRegistrationDto(r, sites)) };
}

/**
 * Registers the citizen's registered person for a campaign: open and within its dates, eligible (presence in one
 * of its countries, age), a known priority group and site, one active registration per person. A birth date the
 * registry lacks is saved to the person. A first-come campaign allocates right away (a job in the same
 * transaction); a priority campaign waits for HQ's run. Nothing is saved when anything is refused.
 */
export async function registerForCampaign(
  db: Kysely<Database>,
  actor: Actor,
  campaignId: string,
  body: RegisterForCampaignBody,
  locale: Locale,
  now: Date = new Date(),
): Promise<MyCampaignRegistration> {
  const row = await findCampaign(db, campaignId);
  if (!row || row.status === 'draft') throw new ProblemError(404, 'not_found');
  if (!isRegistrationOpen(row, now))
    throw new ProblemError(422, 'registration_closed', `the campaign is ${row.status}`);
  const person = await findPersonByUserId(db, actor.id);
  if (!person) throw new ProblemError(409, 'profile_required', 'save the registry profile first');
  const today = utcDay(now);
  const given = body.birthDate ? checkBirthDate(body.birthDate, today, locale) : null;
  if (given && person.birthDate && given !== person.birthDate) {
    throw fieldProblem(422, 'dates_invalid', '/body/birthDate', locale, 'differs from the registered birth date');
  }
  const birthDate = person.birthDate ?? given;
  const rules = eligibilityOf(row);
  const verdict = checkEligibility(rules, {
    presentIn: await presentCountries(db, person.id, today),
    birthDate,
    today,
  });
  if (!verdict.eligible) {
    if (verdict.needsBirthDate) throw fieldProblem(422, 'birth_date_required', '/body/birthDate', locale, 'age limit');
    throw new ProblemError(422, 'not_eligible', verdict.reason ?? 'not eligible', undefined, undefined, {
      reason: verdict.reason,
    });
  }
  if (await seriesComplete(db, row, person.id)) {
    throw new ProblemError(422, 'not_eligible', 'every dose of the series is recorded', undefined, undefined, {
      reason: 'series_complete',
    });
  }
  const group = body.priorityGroup ? rules.priorityGroups.find((g) => g.code === body.priorityGroup) : undefined;
  if (body.priorityGroup && !group) {
    throw fieldProblem(422, 'validation_failed', '/body/priorityGroup', locale, 'not a group of this campaign', 'enum');
  }
  const site = body.preferredSiteId ? await findSiteById(db, body.preferredSiteId) : undefined;
  if (body.preferredSiteId && site?.campaignId !== campaignId) {
    throw fieldProblem(
      422,
      'validation_failed',
      '/body/preferredSiteId',
      locale,
      'not a site of this campaign',
      'enum',
    );
  }
  const country = site && verdict.countries.includes(site.country) ? site.country : (verdict.countries[0] as string);
  const id = newId();
  const at = isoNow(now);
  await inTransaction(db, async (trx) => {
    if (!person.birthDate && given) await updatePerson(trx, person.id, { birthDate: given, updatedAt: at });
    const inserted = await insertRegistration(trx, {
      id,
      campaignId,
      personId: person.id,
      userId: actor.id,
      country,
      priorityGroup: group?.code ?? null,
      priorityRank: group?.rank ?? NO_GROUP_RANK,
      preferredSiteId: site?.id ?? null,
      status: 'waiting',
      registeredAt: at,
      checkedInAt: null,
      checkedInBy: null,
      cancelledAt: null,
      updatedAt: at,
    });
    if (!inserted) throw new ProblemError(409, 'already_registered', 'one active registration per campaign');
    if (row.allocation === 'first_come') await enqueueAllocation(trx, campaignId, null);
  });
  return myRegistration(db, actor, id);
}

async function ownRegistration(db: Db, actor: Actor, id: string) {
  const row = await findRegistration(db, id);
  if (!row || !canChangeCampaignRegistration(actor, row)) throw new ProblemError(404, 'not_found');
  return row;
}

/** Cancels a registration still waiting or allocated; its seat is freed for the next allocation. */
export async function cancelMyRegistration(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  now: Date = new Date(),
): Promise<void> {
  const row = await ownRegistration(db, actor, id);
  const at = isoNow(now);
  await inTransaction(db, async (trx) => {
    const changed = await setRegistrationStatus(trx, row.id, ['waiting', 'allocated'], {
      status: 'cancelled',
      cancelledAt: at,
      updatedAt: at,
    });
    if (!changed)
      throw new ProblemError(409, 'campaign_registration_not_changeable', `the registration is ${row.status}`);
    await deleteSeatOf(trx, row.id);
  });
}

/** The signed code for the QR, valid until the end of the slot's local day; only while a seat is held. */
export async function myCheckInCode(db: Db, actor: Actor, id: string): Promise<CampaignCheckInCode> {
  await ownRegistration(db, actor, id);
  const mine = await myRegistration(db, actor, id);
  if (mine.status !== 'allocated' || !mine.allocation) {
    throw new ProblemError(409, 'campaign_registration_not_changeable', `the registration is ${mine.status}`);
  }
  const { startsAt, timeZone } = mine.allocation;
  const [, endOfDay] = dayBounds(localDateOf(startsAt, timeZone), timeZone);
  const expiresAt = new Date(endOfDay);
  const code = await campaignCheckInCode(db, id, expiresAt);
  return { code, svg: await renderHcertQrSvg(code), expiresAt: expiresAt.toISOString() };
}

/** The citizen's dose records, newest first, whatever campaign they came from. */
export async function listMyDoses(db: Db, actor: Actor): Promise<MyDoseRecordList> {
  const person = await findPersonByUserId(db, actor.id);
  if (!person) return { items: [] };
  const doses = await listDosesOfPerson(db, person.id);
  const campaignIds = [...new Set(doses.map((d) => d.campaignId))];
  const sites = await sitesById(db, campaignIds);
  const campaigns = new Map<string, CampaignRow>();
  for (const id of campaignIds) {
    const c = await findCampaign(db, id);
    if (c) campaigns.set(id, c);
  }
  return {
    items: doses.map((d) => {
      const campaign = campaigns.get(d.campaignId);
      const vaccine = campaign?.vaccine ? (JSON.parse(campaign.vaccine) as { dosesRequired: number }) : null;
      return {
        ...toDoseDto(d, sites.get(d.siteId)),
        campaignTitle: { en: campaign?.titleEn ?? '', 'zh-CN': campaign?.titleZh ?? '' },
        dosesRequired: vaccine?.dosesRequired ?? null,
      };
    }),
  };
}
