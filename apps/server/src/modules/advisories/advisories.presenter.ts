import { findRegion } from '@homeward/gazetteer';
import type { Advisory, AdvisoryLevel, AdvisorySummary } from '@homeward/shared';
import { countryNameOf } from '../registry/registry.presenter.ts';
import type { AdvisoryRow } from './advisories.repo.ts';

// The publisher stays out of the public DTO: who published is in the audit log, not on a public page.

export function toAdvisorySummaryDto(row: AdvisoryRow): AdvisorySummary {
  return {
    id: row.id,
    country: row.country,
    countryName: countryNameOf(row.country),
    region: row.region,
    regionName: row.region ? (findRegion(row.region)?.name ?? row.region) : null,
    // The column only ever receives a validated level (PublishAdvisoryBodySchema); this is that boundary.
    level: row.level as AdvisoryLevel,
    summary: { 'zh-CN': row.summaryZh, en: row.summaryEn },
    effectiveFrom: row.effectiveFrom,
    effectiveUntil: row.effectiveUntil,
    publishedAt: row.publishedAt,
    supersededAt: row.supersededAt,
  };
}

export function toAdvisoryDto(row: AdvisoryRow): Advisory {
  return { ...toAdvisorySummaryDto(row), details: { 'zh-CN': row.detailsZh, en: row.detailsEn } };
}
