import type {
  EnterpriseSiteDetail,
  EnterpriseSitePage,
  EnterpriseSitesQuery,
  EnterpriseSummary,
  StaffMemberPage,
} from '@homeward/shared';
import { dialectOf } from '../../db/dialect/dialect.ts';
import type { Db } from '../../db/schema.ts';
import { ProblemError } from '../../http/problem.ts';
import type { Actor } from '../../policy/actor.ts';
import { canViewEnterpriseSite, type EnterpriseScope, enterpriseScope } from '../../policy/businesses.policy.ts';
import { type AuditSource, appendAudit } from '../audit/audit.service.ts';
import { findMissionForPlace, placeInMissions } from '../missions/missions.jurisdiction.ts';
import { staffPage } from './businesses.import.ts';
import { cityName, countryName, regionName } from './businesses.places.ts';
import { sectorOf, toSiteDto } from './businesses.presenter.ts';
import { countStaffBySite, findBusiness, findSite } from './businesses.repo.ts';

// The staff console's view of enterprises abroad (issue 4): counts per country, a table of sites, and one
// site's page. Who sees which sites is decided in businesses.policy.ts; reading contacts and staff is audited.

function scopeOf(actor: Actor): Exclude<EnterpriseScope, null> {
  const scope = enterpriseScope(actor);
  if (!scope) throw new ProblemError(403, 'forbidden');
  return scope;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function sitesInScope(db: Db, scope: Exclude<EnterpriseScope, null>) {
  const query = db.selectFrom('businessSites').innerJoin('businesses', 'businesses.id', 'businessSites.businessId');
  return 'all' in scope ? query : query.where(placeInMissions('business_sites', scope.missions));
}

/** Per country: how many enterprises have a site there, how many sites, and the nationals they employ. */
export async function summarizeEnterprises(db: Db, actor: Actor): Promise<EnterpriseSummary> {
  const rows = await sitesInScope(db, scopeOf(actor))
    .select((eb) => [
      'businessSites.countryCode',
      eb.fn.count<number>('businessSites.businessId').distinct().as('enterprises'),
      eb.fn.countAll<number>().as('sites'),
      eb.fn.coalesce(eb.fn.sum<number>('businessSites.headcount'), eb.lit(0)).as('headcount'),
    ])
    .groupBy('businessSites.countryCode')
    .orderBy('businessSites.countryCode')
    .execute();
  return {
    items: rows.map((r) => ({
      countryCode: r.countryCode,
      countryName: countryName(r.countryCode),
      enterprises: Number(r.enterprises),
      sites: Number(r.sites),
      headcount: Number(r.headcount),
    })),
  };
}

/** The sites the actor may see, filtered by country, sector and name, by enterprise then site name. */
export async function searchEnterpriseSites(
  db: Db,
  actor: Actor,
  query: EnterpriseSitesQuery,
): Promise<EnterpriseSitePage> {
  let filtered = sitesInScope(db, scopeOf(actor));
  if (query.country) filtered = filtered.where('businessSites.countryCode', '=', query.country);
  if (query.sector) filtered = filtered.where('businesses.sector', '=', query.sector);
  if (query.q?.trim()) {
    const like = dialectOf(db).likeInsensitive;
    const pattern = `%${escapeLike(query.q.trim())}%`;
    filtered = filtered.where((eb) =>
      eb.or([
        eb(eb.ref('businesses.name'), like, eb.val(pattern)),
        eb(eb.ref('businessSites.name'), like, eb.val(pattern)),
      ]),
    );
  }
  const [count, rows] = await Promise.all([
    filtered.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    filtered
      .select([
        'businessSites.id as siteId',
        'businessSites.name as siteName',
        'businesses.id as organisationId',
        'businesses.name as organisationName',
        'businesses.sector',
        'businessSites.countryCode',
        'businessSites.regionCode',
        'businessSites.cityId',
        'businessSites.headcount',
      ])
      .orderBy('businesses.name')
      .orderBy('businessSites.name')
      .orderBy('businessSites.id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
  ]);
  const staff = await countStaffBySite(
    db,
    rows.map((r) => r.siteId),
  );
  return {
    items: rows.map((r) => ({
      siteId: r.siteId,
      siteName: r.siteName,
      organisationId: r.organisationId,
      organisationName: r.organisationName,
      sector: sectorOf(r.sector),
      countryCode: r.countryCode,
      countryName: countryName(r.countryCode),
      regionCode: r.regionCode,
      regionName: regionName(r.regionCode),
      cityName: cityName(r.cityId),
      headcount: r.headcount ?? 0,
      staffCount: staff.get(r.siteId) ?? 0,
    })),
    total: Number(count?.n ?? 0),
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** The site and the mission answering for it, when the actor may see it; otherwise 404 (403 for roles with none). */
async function siteInScope(db: Db, actor: Actor, siteId: string) {
  scopeOf(actor);
  const site = await findSite(db, siteId);
  if (!site) throw new ProblemError(404, 'not_found');
  const missionCode = await findMissionForPlace(db, site);
  if (!canViewEnterpriseSite(actor, missionCode)) throw new ProblemError(404, 'not_found');
  return { site, missionCode };
}

/** One site with its enterprise and security contact; the read is written to the audit log. */
export async function viewEnterpriseSite(
  db: Db,
  actor: Actor,
  siteId: string,
  source: AuditSource,
): Promise<EnterpriseSiteDetail> {
  const { site, missionCode } = await siteInScope(db, actor, siteId);
  const business = await findBusiness(db, site.businessId);
  if (!business) throw new ProblemError(404, 'not_found');
  await appendAudit(db, source, {
    action: 'enterprise.site_view',
    record: { type: 'business_site', id: site.id, missionCode },
    details: { businessId: business.id },
  });
  return {
    site: toSiteDto(site, (await countStaffBySite(db, [site.id])).get(site.id) ?? 0),
    organisation: {
      id: business.id,
      name: business.name,
      registrationNumber: business.registrationNumber,
      sector: sectorOf(business.sector),
    },
    missionCode,
  };
}

/** The staff listed at a site (names, passports, phones): personal data, so each page read is audited. */
export async function listEnterpriseSiteStaff(
  db: Db,
  actor: Actor,
  siteId: string,
  query: { q?: string; page: number; pageSize: number },
  source: AuditSource,
): Promise<StaffMemberPage> {
  const { site, missionCode } = await siteInScope(db, actor, siteId);
  await appendAudit(db, source, {
    action: 'enterprise.staff_view',
    record: { type: 'business_site', id: site.id, missionCode },
    details: { businessId: site.businessId, page: query.page, q: query.q ?? null },
  });
  return staffPage(db, { businessId: site.businessId, siteId: site.id, q: query.q }, query.page, query.pageSize);
}
