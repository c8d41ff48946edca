import type { CaseCategory, CaseDashboard, CasePriority, CaseStatus } from '@homeward/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, signInAs } from '../../../test/support/app.ts';
import { describeEachDialect } from '../../../test/support/db.ts';
import { newId } from '../../clock.ts';
import type { App } from '../../http/app-types.ts';
import { DEMO_PASSWORD } from '../demo/demo.accounts.ts';
import { fillDays, lastDays } from './dashboard.service.ts';

const email = (name: string) => `${name}@demo.homeward.example`;
const DAY = 24 * 60 * 60 * 1000;
const ago = (days: number, hours = 0) => new Date(Date.now() - days * DAY - hours * 3_600_000).toISOString();

describe('dashboard days', () => {
  it('lists the last days oldest first, today last, and fills days without counts with 0', () => {
    const days = lastDays(new Date('2026-03-01T23:59:00Z'), 3);
    expect(days).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
    expect(fillDays(days, [{ day: '2026-02-28', count: 4 }])).toEqual([
      { day: '2026-02-27', count: 0 },
      { day: '2026-02-28', count: 4 },
      { day: '2026-03-01', count: 0 },
    ]);
  });
});

describeEachDialect('case dashboard', (getDb) => {
  let app: App;
  const cookies: Record<string, string> = {};
  let n = 0;

  async function addCase(c: {
    mission: string;
    priority: CasePriority;
    category: CaseCategory;
    status?: CaseStatus;
    openedAt?: string;
    slaState?: 'green' | 'amber' | 'red';
    slaDueAt?: string;
    merged?: boolean;
  }): Promise<string> {
    const id = newId();
    const at = c.openedAt ?? ago(0);
    await app.ctx.db
      .insertInto('cases')
      .values({
        id,
        number: `HW-DASH-${n++}`,
        missionCode: c.mission,
        category: c.category,
        priority: c.priority,
        status: c.status ?? 'in_progress',
        summary: 'Dashboard test',
        subjectName: 'Test Person',
        reporterUserId: null,
        createdBy: null,
        openedAt: at,
        updatedAt: at,
        version: 1,
        slaState: c.slaState ?? 'green',
        slaDueAt: c.slaDueAt ?? null,
        mergedIntoId: c.merged ? id : null,
      })
      .execute();
    return id;
  }

  async function addCall(mission: string | null, startedAt: string): Promise<void> {
    await app.ctx.db
      .insertInto('hotlineCalls')
      .values({
        id: newId(),
        agentUserId: null,
        agentName: 'Agent',
        startedAt,
        endedAt: startedAt,
        durationSeconds: 60,
        callerPhone: null,
        callerName: null,
        personId: null,
        caseId: null,
        category: 'other',
        summary: 'Dashboard test call',
        outcome: mission ? 'transferred' : 'advice',
        missionCode: mission,
        locationCountry: null,
        language: 'zh-CN',
        createdAt: startedAt,
      })
      .execute();
  }

  beforeAll(async () => {
    app = await buildTestApp(getDb());
    for (const who of ['admin', 'head.us', 'officer.us', 'agent']) {
      cookies[who] = await signInAs(app, email(who), DEMO_PASSWORD);
    }
    // Only this test's cases and calls, not the demo's.
    await app.ctx.db.deleteFrom('hotlineCalls').execute();
    await app.ctx.db.deleteFrom('cases').execute();
    await addCase({ mission: 'US-WAS', priority: 'P1', category: 'accident', slaState: 'red' });
    await addCase({
      mission: 'US-WAS',
      priority: 'P3',
      category: 'lost_passport',
      slaState: 'amber',
      openedAt: ago(1),
    });
    await addCase({ mission: 'US-WAS', priority: 'P2', category: 'accident', status: 'resolved' });
    await addCase({ mission: 'US-WAS', priority: 'P4', category: 'fraud', merged: true });
    // Past its due instant, not yet recorded red by the SLA job: red all the same.
    await addCase({ mission: 'JP-TYO', priority: 'P1', category: 'detention', openedAt: ago(40), slaDueAt: ago(0, 1) });
    await addCall('US-WAS', ago(0));
    await addCall('US-WAS', ago(0));
    await addCall('JP-TYO', ago(1));
    await addCall(null, ago(1));
    await addCall('US-WAS', ago(45));
  });
  afterAll(async () => {
    await app.close();
  });

  const dashboard = async (who: string): Promise<CaseDashboard> => {
    const response = await app.inject({ url: '/api/v1/dashboard/cases', headers: { cookie: cookies[who] as string } });
    expect(response.statusCode).toBe(200);
    return response.json();
  };
  const countOf = <T extends { count: number }>(list: T[], pick: (item: T) => boolean) => list.find(pick)?.count ?? 0;

  it('shows HQ every mission’s open cases (not resolved, not merged) by mission, category and priority', async () => {
    const d = await dashboard('admin');
    expect(d.missions).toBeNull();
    expect(d.openTotal).toBe(3);
    expect(d.openByMission).toEqual([
      { missionCode: 'US-WAS', count: 2 },
      { missionCode: 'JP-TYO', count: 1 },
    ]);
    expect(countOf(d.openByCategory, (c) => c.category === 'accident')).toBe(1);
    expect(countOf(d.openByCategory, (c) => c.category === 'fraud')).toBe(0);
    expect(d.openByCategory).toHaveLength(11);
    expect(d.openByPriority).toEqual([
      { priority: 'P1', count: 2 },
      { priority: 'P2', count: 0 },
      { priority: 'P3', count: 1 },
      { priority: 'P4', count: 0 },
    ]);
  });

  it('counts SLA breaches (recorded red or past due) and cases at risk per mission', async () => {
    const d = await dashboard('admin');
    expect(d.sla).toEqual({
      red: 2,
      amber: 1,
      byMission: [
        { missionCode: 'US-WAS', red: 1, amber: 1 },
        { missionCode: 'JP-TYO', red: 1, amber: 0 },
      ],
    });
  });

  it('counts cases opened and hotline calls per day over the last 30 days', async () => {
    const d = await dashboard('admin');
    expect(d.casesPerDay).toHaveLength(30);
    expect(d.callsPerDay).toHaveLength(30);
    const today = new Date().toISOString().slice(0, 10);
    expect(d.casesPerDay.at(-1)).toEqual({ day: today, count: 3 });
    expect(d.casesPerDay.reduce((s, x) => s + x.count, 0)).toBe(4);
    expect(d.callsPerDay.at(-1)).toEqual({ day: today, count: 2 });
    expect(d.callsPerDay.reduce((s, x) => s + x.count, 0)).toBe(4);
  });

  it('shows a mission head only their missions, calls included', async () => {
    const d = await dashboard('head.us');
    expect(d.missions).toEqual(['US-WAS']);
    expect(d.openByMission).toEqual([{ missionCode: 'US-WAS', count: 2 }]);
    expect(d.sla.red).toBe(1);
    // Opened in the last 30 days, whatever became of them since (resolved, merged).
    expect(d.casesPerDay.reduce((s, x) => s + x.count, 0)).toBe(4);
    expect(d.callsPerDay.reduce((s, x) => s + x.count, 0)).toBe(2);
  });

  it('refuses officers and agents', async () => {
    for (const who of ['officer.us', 'agent']) {
      const response = await app.inject({
        url: '/api/v1/dashboard/cases',
        headers: { cookie: cookies[who] as string },
      });
      expect(response.statusCode).toBe(403);
    }
  });
});
