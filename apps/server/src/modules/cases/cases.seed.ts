import { newId } from '../../clock.ts';
import type { Db } from '../../db/schema.ts';
import { findUserByEmail } from '../users/users.repo.ts';
import { insertCase, nextCounterValue } from './cases.repo.ts';
import { formatCaseNumber } from './cases.service.ts';

interface DemoCase {
  missionCode: string;
  category: 'lost_passport' | 'accident' | 'detention' | 'missing_person';
  priority: 'P1' | 'P2' | 'P3' | 'P4';
  status: 'new' | 'in_progress' | 'waiting';
  subjectName: string;
  summary: string;
  reportedByDemoCitizen?: boolean;
}

// Fictional cases at two missions, so the demo shows mission scoping: the Washington officer sees the
// first three, the Tokyo officer the last one, HQ and the hotline all four.
const DEMO_CASES: DemoCase[] = [
  {
    missionCode: 'US-WAS',
    category: 'lost_passport',
    priority: 'P3',
    status: 'in_progress',
    subjectName: '张三丰 ZHANG SANFENG',
    summary:
      '护照在华盛顿地铁被盗，需要办理旅行证回国。Passport stolen on the Washington metro; needs a travel document.',
    reportedByDemoCitizen: true,
  },
  {
    missionCode: 'US-WAS',
    category: 'accident',
    priority: 'P2',
    status: 'new',
    subjectName: '李娜 LI NA',
    summary:
      '在弗吉尼亚州发生交通事故，正在医院治疗，家属请求协助联系医院。Road accident in Virginia; family asks for help reaching the hospital.',
  },
  {
    missionCode: 'US-NYC',
    category: 'detention',
    priority: 'P1',
    status: 'waiting',
    subjectName: '王伟 WANG WEI',
    summary: '在纽约被拘留，请求领事探视。Detained in New York; asks for a consular visit.',
  },
  {
    missionCode: 'JP-TYO',
    category: 'missing_person',
    priority: 'P1',
    status: 'new',
    subjectName: '陈静 CHEN JING',
    summary:
      '在东京旅游期间失联两天，家属报告。Out of contact for two days while travelling in Tokyo; reported by family.',
  },
];

/** Adds the demo cases once (when there are no cases yet). */
export async function seedDemoCases(db: Db, now: Date = new Date()): Promise<number> {
  const existing = await db.selectFrom('cases').select('id').limit(1).executeTakeFirst();
  if (existing) return 0;
  const citizen = await findUserByEmail(db, 'citizen@demo.homeward.example');
  const year = now.getUTCFullYear();
  for (const [index, demo] of DEMO_CASES.entries()) {
    const at = new Date(now.getTime() - (DEMO_CASES.length - index) * 3_600_000).toISOString();
    const { reportedByDemoCitizen, ...fields } = demo;
    await insertCase(db, {
      ...fields,
      id: newId(),
      number: formatCaseNumber(year, await nextCounterValue(db, `case:${year}`)),
      reporterUserId: reportedByDemoCitizen ? (citizen?.id ?? null) : null,
      createdBy: null,
      openedAt: at,
      updatedAt: at,
      version: 1,
    });
  }
  return DEMO_CASES.length;
}
