import type { Organisation, OrganisationInput, Site, SiteInput } from '@homeward/shared';
import { isoNow, newId } from '../../clock.ts';
import type { Db } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { ProblemError } from '../../http/problem.ts';
import type { Actor } from '../../policy/actor.ts';
import { canManageOrganisation } from '../../policy/businesses.policy.ts';
import { resolveSitePlace, toE164 } from './businesses.places.ts';
import { toOrganisationDto, toSiteDto } from './businesses.presenter.ts';
import {
  type BusinessRow,
  countSitesAndStaff,
  countStaffBySite,
  deleteBusiness,
  deleteSite,
  findBusiness,
  findSite,
  insertBusiness,
  insertSite,
  listBusinessesOwnedBy,
  listSites,
  type SiteFields,
  type SiteRow,
  updateBusiness,
  updateSite,
} from './businesses.repo.ts';

/** A citizen may hold this many organisation accounts, and an organisation this many sites. */
export const ORGANISATION_LIMITS = { organisations: 20, sites: 500 } as const;

/**
 * The organisation, if the actor manages it. Someone else's and a missing one answer the same 404, so an
 * organisation's existence does not leak.
 */
export async function organisationOf(db: Db, actor: Actor, id: string): Promise<BusinessRow> {
  const row = await findBusiness(db, id);
  if (!row || !canManageOrganisation(actor, row)) throw new ProblemError(404, 'not_found');
  return row;
}

async function siteOf(db: Db, businessId: string, siteId: string): Promise<SiteRow> {
  const site = await findSite(db, siteId);
  if (!site || site.businessId !== businessId) throw new ProblemError(404, 'not_found');
  return site;
}

function cleanOrganisation(input: OrganisationInput) {
  const name = input.name.trim();
  // A unified social credit code is upper case; other registries' numbers are kept as written.
  const registrationNumber = input.registrationNumber.trim().replace(/\s+/g, ' ');
  const normalized = /^[0-9A-Za-z]{18}$/.test(registrationNumber)
    ? registrationNumber.toUpperCase()
    : registrationNumber;
  if (!name) throw invalid('/name', 'name is empty');
  if (!normalized) throw invalid('/registrationNumber', 'registration number is empty');
  return { name, registrationNumber: normalized, sector: input.sector };
}

function invalid(field: string, message: string): ProblemError {
  return new ProblemError(400, 'validation_failed', message, [{ field, message }]);
}

/** Registers an organisation account managed by the calling citizen. @throws 422 limit_reached */
export async function createOrganisation(db: Db, actor: Actor, input: OrganisationInput): Promise<Organisation> {
  const fields = cleanOrganisation(input);
  return inTransaction(db, async (trx) => {
    const owned = await listBusinessesOwnedBy(trx, actor.id);
    if (owned.length >= ORGANISATION_LIMITS.organisations) {
      throw new ProblemError(422, 'limit_reached', `at most ${ORGANISATION_LIMITS.organisations} organisations`);
    }
    const now = isoNow();
    const row = {
      id: newId(),
      ...fields,
      ownerUserId: actor.id,
      contactPersonId: null,
      createdAt: now,
      updatedAt: now,
    };
    await insertBusiness(trx, row);
    return toOrganisationDto(row, { sites: 0, staff: 0 });
  });
}

/** The caller's organisations, by name, with their site and staff counts. */
export async function listMyOrganisations(db: Db, actor: Actor): Promise<Organisation[]> {
  const rows = await listBusinessesOwnedBy(db, actor.id);
  const counts = await countSitesAndStaff(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toOrganisationDto(r, counts.get(r.id) ?? { sites: 0, staff: 0 }));
}

export async function viewOrganisation(db: Db, actor: Actor, id: string): Promise<Organisation> {
  const row = await organisationOf(db, actor, id);
  const counts = await countSitesAndStaff(db, [id]);
  return toOrganisationDto(row, counts.get(id) ?? { sites: 0, staff: 0 });
}

export async function editOrganisation(
  db: Db,
  actor: Actor,
  id: string,
  input: OrganisationInput,
): Promise<Organisation> {
  const fields = cleanOrganisation(input);
  return db.transaction().execute(async (trx) => {
    const row = await organisationOf(trx, actor, id);
    const updated = { ...row, ...fields, updatedAt: isoNow() };
    await updateBusiness(trx, id, updated);
    const counts = await countSitesAndStaff(trx, [id]);
    return toOrganisationDto(updated, counts.get(id) ?? { sites: 0, staff: 0 });
  });
}

/** Deletes the organisation with its sites, staff records and import history. */
export async function removeOrganisation(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await organisationOf(trx, actor, id);
    await deleteBusiness(trx, id);
  });
}

function siteFields(input: SiteInput, now: string): SiteFields {
  const place = resolveSitePlace(input);
  const phone = toE164(input.securityContactPhone);
  if (!phone) {
    const message = 'enter the number in international form, e.g. +1 202 555 0100';
    throw new ProblemError(422, 'phone_invalid', message, [{ field: '/securityContactPhone', message }]);
  }
  const name = input.name.trim();
  const contact = input.securityContactName.trim();
  if (!name) throw invalid('/name', 'name is empty');
  if (!contact) throw invalid('/securityContactName', 'security contact name is empty');
  return {
    name,
    ...place,
    headcount: input.headcount,
    securityContactName: contact,
    securityContactPhone: phone,
    securityContactEmail: input.securityContactEmail?.trim().toLowerCase() || null,
    updatedAt: now,
  };
}

export async function listOrganisationSites(db: Db, actor: Actor, id: string): Promise<Site[]> {
  await organisationOf(db, actor, id);
  const sites = await listSites(db, id);
  const staff = await countStaffBySite(
    db,
    sites.map((s) => s.id),
  );
  return sites.map((s) => toSiteDto(s, staff.get(s.id) ?? 0));
}

/**
 * Adds a site, located by its gazetteer city so targeting finds its staff.
 * @throws 422 country_unknown, region_unknown, city_unknown, phone_invalid, limit_reached
 */
export async function addSite(db: Db, actor: Actor, id: string, input: SiteInput): Promise<Site> {
  const now = isoNow();
  const fields = siteFields(input, now);
  return inTransaction(db, async (trx) => {
    await organisationOf(trx, actor, id);
    if ((await listSites(trx, id)).length >= ORGANISATION_LIMITS.sites) {
      throw new ProblemError(422, 'limit_reached', `at most ${ORGANISATION_LIMITS.sites} sites`);
    }
    const row = { id: newId(), businessId: id, createdAt: now, ...fields };
    await insertSite(trx, row);
    return toSiteDto({ ...row, cell: null }, 0);
  });
}

export async function viewSite(db: Db, actor: Actor, id: string, siteId: string): Promise<Site> {
  await organisationOf(db, actor, id);
  const site = await siteOf(db, id, siteId);
  return toSiteDto(site, (await countStaffBySite(db, [siteId])).get(siteId) ?? 0);
}

export async function editSite(db: Db, actor: Actor, id: string, siteId: string, input: SiteInput): Promise<Site> {
  const fields = siteFields(input, isoNow());
  return db.transaction().execute(async (trx) => {
    await organisationOf(trx, actor, id);
    const site = await siteOf(trx, id, siteId);
    await updateSite(trx, siteId, fields);
    return toSiteDto({ ...site, ...fields }, (await countStaffBySite(trx, [siteId])).get(siteId) ?? 0);
  });
}

/** Removes a site and the staff records listed at it. */
export async function removeSite(db: Db, actor: Actor, id: string, siteId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await organisationOf(trx, actor, id);
    await siteOf(trx, id, siteId);
    await deleteSite(trx, siteId);
  });
}
