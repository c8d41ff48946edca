import type {
  Campaign,
  CampaignEligibility,
  CampaignRegistration,
  CampaignSession,
  CampaignSite,
  CampaignVaccine,
  DoseRecord,
  MyCampaignRegistration,
  PriorityGroup,
} from '@homeward/shared';
import type { DoseRow, MyRegistrationRow, StaffRegistrationRow } from './campaigns.registrations.repo.ts';
import type { CampaignCounts, CampaignRow, SessionRow, SiteRow } from './campaigns.repo.ts';
import { slotsOfSession, timeOf } from './campaigns.rules.ts';

/** Boundary: the JSON columns were written by the campaigns service from schema-checked bodies. */
export function eligibilityOf(row: CampaignRow): CampaignEligibility {
  return {
    countries: JSON.parse(row.countries) as string[],
    minAge: row.minAge,
    maxAge: row.maxAge,
    priorityGroups: JSON.parse(row.priorityGroups) as PriorityGroup[],
  };
}

export function vaccineOf(row: CampaignRow): CampaignVaccine | null {
  return row.vaccine ? (JSON.parse(row.vaccine) as CampaignVaccine) : null;
}

/** The fields every view of a campaign shares (citizens see no counts or version). */
export function campaignCore(row: CampaignRow) {
  return {
    id: row.id,
    code: row.code,
    kind: row.kind,
    title: { en: row.titleEn, 'zh-CN': row.titleZh },
    description: { en: row.descriptionEn, 'zh-CN': row.descriptionZh },
    status: row.status,
    registrationOpensAt: row.registrationOpensAt,
    registrationClosesAt: row.registrationClosesAt,
    allocation: row.allocation,
    eligibility: eligibilityOf(row),
    vaccine: vaccineOf(row),
  };
}

export function toCampaignDto(row: CampaignRow, counts: CampaignCounts | undefined): Campaign {
  return {
    ...campaignCore(row),
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    counts: counts ?? { sites: 0, registered: 0, allocated: 0 },
  };
}

export function siteName(site: Pick<SiteRow, 'nameEn' | 'nameZh'>) {
  return { en: site.nameEn, 'zh-CN': site.nameZh };
}

export function toSiteDto(row: SiteRow): CampaignSite {
  return {
    id: row.id,
    campaignId: row.campaignId,
    kind: row.kind,
    missionCode: row.missionCode,
    name: siteName(row),
    address: row.address,
    lat: row.lat,
    lon: row.lon,
    country: row.country,
    timeZone: row.timeZone,
  };
}

export function toSessionDto(row: SessionRow, timeZone: string, allocated: number): CampaignSession {
  const slots = slotsOfSession(row, timeZone).length;
  return {
    id: row.id,
    siteId: row.siteId,
    date: row.date,
    startTime: timeOf(row.startMinute),
    endTime: timeOf(row.endMinute),
    slotMinutes: row.slotMinutes,
    capacityPerSlot: row.capacityPerSlot,
    slots,
    capacity: slots * row.capacityPerSlot,
    allocated,
  };
}

export function toDoseDto(row: DoseRow, site: SiteRow | undefined): DoseRecord {
  return {
    id: row.id,
    registrationId: row.registrationId,
    campaignId: row.campaignId,
    product: row.product,
    lotNumber: row.lotNumber,
    doseNumber: row.doseNumber,
    administeredOn: row.administeredOn,
    siteId: row.siteId,
    siteName: site ? siteName(site) : { en: '', 'zh-CN': '' },
    country: site?.country ?? '',
    recordedAt: row.recordedAt,
    certificateId: row.certificateId,
  };
}

/** Staff see the person's name and birth date (what the desk checks), never their contacts or passport. */
export function toRegistrationDto(
  row: StaffRegistrationRow,
  sites: Map<string, SiteRow>,
  doses: DoseRow[],
): CampaignRegistration {
  const seatSite = row.seatSiteId ? sites.get(row.seatSiteId) : undefined;
  return {
    id: row.id,
    campaignId: row.campaignId,
    personName: `${row.familyName} ${row.givenName}`.trim(),
    nativeName: row.nativeName,
    birthDate: row.birthDate,
    country: row.country,
    priorityGroup: row.priorityGroup,
    preferredSiteId: row.preferredSiteId,
    status: row.status,
    registeredAt: row.registeredAt,
    allocation:
      seatSite && row.sessionId && row.slotStart && row.slotEnd && row.seat !== null
        ? {
            siteId: seatSite.id,
            siteName: siteName(seatSite),
            sessionId: row.sessionId,
            startsAt: row.slotStart,
            endsAt: row.slotEnd,
            seat: Number(row.seat),
          }
        : null,
    checkedInAt: row.checkedInAt,
    doses: doses.filter((d) => d.registrationId === row.id).map((d) => toDoseDto(d, sites.get(d.siteId))),
  };
}

export function toMyRegistrationDto(row: MyRegistrationRow, sites: Map<string, SiteRow>): MyCampaignRegistration {
  const site = row.seatSiteId ? sites.get(row.seatSiteId) : undefined;
  return {
    id: row.id,
    campaignId: row.campaignId,
    status: row.status,
    priorityGroup: row.priorityGroup,
    preferredSiteId: row.preferredSiteId,
    registeredAt: row.registeredAt,
    checkedInAt: row.checkedInAt,
    allocation:
      site && row.slotStart && row.slotEnd
        ? {
            siteId: site.id,
            siteName: siteName(site),
            address: site.address,
            timeZone: site.timeZone,
            lat: site.lat,
            lon: site.lon,
            startsAt: row.slotStart,
            endsAt: row.slotEnd,
          }
        : null,
  };
}
