import type {
  AssessmentAnswer,
  AssessmentHistory,
  AssessmentInput,
  AssessmentResult,
  AssessmentSummary,
  Checklist,
  GuidanceArticle,
  GuidanceArticlePage,
  GuidanceArticleSummary,
  GuidanceRiskType,
} from '@homeward/shared';
import { sendJson } from '../../lib/api.client.ts';

// Business security guidance (issue 6, item 7; decision 0023): the public library, and the self-assessment
// of an organisation by the people who manage it. Assessments are the organisation's: loaded with
// `keepOnDevice: false` like the rest of the organisation pages.

export type {
  AssessmentAnswer,
  AssessmentHistory,
  AssessmentResult,
  AssessmentSummary,
  Checklist,
  GuidanceArticle,
  GuidanceArticlePage,
  GuidanceArticleSummary,
  GuidanceRiskType,
};

const V1 = '/api/v1';
export const LIBRARY_PAGE_SIZE = 10;
export const CHECKLIST_PATH = `${V1}/guidance/checklist`;

// The shared schema's risk types, repeated as a plain value: importing it would pull TypeBox into this chunk.
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

export const ANSWERS = ['yes', 'partly', 'no'] as const satisfies readonly AssessmentAnswer[];

export function libraryPath(filter: { q: string; country: string; risk: string; page: number }): string {
  const params = new URLSearchParams({ page: String(filter.page), pageSize: String(LIBRARY_PAGE_SIZE) });
  if (filter.q) params.set('q', filter.q);
  if (filter.country) params.set('country', filter.country);
  if (filter.risk) params.set('risk', filter.risk);
  return `${V1}/guidance/articles?${params}`;
}

export const articlePath = (slug: string) => `${V1}/guidance/articles/${encodeURIComponent(slug)}`;
export const assessmentsPath = (organisationId: string) =>
  `${V1}/organisations/${encodeURIComponent(organisationId)}/assessments`;
export const assessmentPath = (organisationId: string, id: string) =>
  `${assessmentsPath(organisationId)}/${encodeURIComponent(id)}`;

export function submitAssessment(organisationId: string, input: AssessmentInput): Promise<AssessmentResult> {
  return sendJson<AssessmentResult>('POST', assessmentsPath(organisationId), input);
}
