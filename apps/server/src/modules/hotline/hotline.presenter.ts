import type { HotlineCall, KnowledgeArticle, KnowledgeTopic, LookupCase } from '@homeward/shared';
import type { CallView } from './hotline.calls.repo.ts';
import type { ArticleRow } from './hotline.knowledge.repo.ts';

/** A registry person's name as staff read it: native script first when there is one. */
export function personName(p: { familyName: string; givenName: string; nativeName: string | null }): string {
  const latin = `${p.familyName} ${p.givenName}`.trim();
  return p.nativeName ? `${p.nativeName} ${latin}` : latin;
}

/** What leaves the server about a call. */
export function toCallDto(row: CallView): HotlineCall {
  return {
    id: row.id,
    agent: { id: row.agentUserId, name: row.agentName },
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    durationSeconds: Number(row.durationSeconds),
    callerPhone: row.callerPhone,
    callerName: row.callerName,
    person:
      row.personId && row.personFamilyName !== null && row.personGivenName !== null
        ? {
            id: row.personId,
            name: personName({
              familyName: row.personFamilyName,
              givenName: row.personGivenName,
              nativeName: row.personNativeName,
            }),
          }
        : null,
    case:
      row.caseId && row.caseNumber && row.caseMissionCode
        ? { id: row.caseId, number: row.caseNumber, missionCode: row.caseMissionCode }
        : null,
    category: row.category,
    summary: row.summary,
    outcome: row.outcome,
    missionCode: row.missionCode,
    locationCountry: row.locationCountry,
    language: row.language === 'en' ? 'en' : 'zh-CN',
  };
}

export function toLookupCase(row: LookupCase & Record<string, unknown>): LookupCase {
  return {
    id: row.id,
    number: row.number,
    missionCode: row.missionCode,
    category: row.category,
    priority: row.priority,
    status: row.status,
    summary: row.summary,
    subjectName: row.subjectName,
    openedAt: row.openedAt,
  };
}

export function toArticleDto(row: ArticleRow): KnowledgeArticle {
  return {
    id: row.id,
    slug: row.slug,
    topic: row.category as KnowledgeTopic, // written only through KnowledgeTopicSchema
    title: { 'zh-CN': row.titleZh, en: row.titleEn },
    body: { 'zh-CN': row.bodyZh, en: row.bodyEn },
    keywords: row.keywords,
    version: Number(row.version),
    updatedAt: row.updatedAt,
    updatedBy: row.updatedByName,
  };
}
