import { newId } from '../../clock.ts';
import type { Db } from '../../db/schema.ts';
import { findMission } from '../missions/missions.repo.ts';
import { findUserByEmail } from '../users/users.repo.ts';
import { appendCaseEvent, type NewCaseEvent } from './cases.events.repo.ts';
import { insertCase, nextCounterValue } from './cases.repo.ts';
import { formatCaseNumber } from './cases.service.ts';
import { businessCalendar, type SlaColumns, slaOnOpen, slaOnStaffUpdate, slaOnStatus } from './cases.sla.ts';

interface DemoCase {
  missionCode: string;
  category: 'lost_passport' | 'accident' | 'detention' | 'missing_person';
  priority: 'P1' | 'P2' | 'P3' | 'P4';
  status: 'new' | 'in_progress' | 'waiting';
  subjectName: string;
  summary: string;
  description: string;
  location: { country: string; region: string | null; label: string; lat: number; lon: number };
  source: 'citizen' | 'hotline' | 'staff';
  /** Minutes before now the case was opened. */
  openedMinutesAgo: number;
  reportedByDemoCitizen?: boolean;
  /** The demo officer of the mission owns it and has written to the person. */
  assignedToOfficer?: string;
  /** The timeline after `created`: messages and notes, in order. */
  timeline?: {
    kind: 'message' | 'note';
    from: 'citizen' | 'staff';
    body: string;
    visibility?: 'internal' | 'citizen';
  }[];
}

// Fictional cases at three missions, so the demo shows mission scoping: the Washington officer sees the
// first two, the Tokyo officer the last one, HQ and the hotline all four. The Tokyo case is a P1 whose first
// response is due in three minutes, so the console shows an amber SLA.
const DEMO_CASES: DemoCase[] = [
  {
    missionCode: 'US-WAS',
    category: 'lost_passport',
    priority: 'P3',
    status: 'in_progress',
    subjectName: '张三丰 ZHANG SANFENG',
    summary:
      '护照在华盛顿地铁被盗，需要办理旅行证回国。Passport stolen on the Washington metro; needs a travel document.',
    description: '我的背包在地铁红线上被偷了，护照和钱包都在里面。My backpack was stolen on the Red Line.',
    location: { country: 'US', region: 'US-DC', label: 'Metro Center, Washington, D.C.', lat: 38.8983, lon: -77.0281 },
    source: 'citizen',
    openedMinutesAgo: 26 * 60,
    reportedByDemoCitizen: true,
    assignedToOfficer: 'officer.us@demo.homeward.example',
    timeline: [
      {
        kind: 'message',
        from: 'staff',
        body: '您好，我们已收到您的求助。请先到附近警察局报案并取得报案证明。Please report the theft to the police first and keep the report.',
      },
      { kind: 'message', from: 'citizen', body: '已经报案了，报案号 DC-2026-1182。I have the police report.' },
      {
        kind: 'note',
        from: 'staff',
        body: '已核实身份，可以办理旅行证。Identity checked; travel document can be issued.',
        visibility: 'internal',
      },
    ],
  },
  {
    missionCode: 'US-WAS',
    category: 'accident',
    priority: 'P2',
    status: 'new',
    subjectName: '李娜 LI NA',
    summary:
      '在弗吉尼亚州发生交通事故，正在医院治疗，家属请求协助联系医院。Road accident in Virginia; family asks for help reaching the hospital.',
    description: '家属从国内来电，联系不上医院。The family called from China and cannot reach the hospital.',
    location: { country: 'US', region: 'US-VA', label: 'Fairfax, Virginia', lat: 38.8462, lon: -77.3064 },
    source: 'hotline',
    openedMinutesAgo: 40,
  },
  {
    missionCode: 'US-NYC',
    category: 'detention',
    priority: 'P1',
    status: 'waiting',
    subjectName: '王伟 WANG WEI',
    summary: '在纽约被拘留，请求领事探视。Detained in New York; asks for a consular visit.',
    description: '朋友代为报告：王伟在机场被拘留。A friend reports Wang Wei was detained at the airport.',
    location: { country: 'US', region: 'US-NY', label: 'JFK Airport, New York', lat: 40.6413, lon: -73.7781 },
    source: 'staff',
    openedMinutesAgo: 3 * 60,
  },
  {
    missionCode: 'JP-TYO',
    category: 'missing_person',
    priority: 'P1',
    status: 'new',
    subjectName: '陈静 CHEN JING',
    summary:
      '在东京旅游期间失联两天，家属报告。Out of contact for two days while travelling in Tokyo; reported by family.',
    description: '母亲报告：女儿两天没有回复消息。Her mother reports no reply for two days.',
    location: { country: 'JP', region: 'JP-13', label: 'Shinjuku, Tokyo', lat: 35.6938, lon: 139.7034 },
    source: 'citizen',
    openedMinutesAgo: 12,
  },
];

/** Adds the demo cases once (when there are no cases yet), each with the timeline its state implies. */
export async function seedDemoCases(db: Db, now: Date = new Date()): Promise<number> {
  const existing = await db.selectFrom('cases').select('id').limit(1).executeTakeFirst();
  if (existing) return 0;
  const citizen = await findUserByEmail(db, 'citizen@demo.homeward.example');
  const year = now.getUTCFullYear();
  for (const demo of DEMO_CASES) {
    const mission = await findMission(db, demo.missionCode);
    if (!mission) continue;
    const calendar = businessCalendar(mission.timezone);
    const opened = new Date(now.getTime() - demo.openedMinutesAgo * 60_000);
    const officer = demo.assignedToOfficer ? await findUserByEmail(db, demo.assignedToOfficer) : undefined;
    const id = newId();
    const row = {
      id,
      number: formatCaseNumber(year, await nextCounterValue(db, `case:${year}`)),
      missionCode: demo.missionCode,
      category: demo.category,
      priority: demo.priority,
      status: demo.status,
      subjectName: demo.subjectName,
      summary: demo.summary,
      description: demo.description,
      source: demo.source,
      locationCountry: demo.location.country,
      locationRegion: demo.location.region,
      locationCity: null,
      locationLabel: demo.location.label,
      locationLat: demo.location.lat,
      locationLon: demo.location.lon,
      reporterUserId: demo.reportedByDemoCitizen ? (citizen?.id ?? null) : null,
      reporterRelation: demo.reportedByDemoCitizen || demo.source === 'staff' ? 'self' : 'parent',
      assignedTo: officer?.id ?? null,
      createdBy: null,
      openedAt: opened.toISOString(),
      updatedAt: opened.toISOString(),
      version: 1,
      ...slaOnOpen(demo.priority, calendar, opened),
    };
    await insertCase(db, row);
    const event = (e: Omit<NewCaseEvent, 'caseId'>) => appendCaseEvent(db, { ...e, caseId: id });
    await event({
      kind: 'created',
      visibility: 'citizen',
      authorUserId: null,
      authorKind: 'system',
      data: { source: demo.source },
    });
    let facts: typeof row = row;
    let updatedAt = opened;
    const step = async (at: Date, status: DemoCase['status'] | 'assigned') => {
      await event({
        kind: 'status',
        visibility: 'citizen',
        authorUserId: officer?.id ?? null,
        authorKind: 'staff',
        data: { from: facts.status, to: status },
      });
      facts = { ...facts, ...slaOnStatus(facts, status, calendar, at), status: status as DemoCase['status'] };
      facts = { ...facts, ...slaOnStaffUpdate(facts, calendar, at) };
      updatedAt = at;
    };
    if (officer) {
      await event({
        kind: 'assigned',
        visibility: 'internal',
        authorUserId: null,
        authorKind: 'system',
        data: { userId: officer.id, name: officer.displayName },
      });
      await step(new Date(opened.getTime() + 20 * 60_000), 'assigned');
    }
    for (const entry of demo.timeline ?? []) {
      await event({
        kind: entry.kind,
        visibility: entry.visibility ?? 'citizen',
        authorUserId: entry.from === 'citizen' ? (citizen?.id ?? null) : (officer?.id ?? null),
        authorKind: entry.from,
        body: entry.body,
      });
      if (entry.from === 'staff' && entry.kind === 'message')
        facts = { ...facts, ...slaOnStaffUpdate(facts, calendar, new Date(opened.getTime() + 30 * 60_000)) };
    }
    if (demo.status !== 'new') await step(new Date(now.getTime() - 60 * 60_000), demo.status);
    await db
      .updateTable('cases')
      .set({ ...pickSla(facts), status: demo.status, updatedAt: updatedAt.toISOString() })
      .where('id', '=', id)
      .execute();
  }
  return DEMO_CASES.length;
}

function pickSla(row: SlaColumns): SlaColumns {
  const {
    firstResponseAt,
    lastUpdateAt,
    slaPausedSince,
    slaFirstDueAt,
    slaNextDueAt,
    slaDueAt,
    slaFirstState,
    slaNextState,
    slaState,
  } = row;
  return {
    firstResponseAt,
    lastUpdateAt,
    slaPausedSince,
    slaFirstDueAt,
    slaNextDueAt,
    slaDueAt,
    slaFirstState,
    slaNextState,
    slaState,
  };
}
