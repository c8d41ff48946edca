import type {
  AssessmentAnswer,
  AssessmentBand,
  AssessmentSummary,
  GuidanceArea,
  GuidanceArticle,
  GuidanceArticleSummary,
  GuidanceArticleVersion,
  GuidanceRiskType,
  GuidanceSend,
  GuidanceStatus,
} from '@homeward/shared';
import { countryNameOf } from '../registry/registry.presenter.ts';
import type { AssessmentRow, GuidanceArticleRow, GuidanceSendRow, GuidanceVersionRow } from './guidance.repo.ts';

// The columns only ever receive values checked against the shared schemas (risk type, status, band, answers):
// the casts below are that boundary. Who edited an article is shown to editors only (the history route).

function languagesOf(row: { titleZh: string; titleEn: string }): string[] {
  return [row.titleZh ? 'zh-CN' : null, row.titleEn ? 'en' : null].filter((l): l is string => l !== null);
}

export function toArticleSummaryDto(row: GuidanceArticleRow): GuidanceArticleSummary {
  return {
    id: row.id,
    slug: row.slug,
    country: row.country,
    countryName: row.country ? countryNameOf(row.country) : null,
    riskType: row.riskType as GuidanceRiskType,
    status: row.status as GuidanceStatus,
    version: row.version,
    title: { 'zh-CN': row.titleZh, en: row.titleEn },
    languages: languagesOf(row),
    updatedAt: row.updatedAt,
    publishedAt: row.publishedAt,
  };
}

export function toArticleDto(row: GuidanceArticleRow): GuidanceArticle {
  return { ...toArticleSummaryDto(row), body: { 'zh-CN': row.bodyZh, en: row.bodyEn } };
}

export function toVersionDto(row: GuidanceVersionRow): GuidanceArticleVersion {
  return {
    version: row.version,
    country: row.country,
    riskType: row.riskType as GuidanceRiskType,
    status: row.status as GuidanceStatus,
    title: { 'zh-CN': row.titleZh, en: row.titleEn },
    body: { 'zh-CN': row.bodyZh, en: row.bodyEn },
    editedBy: row.editedByName,
    editedAt: row.editedAt,
  };
}

export function toAssessmentSummaryDto(row: AssessmentRow): AssessmentSummary {
  return {
    id: row.id,
    organisationId: row.businessId,
    siteId: row.siteId,
    siteName: row.siteName,
    score: row.score,
    band: row.band as AssessmentBand,
    createdAt: row.createdAt,
  };
}

export function answersOf(row: AssessmentRow): Record<string, AssessmentAnswer> {
  return JSON.parse(row.answers) as Record<string, AssessmentAnswer>;
}

export function toSendDto(row: GuidanceSendRow): GuidanceSend {
  return {
    id: row.id,
    articleId: row.articleId,
    articleSlug: row.slug,
    articleTitle: { 'zh-CN': row.titleZh, en: row.titleEn },
    articleVersion: row.articleVersion,
    area: JSON.parse(row.area) as GuidanceArea,
    recipients: row.recipients,
    messageId: row.messageId,
    sentBy: row.sentByName,
    sentAt: row.sentAt,
  };
}
