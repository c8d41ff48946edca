import type {
  CampaignAllocationMode,
  CampaignKind,
  CampaignRegistrationStatus,
  CampaignSiteKind,
  CampaignStatus,
} from '@homeward/shared';

/** Campaigns such as vaccination abroad (decision 0024); JSON columns are read and written by the repo only. */
export interface CampaignsTable {
  id: string;
  code: string;
  kind: CampaignKind;
  titleEn: string;
  titleZh: string;
  descriptionEn: string;
  descriptionZh: string;
  status: CampaignStatus;
  registrationOpensAt: string;
  registrationClosesAt: string;
  allocation: CampaignAllocationMode;
  /** JSON ["US", …]. */
  countries: string;
  minAge: number | null;
  maxAge: number | null;
  /** JSON [{ code, rank, label: { en, zh-CN } }]. */
  priorityGroups: string;
  /** JSON { productName, dosesRequired, prophylaxisCode, productCode, manufacturerCode }, or null. */
  vaccine: string | null;
  version: number;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A place people come to: a mission, or a partner clinic run by a mission's officers. */
export interface CampaignSitesTable {
  id: string;
  campaignId: string;
  kind: CampaignSiteKind;
  missionCode: string;
  nameEn: string;
  nameZh: string;
  address: string;
  lat: number;
  lon: number;
  country: string;
  timeZone: string;
  createdAt: string;
  updatedAt: string;
}

/** A block of slots on one local date at a site. */
export interface CampaignSessionsTable {
  id: string;
  campaignId: string;
  siteId: string;
  date: string;
  startMinute: number;
  endMinute: number;
  slotMinutes: number;
  capacityPerSlot: number;
  createdAt: string;
}

export interface CampaignRegistrationsTable {
  id: string;
  campaignId: string;
  personId: string;
  userId: string | null;
  country: string;
  priorityGroup: string | null;
  priorityRank: number;
  preferredSiteId: string | null;
  status: CampaignRegistrationStatus;
  registeredAt: string;
  checkedInAt: string | null;
  checkedInBy: string | null;
  cancelledAt: string | null;
  updatedAt: string;
}

/** One seat of one slot, given to one registration; a cancelled registration's seat row is deleted. */
export interface CampaignSeatsTable {
  sessionId: string;
  slotStart: string;
  seat: number;
  slotEnd: string;
  registrationId: string;
  campaignId: string;
  siteId: string;
  createdAt: string;
}

export interface CampaignDosesTable {
  id: string;
  registrationId: string;
  campaignId: string;
  personId: string;
  siteId: string;
  product: string;
  lotNumber: string;
  doseNumber: number;
  administeredOn: string;
  recordedBy: string | null;
  recordedAt: string;
  certificateId: string | null;
}

export interface CampaignAllocationRunsTable {
  id: string;
  campaignId: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  requestedBy: string | null;
  requestedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  considered: number;
  allocated: number;
  waiting: number;
  error: string | null;
}
