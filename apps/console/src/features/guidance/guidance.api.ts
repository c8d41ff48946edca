import type {
  EnterpriseAssessment,
  GuidanceArea,
  GuidanceArticle,
  GuidanceArticleInput,
  GuidanceArticlePage,
  GuidanceArticleWithHistory,
  GuidancePreview,
  GuidanceRiskType,
  GuidanceSend,
  GuidanceSendList,
} from '@homeward/shared';
import { postJson, putJson } from '../../lib/api.client.ts';

// Business security guidance (issue 6, item 7; decision 0023): the editor's list, the article editor with its
// history, the send to the site staff of an area, and an enterprise's latest self-assessment score.

export type {
  EnterpriseAssessment,
  GuidanceArea,
  GuidanceArticle,
  GuidanceArticleInput,
  GuidanceArticlePage,
  GuidanceArticleWithHistory,
  GuidancePreview,
  GuidanceRiskType,
  GuidanceSend,
  GuidanceSendList,
};

const V1 = '/api/v1';
export const EDITOR_PAGE_SIZE = 25;
export const SENDS_PATH = `${V1}/guidance/sends`;

// The shared schema's risk types as a plain value, in the order editors think of them.
export const RISK_TYPES = [
  'general',
  'terrorism',
  'crime',
  'civil_unrest',
  'kidnapping',
  'natural_disaster',
  'health',
  'cyber',
  'transport',
] as const satisfies readonly GuidanceRiskType[];

export function editorListPath(filter: { q: string; risk: string; country: string; page: number }): string {
  const params = new URLSearchParams({ page: String(filter.page), pageSize: String(EDITOR_PAGE_SIZE) });
  if (filter.q) params.set('q', filter.q);
  if (filter.risk) params.set('risk', filter.risk);
  if (filter.country) params.set('country', filter.country);
  return `${V1}/guidance/editor/articles?${params}`;
}

export const editorArticlePath = (id: string) => `${V1}/guidance/editor/articles/${encodeURIComponent(id)}`;
export const publishedListPath = `${V1}/guidance/articles?pageSize=50`;
export const enterpriseAssessmentPath = (siteId: string) =>
  `${V1}/enterprises/sites/${encodeURIComponent(siteId)}/assessment`;

export function createArticle(input: GuidanceArticleInput): Promise<GuidanceArticle> {
  return postJson<GuidanceArticle>(`${V1}/guidance/articles`, input);
}

export function saveArticle(id: string, input: GuidanceArticleInput): Promise<GuidanceArticle> {
  return putJson<GuidanceArticle>(`${V1}/guidance/articles/${encodeURIComponent(id)}`, input);
}

export function previewSend(area: GuidanceArea): Promise<GuidancePreview> {
  return postJson<GuidancePreview>(`${SENDS_PATH}/preview`, { area });
}

export function sendGuidance(articleId: string, area: GuidanceArea): Promise<GuidanceSend> {
  return postJson<GuidanceSend>(SENDS_PATH, { articleId, area });
}
