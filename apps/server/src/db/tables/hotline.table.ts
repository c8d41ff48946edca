import type { CaseCategory } from '@homeward/shared';
import type { Generated } from 'kysely';

export type CallOutcome = 'advice' | 'case_opened' | 'transferred';

/**
 * One call to the 24/7 hotline as the agent logged it. `agentName` is kept as it was at the time (the log
 * outlives staff accounts); `missionCode` is the mission the call was transferred to, or the case's mission.
 */
export interface HotlineCallsTable {
  id: string;
  agentUserId: string | null;
  agentName: string;
  startedAt: string;
  endedAt: string;
  durationSeconds: number;
  /** E.164, or null when the number was withheld. */
  callerPhone: string | null;
  callerName: string | null;
  personId: string | null;
  caseId: string | null;
  category: CaseCategory;
  summary: string;
  outcome: CallOutcome;
  missionCode: string | null;
  locationCountry: string | null;
  /** The language the call was held in: `zh-CN` or `en`. */
  language: string;
  createdAt: string;
}

/** A standard answer agents read out, in both languages (Markdown); every edit bumps `version`. */
export interface KnowledgeArticlesTable {
  id: string;
  slug: string;
  category: string;
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
  /** Space-separated search words in both languages. */
  keywords: Generated<string>;
  version: Generated<number>;
  updatedBy: string | null;
  updatedAt: string;
}
