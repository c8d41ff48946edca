import type {
  CallOutcome,
  CaseCategory,
  HotlineCall,
  HotlineCallPage,
  HotlineLookup,
  HotlineStats,
  KnowledgeArticle,
  KnowledgeList,
  KnowledgeTopic,
  KnowledgeUpdateBody,
  LogCallBody,
  LookupCase,
  LookupPerson,
} from '@homeward/shared';
import { postJson, putJson } from '../../lib/api.client.ts';

// The 24/7 hotline (issue 5): call log, caller lookup, knowledge base and statistics.

export type {
  CallOutcome,
  HotlineCall,
  HotlineCallPage,
  HotlineLookup,
  HotlineStats,
  KnowledgeArticle,
  KnowledgeList,
  LookupCase,
  LookupPerson,
};

export function lookupPath(q: string, country: string): string {
  const params = new URLSearchParams({ q });
  if (country) params.set('country', country);
  return `/api/v1/hotline/lookup?${params}`;
}

export function logCall(body: LogCallBody): Promise<HotlineCall> {
  return postJson<HotlineCall>('/api/v1/hotline/calls', body);
}

export function knowledgePath(q: string, topic: KnowledgeTopic | '' = ''): string {
  const params = new URLSearchParams();
  if (q.trim()) params.set('q', q.trim());
  if (topic) params.set('topic', topic);
  const query = params.toString();
  return `/api/v1/hotline/knowledge${query ? `?${query}` : ''}`;
}

export const articlePath = (slug: string) => `/api/v1/hotline/knowledge/${encodeURIComponent(slug)}`;

export function saveArticle(slug: string, body: KnowledgeUpdateBody): Promise<KnowledgeArticle> {
  return putJson<KnowledgeArticle>(articlePath(slug), body);
}

/** The call list's filters, kept in the URL so a list can be shared. */
export interface CallFilters {
  from: string;
  to: string;
  outcome: CallOutcome | '';
  category: CaseCategory | '';
  phone: string;
  page: number;
}

export function callFiltersFrom(params: URLSearchParams): CallFilters {
  const page = Number(params.get('page') ?? '1');
  return {
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    outcome: (params.get('outcome') ?? '') as CallOutcome | '',
    category: (params.get('category') ?? '') as CaseCategory | '',
    phone: params.get('phone') ?? '',
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

export function callFiltersToParams(filters: CallFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of ['from', 'to', 'outcome', 'category', 'phone'] as const) {
    const value = filters[key].trim();
    if (value) params.set(key, value);
  }
  if (filters.page > 1) params.set('page', String(filters.page));
  return params;
}

export const CALLS_PAGE_SIZE = 25;

export function callsPath(filters: CallFilters): string {
  const params = callFiltersToParams(filters);
  params.set('page', String(filters.page));
  params.set('pageSize', String(CALLS_PAGE_SIZE));
  return `/api/v1/hotline/calls?${params}`;
}

export const statsPath = (from: string, to: string) =>
  `/api/v1/hotline/stats?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;

/** "3 min 05 s" from seconds. */
export function durationParts(seconds: number): { minutes: number; seconds: string } {
  const whole = Math.max(0, Math.round(seconds));
  return { minutes: Math.floor(whole / 60), seconds: String(whole % 60).padStart(2, '0') };
}

/** The UTC day `days` before today, YYYY-MM-DD. */
export function utcDayBefore(days: number, now: Date = new Date()): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}
