import type { Locale, RowError, StaffImport, StaffMemberPage } from '@homeward/shared';
import { stringify } from 'csv-stringify/sync';
import { isoNow, newId } from '../../clock.ts';
import type { Db } from '../../db/schema.ts';
import { ProblemError } from '../../http/problem.ts';
import type { Actor } from '../../policy/actor.ts';
import { insertBusinessStaff, insertPersonChannels, insertPersons } from '../registry/registry.repo.ts';
import { parseStaffList, siteLookup } from './businesses.csv.ts';
import { type StoredRowError, toRowErrors } from './businesses.csv-messages.ts';
import { toStaffImportDto } from './businesses.presenter.ts';
import {
  countStaff,
  findStaffImport,
  insertStaffImport,
  listChannels,
  listSites,
  listStaff,
  listStaffImports,
} from './businesses.repo.ts';
import { organisationOf } from './businesses.service.ts';

export type ImportOutcome =
  | { status: 'imported'; staffImport: StaffImport }
  | { status: 'rejected'; staffImport: StaffImport; rowErrors: RowError[] };

/**
 * Imports an organisation's staff list. The file is the full current list: when every row is valid, the
 * organisation's earlier staff records are replaced by the file's in one transaction. When any row is not,
 * nothing changes but the import's record ('rejected', with the row errors for the error report).
 * @throws ProblemError 404 (not the caller's), 422 csv_encoding, csv_columns, csv_empty, csv_too_many_rows
 */
export async function importStaffList(
  db: Db,
  actor: Actor,
  organisationId: string,
  file: { body: Buffer; fileName: string | null },
  locale: Locale,
  now: Date = new Date(),
): Promise<ImportOutcome> {
  return db.transaction().execute(async (trx) => {
    await organisationOf(trx, actor, organisationId);
    const sites = await listSites(trx, organisationId);
    const parsed = await parseStaffList(file.body, siteLookup(sites), now.toISOString().slice(0, 10));
    const at = isoNow();
    const record = {
      id: newId(),
      businessId: organisationId,
      userId: actor.id,
      fileName: file.fileName,
      createdAt: at,
    };
    if (!parsed.ok) {
      const row = { ...record, status: 'rejected' as const, rowCount: parsed.rowCount, importedCount: 0 };
      const stored = { ...row, errors: JSON.stringify(parsed.errors) };
      await insertStaffImport(trx, stored);
      return {
        status: 'rejected',
        staffImport: toStaffImportDto(stored),
        rowErrors: toRowErrors(parsed.errors, locale),
      };
    }
    // Replace: the organisation's earlier staff records go (their channels and site links cascade).
    await trx.deleteFrom('persons').where('businessId', '=', organisationId).execute();
    const persons = parsed.rows.map((r) => ({ id: newId(), row: r }));
    await insertPersons(
      trx,
      persons.map(({ id, row }) => ({
        id,
        userId: null,
        familyName: row.familyName,
        givenName: row.givenName,
        nativeName: row.nativeName,
        birthDate: row.birthDate,
        passportNumber: row.passportNumber,
        locale: row.locale,
        businessId: organisationId,
        createdAt: at,
        updatedAt: at,
      })),
    );
    await insertPersonChannels(
      trx,
      persons.flatMap(({ id, row }) => [
        ...(row.phone ? [{ id: newId(), personId: id, kind: 'sms' as const, address: row.phone, createdAt: at }] : []),
        ...(row.email
          ? [{ id: newId(), personId: id, kind: 'email' as const, address: row.email, createdAt: at }]
          : []),
      ]),
    );
    await insertBusinessStaff(
      trx,
      persons.map(({ id, row }) => ({ siteId: row.siteId, personId: id, role: row.role, createdAt: at })),
    );
    const stored = {
      ...record,
      status: 'imported' as const,
      rowCount: persons.length,
      importedCount: persons.length,
      errors: '[]',
    };
    await insertStaffImport(trx, stored);
    return { status: 'imported', staffImport: toStaffImportDto(stored) };
  });
}

/** The organisation's last 50 imports, newest first. */
export async function listImports(db: Db, actor: Actor, organisationId: string): Promise<StaffImport[]> {
  await organisationOf(db, actor, organisationId);
  return (await listStaffImports(db, organisationId, 50)).map(toStaffImportDto);
}

const REPORT_HEADER: Record<Locale, string[]> = {
  en: ['line', 'column', 'message'],
  'zh-CN': ['行', '列', '问题'],
};

/**
 * A rejected import's errors as CSV (line, column, message) in the reader's language, with a byte order mark
 * so spreadsheet programs read it as UTF-8. An imported one has none: 404.
 */
export async function errorReportCsv(
  db: Db,
  actor: Actor,
  organisationId: string,
  importId: string,
  locale: Locale,
): Promise<{ csv: string; fileName: string }> {
  await organisationOf(db, actor, organisationId);
  const row = await findStaffImport(db, organisationId, importId);
  if (row?.status !== 'rejected') throw new ProblemError(404, 'not_found');
  const errors = toRowErrors(JSON.parse(row.errors) as StoredRowError[], locale);
  const csv = stringify([REPORT_HEADER[locale], ...errors.map((e) => [e.line, e.column ?? '', e.message])], {
    record_delimiter: '\r\n',
  });
  return { csv: `\uFEFF${csv}`, fileName: `staff-import-errors-${row.id}.csv` };
}

/** The organisation's current staff, by name, paginated, searchable by name or passport number. */
export async function searchOrganisationStaff(
  db: Db,
  actor: Actor,
  organisationId: string,
  query: { q?: string; siteId?: string; page: number; pageSize: number },
): Promise<StaffMemberPage> {
  await organisationOf(db, actor, organisationId);
  return staffPage(db, { businessId: organisationId, q: query.q, siteId: query.siteId }, query.page, query.pageSize);
}

/** One page of an organisation's staff with each person's phone and e-mail. */
export async function staffPage(
  db: Db,
  filter: { businessId: string; q?: string; siteId?: string },
  page: number,
  pageSize: number,
): Promise<StaffMemberPage> {
  const [total, rows] = await Promise.all([
    countStaff(db, filter),
    listStaff(db, filter, pageSize, (page - 1) * pageSize),
  ]);
  const channels = await listChannels(
    db,
    rows.map((r) => r.id),
  );
  const first = (personId: string, kind: string) =>
    channels.find((c) => c.personId === personId && c.kind === kind)?.address ?? null;
  return {
    items: rows.map((r) => ({
      id: r.id,
      siteId: r.siteId,
      siteName: r.siteName,
      familyName: r.familyName,
      givenName: r.givenName,
      nativeName: r.nativeName,
      passportNumber: r.passportNumber,
      birthDate: r.birthDate,
      phone: first(r.id, 'sms'),
      email: first(r.id, 'email'),
      role: r.role,
      locale: r.locale,
    })),
    total,
    page,
    pageSize,
  };
}
