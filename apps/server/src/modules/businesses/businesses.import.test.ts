import { STAFF_CSV_COLUMNS } from '@homeward/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { organisationWithSites, signedInCitizen, siteInput, TOKYO } from '../../../test/support/businesses.ts';
import { describeEachDialect } from '../../../test/support/db.ts';
import type { App } from '../../http/app-types.ts';
import { targetRecipients } from '../targeting/targeting.service.ts';
import { parseStaffList, siteLookup } from './businesses.csv.ts';

const HEADER = STAFF_CSV_COLUMNS.join(',');
const row = (fields: Partial<Record<(typeof STAFF_CSV_COLUMNS)[number], string>>) =>
  STAFF_CSV_COLUMNS.map(
    (c) =>
      fields[c] ??
      {
        site: 'Washington Office',
        family_name: 'ZHANG',
        given_name: 'WEI',
        native_name: '张伟',
        passport_number: `E${Math.floor(Math.random() * 1e8)}`,
        birth_date: '1988-04-30',
        phone: '+12025550123',
        email: 'zhang.wei@example.com',
        role: 'Engineer',
        locale: 'zh-CN',
      }[c],
  ).join(',');
const csv = (...rows: string[]) => Buffer.from(`${[HEADER, ...rows].join('\r\n')}\r\n`);

describe('parseStaffList', () => {
  const sites = siteLookup([
    { id: 's1', name: 'Washington Office' },
    { id: 's2', name: 'Tokyo' },
    { id: 's3', name: 'Tokyo' },
  ]);
  it('reads valid rows by site name or id, with a BOM and quoted commas', async () => {
    const body = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      csv(row({ passport_number: 'E1', role: '"Engineer, site A"' }).replace('E1', 'E12345'), row({ site: 's3' })),
    ]);
    const parsed = await parseStaffList(body, sites, '2026-11-28');
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.rows.map((r) => [r.line, r.siteId, r.role])).toEqual([
        [2, 's1', 'Engineer, site A'],
        [3, 's3', 'Engineer'],
      ]);
    }
  });
  it('names each faulty cell with its line', async () => {
    const parsed = await parseStaffList(
      csv(
        row({ site: 'Nowhere' }),
        row({ site: 'Tokyo' }),
        row({ family_name: '', birth_date: '2026-02-30' }),
        row({ phone: '12345', email: 'nope' }),
        row({ phone: '', email: '' }),
        row({ locale: 'fr', birth_date: '2030-01-01' }),
        row({ passport_number: 'G1234567' }),
        row({ passport_number: 'G1234567' }),
        'too,few,fields',
      ),
      sites,
      '2026-11-28',
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.rowCount).toBe(9);
    expect(parsed.errors.map((e) => `${e.line}:${e.column}:${e.code}`)).toEqual([
      '2:site:site_unknown',
      '3:site:site_ambiguous',
      '4:family_name:required',
      '4:birth_date:date_invalid',
      '5:phone:phone_invalid',
      '5:email:email_invalid',
      '6:phone:contact_required',
      '7:birth_date:date_future',
      '7:locale:locale_invalid',
      '9:passport_number:duplicate',
      '10:null:field_count',
    ]);
  });
  it('refuses wrong columns, binary, non-UTF-8, empty and oversized files as a whole', async () => {
    const expectProblem = async (body: Buffer, code: string, maxRows?: number) => {
      await expect(parseStaffList(body, sites, '2026-11-28', maxRows)).rejects.toMatchObject({ status: 422, code });
    };
    await expectProblem(Buffer.from('site,family_name,surname\r\n'), 'csv_columns');
    await expectProblem(Buffer.from(''), 'csv_columns');
    await expectProblem(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), 'csv_encoding');
    await expectProblem(Buffer.from(`${HEADER}\r\n\xC5\xC0`, 'latin1'), 'csv_encoding');
    await expectProblem(csv(), 'csv_empty');
    await expectProblem(csv(row({}), row({}), row({})), 'csv_too_many_rows', 2);
  });
  it('reports an unclosed quote as a row error instead of crashing', async () => {
    const parsed = await parseStaffList(csv(row({}), `"Washington Office,ZHANG`), sites, '2026-11-28');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.at(-1)?.code).toBe('unreadable');
  });
});

describeEachDialect('staff list imports', (getDb) => {
  let app: App;
  let owner: { id: string; cookie: string };
  let org: { id: string; siteIds: string[] };
  beforeAll(async () => {
    app = await buildTestApp(getDb());
    owner = await signedInCitizen(app);
    org = await organisationWithSites(app, owner.cookie, [
      siteInput(),
      siteInput({ name: 'Tokyo', countryCode: 'JP', regionCode: 'JP-13', cityId: TOKYO }),
    ]);
  });
  afterAll(async () => {
    await app.close();
  });

  const upload = (body: Buffer | string, language = 'en', contentType = 'text/csv') =>
    app.inject({
      method: 'POST',
      url: `/api/v1/organisations/${org.id}/staff-imports?fileName=staff.csv`,
      headers: {
        cookie: owner.cookie,
        'x-requested-with': 'homeward',
        'content-type': contentType,
        'accept-language': language,
      },
      payload: body,
    });
  const counts = async () => {
    const { db } = getDb();
    const n = async (table: 'persons' | 'personChannels' | 'businessStaff') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return { persons: await n('persons'), channels: await n('personChannels'), staff: await n('businessStaff') };
  };

  it('imports a valid list, then replaces it with the next one', async () => {
    const first = await upload(
      csv(row({}), row({ family_name: 'LI', given_name: 'NA', email: '' }), row({ site: 'Tokyo' })),
    );
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ status: 'imported', rowCount: 3, importedCount: 3, errorReportUrl: null });
    const staff = await app.inject({
      url: `/api/v1/organisations/${org.id}/staff?q=li`,
      headers: { cookie: owner.cookie },
    });
    expect(staff.json()).toMatchObject({ total: 1, items: [{ familyName: 'LI', phone: '+12025550123', email: null }] });

    const second = await upload(csv(row({ family_name: 'WANG' })));
    expect(second.json()).toMatchObject({ status: 'imported', importedCount: 1 });
    const all = await app.inject({ url: `/api/v1/organisations/${org.id}/staff`, headers: { cookie: owner.cookie } });
    expect(all.json().items.map((s: { familyName: string }) => s.familyName)).toEqual(['WANG']);
  });

  it('imports nothing when one row is bad, records the rejection and serves the error report', async () => {
    const before = await counts();
    const response = await upload(csv(row({}), row({ birth_date: '1990-13-01' }), row({})), 'zh-CN');
    expect(response.statusCode).toBe(422);
    const problem = response.json();
    expect(problem).toMatchObject({ code: 'staff_import_rejected', staffImport: { status: 'rejected', rowCount: 3 } });
    expect(problem.rowErrors).toEqual([
      { line: 3, column: 'birth_date', message: expect.stringContaining('YYYY-MM-DD') },
    ]);
    expect(await counts()).toEqual(before);

    const report = await app.inject({
      url: problem.errorReportUrl,
      headers: { cookie: owner.cookie, 'accept-language': 'zh-CN' },
    });
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toContain('text/csv');
    expect(report.body.replace('\uFEFF', '').split('\r\n').slice(0, 2)).toEqual([
      '行,列,问题',
      `3,birth_date,日期格式应为 YYYY-MM-DD（如 1988-04-30）`,
    ]);
    const english = await app.inject({
      url: problem.errorReportUrl,
      headers: { cookie: owner.cookie, 'accept-language': 'en' },
    });
    expect(english.body).toContain('line,column,message');

    const history = await app.inject({
      url: `/api/v1/organisations/${org.id}/staff-imports`,
      headers: { cookie: owner.cookie },
    });
    expect(history.json().items[0]).toMatchObject({ status: 'rejected', errorCount: 1 });
    const stranger = await signedInCitizen(app, 'stranger');
    expect((await app.inject({ url: problem.errorReportUrl, headers: { cookie: stranger.cookie } })).statusCode).toBe(
      404,
    );
  });

  it('refuses each whole-file fault with a clear 4xx and changes nothing', async () => {
    const before = await counts();
    const cases: [Buffer | string, number, string, string?][] = [
      ['site,family_name,name\r\nx,y,z\r\n', 422, 'csv_columns'],
      [Buffer.from([0x00, 0x01, 0x02, 0xff]), 422, 'csv_encoding'],
      [Buffer.from(`${HEADER}\r\nWashington Office,M\xDCLLER`, 'latin1'), 422, 'csv_encoding'],
      [`${HEADER}\r\n`, 422, 'csv_empty'],
      [csv(row({})), 415, 'unsupported_media_type', 'application/pdf'],
    ];
    for (const [body, status, code, type] of cases) {
      const response = await upload(body, 'en', type);
      expect(response.statusCode, code).toBe(status);
      expect(response.json().code).toBe(code);
    }
    const columns = await upload('site,family_name,surname\r\n');
    expect(columns.json().detail).toContain('missing: given_name');
    expect(columns.json().detail).toContain('unknown: surname');
    expect(await counts()).toEqual(before);
  });

  it('refuses 20,001 rows (422) and a million rows (413) without importing', async () => {
    const before = await counts();
    const short = `Washington Office,A,B,,,,+12025550123,,,\r\n`;
    const many = await upload(`${HEADER}\r\n${short.repeat(20_001)}`);
    expect(many.statusCode).toBe(422);
    expect(many.json().code).toBe('csv_too_many_rows');
    const million = await upload(`${HEADER}\r\n${short.repeat(1_000_000)}`);
    expect(million.statusCode).toBe(413);
    expect(million.json().code).toBe('body_too_large');
    expect(await counts()).toEqual(before);
  });

  it('makes imported staff reachable by targeting a circle around their site', async () => {
    await upload(csv(row({ family_name: 'ZHAO' }), row({ family_name: 'QIAN', site: 'Tokyo' })));
    const ids = await getDb()
      .db.selectFrom('persons')
      .select(['id', 'familyName'])
      .where('businessId', '=', org.id)
      .execute();
    const zhao = ids.find((p) => p.familyName === 'ZHAO')?.id;
    const qian = ids.find((p) => p.familyName === 'QIAN')?.id;
    const found = [];
    for await (const batch of targetRecipients(
      getDb().db,
      { circles: [{ lat: 38.9, lon: -77.04, radiusKm: 5 }] },
      { at: new Date() },
    ))
      found.push(...batch);
    expect(found).toContainEqual(
      expect.objectContaining({
        personId: zhao,
        reason: 'site_staff',
        channels: expect.arrayContaining([expect.objectContaining({ kind: 'sms', address: '+12025550123' })]),
      }),
    );
    expect(found.map((r) => r.personId)).not.toContain(qian);
  });
});
