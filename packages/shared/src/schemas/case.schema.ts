import { type Static, Type } from '@sinclair/typebox';
import type { LocalizedText } from '../locale.ts';

/** Kinds of consular protection and assistance cases (GLOSSARY: emergencies and cases). */
export const CASE_CATEGORIES = {
  detention: { en: 'Arrest or detention', 'zh-CN': '被拘留或羁押' },
  accident: { en: 'Accident or hospitalisation', 'zh-CN': '意外事故或住院' },
  crime_victim: { en: 'Victim of crime', 'zh-CN': '遭受不法侵害' },
  missing_person: { en: 'Whereabouts unknown', 'zh-CN': '下落不明' },
  kidnapping: { en: 'Kidnapping', 'zh-CN': '绑架' },
  lost_passport: { en: 'Lost or stolen passport', 'zh-CN': '护照遗失或被盗' },
  disaster_conflict: { en: 'Disaster or conflict', 'zh-CN': '自然灾害或冲突' },
  death: { en: 'Death of a national', 'zh-CN': '同胞死亡' },
  child_welfare: { en: 'Child welfare', 'zh-CN': '未成年人保护' },
  fraud: { en: 'Fraud', 'zh-CN': '诈骗' },
  other: { en: 'Other', 'zh-CN': '其他' },
} as const satisfies Record<string, LocalizedText>;
export type CaseCategory = keyof typeof CASE_CATEGORIES;

export const CASE_STATUSES = {
  new: { en: 'New', 'zh-CN': '待受理' },
  triaged: { en: 'Triaged', 'zh-CN': '已分级' },
  assigned: { en: 'Accepted', 'zh-CN': '已受理' },
  in_progress: { en: 'In progress', 'zh-CN': '处理中' },
  waiting: { en: 'Waiting for the person', 'zh-CN': '等待当事人' },
  resolved: { en: 'Resolved', 'zh-CN': '已解决' },
  closed: { en: 'Closed', 'zh-CN': '已办结' },
} as const satisfies Record<string, LocalizedText>;
export type CaseStatus = keyof typeof CASE_STATUSES;

export const CASE_PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type CasePriority = (typeof CASE_PRIORITIES)[number];

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const CaseCategorySchema = literals(Object.keys(CASE_CATEGORIES) as CaseCategory[]);
export const CaseStatusSchema = literals(Object.keys(CASE_STATUSES) as CaseStatus[]);
export const CasePrioritySchema = literals(CASE_PRIORITIES);

/** A consular protection case as staff and the reporting citizen see it. */
export const CaseSchema = Type.Object({
  id: Type.String(),
  number: Type.String({ description: 'Readable case number, e.g. HW-2026-000123' }),
  missionCode: Type.String(),
  category: CaseCategorySchema,
  priority: CasePrioritySchema,
  status: CaseStatusSchema,
  summary: Type.String(),
  subjectName: Type.String({ description: 'The person concerned (当事人)' }),
  openedAt: Type.String(),
  updatedAt: Type.String(),
  version: Type.Integer(),
});
export type Case = Static<typeof CaseSchema>;

export const OpenCaseBodySchema = Type.Object(
  {
    missionCode: Type.String({ pattern: '^[A-Z]{2}-[A-Z]{3}$' }),
    category: CaseCategorySchema,
    priority: CasePrioritySchema,
    summary: Type.String({ minLength: 1, maxLength: 4000 }),
    subjectName: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type OpenCaseBody = Static<typeof OpenCaseBodySchema>;

export const CasePageSchema = Type.Object({
  items: Type.Array(CaseSchema),
  total: Type.Integer({ minimum: 0 }),
  page: Type.Integer({ minimum: 1 }),
  pageSize: Type.Integer({ minimum: 1 }),
});
export type CasePage = Static<typeof CasePageSchema>;
