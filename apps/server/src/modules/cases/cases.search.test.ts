import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../../../test/support/db.ts';
import { isoNow, newId } from '../../clock.ts';
import { seedDemo } from '../demo/demo.seed.ts';
import { appendCaseEvent } from './cases.events.repo.ts';
import {
  caseHasEveryWord,
  caseIdsMatching,
  containsPattern,
  firstMatchingCaseIds,
  searchTerms,
} from './cases.search.repo.ts';

describe('search terms', () => {
  it('splits on white space (also the ideographic space), drops duplicates and keeps at most eight', () => {
    expect(searchTerms('  护照  lost\u3000护照 ')).toEqual(['护照', 'lost']);
    expect(searchTerms('a b c d e f g h i j')).toHaveLength(8);
    expect(searchTerms('   ')).toEqual([]);
  });

  it('escapes LIKE wildcards and the escape character', () => {
    expect(containsPattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });
});

describeEachDialect('full-text case search', (getDb) => {
  let tdb: TestDatabase;
  const ids: Record<string, string> = {};

  async function addCase(key: string, missionCode: string, summary: string, description = ''): Promise<string> {
    const id = newId();
    const now = isoNow();
    await tdb.db
      .insertInto('cases')
      .values({
        id,
        number: `HW-TEST-${key}`,
        missionCode,
        category: 'other',
        priority: 'P3',
        status: 'new',
        summary,
        description,
        subjectName: 'Test Person',
        reporterUserId: null,
        createdBy: null,
        openedAt: now,
        updatedAt: now,
        version: 1,
      })
      .execute();
    ids[key] = id;
    return id;
  }

  async function note(caseId: string, body: string, visibility: 'internal' | 'citizen' = 'internal') {
    return appendCaseEvent(tdb.db, {
      caseId,
      kind: visibility === 'internal' ? 'note' : 'message',
      visibility,
      authorUserId: null,
      authorKind: 'staff',
      body,
    });
  }

  /**
   * Case keys matching `q` within `missions` (every mission when omitted), as staff or as a citizen. The list
   * finds them in two ways (decision 0013) — from the index up to a cap, or by walking the cases and checking
   * each one's texts — and the whole set of matches is asked of the index in a third; all three must agree.
   */
  async function find(q: string, options: { missions?: string[]; citizen?: boolean } = {}): Promise<string[]> {
    const search = { includeInternal: !options.citizen };
    const sub = caseIdsMatching(tdb.db, q, search);
    if (!sub) return [];
    const numbers = async (where: RawBuilder<SqlBool>) => {
      let query = tdb.db.selectFrom('cases').select('number').where(where);
      if (options.missions) query = query.where('missionCode', 'in', options.missions);
      const rows = await query.orderBy('number').execute();
      return rows.map((r) => r.number.replace('HW-TEST-', ''));
    };
    const bySubquery = await numbers(sql<SqlBool>`cases.id in ${sub}`);
    const inScope = (caseId: RawBuilder<string>) =>
      options.missions
        ? sql<SqlBool>`exists (select 1 from cases sc where sc.id = ${caseId} and sc.mission_code in (${sql.join(options.missions)}))`
        : sql<SqlBool>`1 = 1`;
    const first = (await firstMatchingCaseIds(tdb.db, q, search, inScope, 1000)) ?? [];
    const byIndex = await numbers(
      first.length > 0 ? sql<SqlBool>`cases.id in (${sql.join(first)})` : sql<SqlBool>`1 = 0`,
    );
    const every = caseHasEveryWord(tdb.db, q, search, sql.ref<string>('cases.id') as unknown as RawBuilder<string>);
    const byWalk = await numbers(every ?? sql<SqlBool>`1 = 1`);
    expect(byIndex).toEqual(bySubquery);
    expect(byWalk).toEqual(bySubquery);
    return bySubquery;
  }

  beforeAll(async () => {
    tdb = await createTestDatabase(getDb().dialect);
    await seedDemo(tdb.db, tdb.config.state.code);
    await tdb.db.deleteFrom('cases').execute();
    const lost = await addCase('lost', 'US-WAS', '护照丢失', '在地铁上丢失了护照和钱包 passport stolen on the metro');
    await addCase('tokyo', 'JP-TYO', '护照丢失 in Tokyo', 'Lost passport at Shinjuku station');
    const hospital = await addCase('hospital', 'US-WAS', 'Traffic accident', 'Taken to George Washington hospital');
    await note(hospital, '家属已联系，病人在重症监护室');
    await note(hospital, 'Insurance covers 100% of costs_total', 'internal');
    await addCase('quote', 'US-WAS', 'Said "help me" on the phone', "O'Brien's friend called");
    await note(lost, '已补办旅行证 travel document issued', 'citizen');
  });
  afterAll(async () => {
    await tdb.close();
  });

  it('finds a Chinese word of three or more characters through the trigram index', async () => {
    expect(await find('重症监护')).toEqual(['hospital']);
    expect(await find('补办旅行证')).toEqual(['lost']);
  });

  it('finds a two-character Chinese word through the bounded scan', async () => {
    expect(await find('护照')).toEqual(['lost', 'tokyo']);
    expect(await find('家属')).toEqual(['hospital']);
  });

  it('finds English words case-insensitively, in summaries, descriptions and notes', async () => {
    expect(await find('PASSPORT')).toEqual(['lost', 'tokyo']);
    expect(await find('washington')).toEqual(['hospital']);
    expect(await find('insurance')).toEqual(['hospital']);
  });

  it('wants every word, each anywhere in the case, in any script', async () => {
    expect(await find('护照 metro')).toEqual(['lost']);
    expect(await find('护照 Shinjuku')).toEqual(['tokyo']);
    expect(await find('traffic 重症监护室')).toEqual(['hospital']);
    expect(await find('护照 hospital')).toEqual([]);
  });

  it('takes %, _ and quotes literally', async () => {
    expect(await find('100%')).toEqual(['hospital']);
    expect(await find('%')).toEqual(['hospital']);
    expect(await find('_')).toEqual(['hospital']);
    expect(await find('costs_total')).toEqual(['hospital']);
    expect(await find('costs%total')).toEqual([]);
    expect(await find('"help')).toEqual(['quote']);
    expect(await find("O'Brien's")).toEqual(['quote']);
    expect(await find('"')).toEqual(['quote']);
  });

  it('keeps the caller’s scope: an officer of one mission never finds another mission’s case', async () => {
    expect(await find('passport', { missions: ['US-WAS'] })).toEqual(['lost']);
    expect(await find('Shinjuku', { missions: ['US-WAS'] })).toEqual([]);
    expect(await find('护照', { missions: ['JP-TYO'] })).toEqual(['tokyo']);
  });

  it('matches internal notes only for staff; a citizen matches the case text and citizen-visible events', async () => {
    expect(await find('重症监护', { citizen: true })).toEqual([]);
    expect(await find('家属', { citizen: true })).toEqual([]);
    expect(await find('travel document', { citizen: true })).toEqual(['lost']);
    expect(await find('Traffic', { citizen: true })).toEqual(['hospital']);
  });

  it('follows edits and deletions of the searched text', async () => {
    const id = await addCase('edited', 'US-WAS', 'Missing hiker', '');
    expect(await find('hiker')).toEqual(['edited']);
    await tdb.db
      .updateTable('cases')
      .set({ summary: '登山者已找到', description: 'found safe' })
      .where('id', '=', id)
      .execute();
    expect(await find('hiker')).toEqual([]);
    expect(await find('登山者')).toEqual(['edited']);
    const event = await note(id, 'helicopter dispatched');
    expect(await find('helicopter')).toEqual(['edited']);
    await tdb.db.updateTable('caseEvents').set({ visibility: 'citizen' }).where('id', '=', event.id).execute();
    expect(await find('helicopter', { citizen: true })).toEqual(['edited']);
    await tdb.db.deleteFrom('caseEvents').where('id', '=', event.id).execute();
    expect(await find('helicopter')).toEqual([]);
    await tdb.db.deleteFrom('cases').where('id', '=', id).execute();
    expect(await find('登山者')).toEqual([]);
  });

  it('gives no subquery for a query without words', () => {
    expect(caseIdsMatching(tdb.db, '  ', { includeInternal: true })).toBeNull();
  });
});
