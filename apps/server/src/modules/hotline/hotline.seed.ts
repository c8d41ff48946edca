import type { CaseCategory } from '@homeward/shared';
import type { Insertable } from 'kysely';
import { isoNow, newId } from '../../clock.ts';
import type { Db } from '../../db/schema.ts';
import type { CallOutcome, HotlineCallsTable } from '../../db/tables/hotline.table.ts';
import { findUserByEmail } from '../users/users.repo.ts';
import { insertCall } from './hotline.calls.repo.ts';
import { SHIPPED_ARTICLES } from './hotline.knowledge.data.ts';
import { insertArticle, listArticleSlugs } from './hotline.knowledge.repo.ts';

/**
 * Adds the shipped standard answers whose slug is not in the knowledge base yet. Runs at every start: a new
 * release's new articles appear, and an article HQ edited is never overwritten.
 */
export async function seedKnowledgeBase(db: Db, now: Date = new Date()): Promise<number> {
  const present = new Set(await listArticleSlugs(db));
  let added = 0;
  for (const article of SHIPPED_ARTICLES) {
    if (present.has(article.slug)) continue;
    await insertArticle(db, {
      id: newId(),
      slug: article.slug,
      category: article.topic,
      titleZh: article.title['zh-CN'],
      titleEn: article.title.en,
      bodyZh: article.body['zh-CN'],
      bodyEn: article.body.en,
      keywords: article.keywords,
      updatedBy: null,
      updatedAt: isoNow(now),
    });
    added++;
  }
  return added;
}

interface DemoCall {
  daysAgo: number;
  hour: number;
  minutes: number;
  phone: string | null;
  name: string | null;
  category: CaseCategory;
  outcome: CallOutcome;
  missionCode?: string;
  country: string | null;
  language: 'zh-CN' | 'en';
  summary: string;
  /** Links the demo case of this mission and category (the call that opened it). */
  linkCase?: { missionCode: string; category: CaseCategory };
}

// Fictional calls over the last week, so the call list and the statistics page have something to show.
const DEMO_CALLS: DemoCall[] = [
  {
    daysAgo: 6,
    hour: 2,
    minutes: 4,
    phone: '+819012345678',
    name: '刘洋',
    category: 'lost_passport',
    outcome: 'advice',
    country: 'JP',
    language: 'zh-CN',
    summary: '在大阪丢失钱包和护照，已告知先报警并联系驻大阪总领馆办理旅行证。',
  },
  {
    daysAgo: 5,
    hour: 14,
    minutes: 9,
    phone: '+8613800138000',
    name: '周敏',
    category: 'fraud',
    outcome: 'advice',
    country: null,
    language: 'zh-CN',
    summary: '接到冒充使馆的电话要求转账，未转账。已告知使领馆不会电话办案，提醒挂断并核实。',
  },
  {
    daysAgo: 5,
    hour: 21,
    minutes: 12,
    phone: '+12025550147',
    name: 'Sun Li',
    category: 'accident',
    outcome: 'case_opened',
    missionCode: 'US-WAS',
    country: 'US',
    language: 'en',
    summary: 'Family member hurt in a road accident in Virginia; in hospital. Case opened for the Washington embassy.',
    linkCase: { missionCode: 'US-WAS', category: 'accident' },
  },
  {
    daysAgo: 4,
    hour: 8,
    minutes: 3,
    phone: '+33612345678',
    name: '黄磊',
    category: 'crime_victim',
    outcome: 'advice',
    country: 'FR',
    language: 'zh-CN',
    summary: '在巴黎被抢手机，无人受伤。已告知报警取得报案证明，提供律师和翻译名单获取方式。',
  },
  {
    daysAgo: 3,
    hour: 11,
    minutes: 18,
    phone: '+12125550190',
    name: '王芳',
    category: 'detention',
    outcome: 'transferred',
    missionCode: 'US-WAS',
    country: 'US',
    language: 'zh-CN',
    summary: '丈夫在马里兰州被拘留，请求领事探视。已转驻美使馆领事部跟进。',
  },
  {
    daysAgo: 2,
    hour: 3,
    minutes: 7,
    phone: '+8618912345678',
    name: '陈刚',
    category: 'missing_person',
    outcome: 'transferred',
    missionCode: 'JP-TYO',
    country: 'JP',
    language: 'zh-CN',
    summary: '女儿在东京旅游期间两天未联系。已建议报警，并转驻日使馆。',
  },
  {
    daysAgo: 1,
    hour: 16,
    minutes: 5,
    phone: null,
    name: null,
    category: 'other',
    outcome: 'advice',
    country: null,
    language: 'en',
    summary: 'Asked how to register a trip in the app before travelling. Explained the registration steps.',
  },
  {
    daysAgo: 0,
    hour: 0,
    minutes: 6,
    phone: '+4915112345678',
    name: '赵丽',
    category: 'disaster_conflict',
    outcome: 'advice',
    country: 'DE',
    language: 'zh-CN',
    summary: '询问当地洪水期间如何报平安和获取安全提醒。已说明 APP 登记和使馆通知渠道。',
  },
];

/** Adds the demo calls once (when there are none), by the demo hotline agent. */
export async function seedDemoCalls(db: Db, now: Date = new Date()): Promise<number> {
  if (await db.selectFrom('hotlineCalls').select('id').limit(1).executeTakeFirst()) return 0;
  const agent = await findUserByEmail(db, 'agent@demo.homeward.example');
  if (!agent) return 0;
  const today = Date.parse(`${now.toISOString().slice(0, 10)}T00:00:00Z`);
  const rows: Insertable<HotlineCallsTable>[] = [];
  for (const demo of DEMO_CALLS) {
    const start = Math.min(today - demo.daysAgo * 86_400_000 + demo.hour * 3_600_000, now.getTime() - 3_600_000);
    const caseRow = demo.linkCase
      ? await db
          .selectFrom('cases')
          .select('id')
          .where('missionCode', '=', demo.linkCase.missionCode)
          .where('category', '=', demo.linkCase.category)
          .executeTakeFirst()
      : undefined;
    rows.push({
      id: newId(),
      agentUserId: agent.id,
      agentName: agent.displayName,
      startedAt: new Date(start).toISOString(),
      endedAt: new Date(start + demo.minutes * 60_000).toISOString(),
      durationSeconds: demo.minutes * 60,
      callerPhone: demo.phone,
      callerName: demo.name,
      personId: null,
      caseId: caseRow?.id ?? null,
      category: demo.category,
      summary: demo.summary,
      outcome: demo.outcome,
      missionCode: demo.missionCode ?? null,
      locationCountry: demo.country,
      language: demo.language,
      createdAt: isoNow(now),
    });
  }
  for (const row of rows) await insertCall(db, row);
  return rows.length;
}
