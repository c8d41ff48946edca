import {
  OrganisationInputSchema,
  OrganisationSchema,
  problemTitle,
  SiteInputSchema,
  SiteSchema,
  STAFF_IMPORT_LIMITS,
  StaffImportRejectedSchema,
  StaffImportSchema,
  StaffMemberPageSchema,
  StaffPageQuerySchema,
} from '@homeward/shared';
import { Type } from '@sinclair/typebox';
import type { App } from '../../http/app-types.ts';
import { idempotently } from '../../http/idempotency.ts';
import { localeOf, ProblemError } from '../../http/problem.ts';
import { type Actor, actorOf } from '../../policy/actor.ts';
import { PUBLIC, rolesOnly } from '../../policy/route-policy.ts';
import { staffTemplateCsv } from './businesses.csv.ts';
import { errorReportCsv, importStaffList, listImports, searchOrganisationStaff } from './businesses.import.ts';
import {
  addSite,
  createOrganisation,
  editOrganisation,
  editSite,
  listMyOrganisations,
  listOrganisationSites,
  removeOrganisation,
  removeSite,
  viewOrganisation,
  viewSite,
} from './businesses.service.ts';

// A citizen's organisation accounts (issue 4). Only the citizen role reaches these routes; which organisation
// is the caller's is decided in businesses.policy.ts (someone else's answers 404).
const CITIZENS = rolesOnly('citizen');
const citizen = (user: Parameters<typeof actorOf>[0]): Actor => actorOf(user) as Actor; // behind the role gate

const Id = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const SiteParams = Type.Object({ id: Type.String({ maxLength: 64 }), siteId: Type.String({ maxLength: 64 }) });
const ImportParams = Type.Object({ id: Type.String({ maxLength: 64 }), importId: Type.String({ maxLength: 64 }) });
const TAGS = ['organisations'];

export async function businessesRoutes(app: App): Promise<void> {
  const { db } = app.ctx;

  // A staff list arrives as the raw CSV file; the import reads and checks its encoding itself.
  app.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: STAFF_IMPORT_LIMITS.bytes }, (_r, body, done) =>
    done(null, body),
  );

  app.get(
    '/api/v1/organisations',
    {
      config: { policy: CITIZENS },
      schema: {
        tags: TAGS,
        summary: 'The organisation accounts the caller registered',
        response: { 200: Type.Object({ items: Type.Array(OrganisationSchema) }) },
      },
    },
    async (request) => ({ items: await listMyOrganisations(db, citizen(request.user)) }),
  );

  app.post(
    '/api/v1/organisations',
    {
      config: { policy: CITIZENS, idempotent: true },
      schema: {
        tags: TAGS,
        summary: 'Register an organisation (an enterprise abroad) managed by the caller',
        body: OrganisationInputSchema,
        response: { 201: OrganisationSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await idempotently(request, db, 201, (trx) => createOrganisation(trx, citizen(request.user), request.body)),
        ),
  );

  app.get(
    '/api/v1/organisations/:id',
    {
      config: { policy: CITIZENS },
      schema: {
        tags: TAGS,
        summary: 'One of the caller’s organisations',
        params: Id,
        response: { 200: OrganisationSchema },
      },
    },
    async (request) => viewOrganisation(db, citizen(request.user), request.params.id),
  );

  app.put(
    '/api/v1/organisations/:id',
    {
      config: { policy: CITIZENS },
      schema: {
        tags: TAGS,
        summary: 'Change an organisation’s name, registration number or sector',
        params: Id,
        body: OrganisationInputSchema,
        response: { 200: OrganisationSchema },
      },
    },
    async (request) => editOrganisation(db, citizen(request.user), request.params.id, request.body),
  );

  app.delete(
    '/api/v1/organisations/:id',
    {
      config: { policy: CITIZENS },
      schema: {
        tags: TAGS,
        summary: 'Delete an organisation with its sites, staff list and import history',
        params: Id,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await removeOrganisation(db, citizen(request.user), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/organisations/:id/sites',
    {
      config: { policy: CITIZENS },
      schema: {
        tags: TAGS,
        summary: 'An organisation’s sites abroad, by name',
        params: Id,
        response: { 200: Type.Object({ items: Type.Array(SiteSchema) }) },
      },
    },
    async (request) => ({ items: await listOrganisationSites(db, citizen(request.user), request.params.id) }),
  );

  app.post(
    '/api/v1/organisations/:id/sites',
    {
      config: { policy: CITIZENS, idempotent: true },
      schema: {
        tags: TAGS,
        summary: 'Add a site: place from the gazetteer, nationals headcount, security contact',
        params: Id,
        body: SiteInputSchema,
        response: { 201: SiteSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await idempotently(request, db, 201, (trx) =>
            addSite(trx, citizen(request.user), request.params.id, request.body),
          ),
        ),
  );

  app.get(
    '/api/v1/organisations/:id/sites/:siteId',
    {
      config: { policy: CITIZENS },
      schema: { tags: TAGS, summary: 'One site', params: SiteParams, response: { 200: SiteSchema } },
    },
    async (request) => viewSite(db, citizen(request.user), request.params.id, request.params.siteId),
  );

  app.put(
    '/api/v1/organisations/:id/sites/:siteId',
    {
      config: { policy: CITIZENS },
      schema: {
        tags: TAGS,
        summary: 'Change a site (whole replacement)',
        params: SiteParams,
        body: SiteInputSchema,
        response: { 200: SiteSchema },
      },
    },
    async (request) => editSite(db, citizen(request.user), request.params.id, request.params.siteId, request.body),
  );

  app.delete(
    '/api/v1/organisations/:id/sites/:siteId',
    {
      config: { policy: CITIZENS },
      schema: {
        tags: TAGS,
        summary: 'Delete a site and the staff listed at it',
        params: SiteParams,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await removeSite(db, citizen(request.user), request.params.id, request.params.siteId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/v1/organisations/staff-template.csv',
    {
      config: { policy: PUBLIC },
      schema: { tags: TAGS, summary: 'The staff list template: the header row and an example row' },
    },
    async (_request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="staff-list-template.csv"')
        .send(staffTemplateCsv()),
  );

  app.post(
    '/api/v1/organisations/:id/staff-imports',
    {
      config: { policy: CITIZENS },
      bodyLimit: STAFF_IMPORT_LIMITS.bytes,
      schema: {
        tags: TAGS,
        summary:
          'Upload the full current staff list (text/csv, ≤ 5 MB, ≤ 20,000 rows). All rows valid: it replaces the ' +
          'earlier list (201). Any row invalid: nothing changes, 422 staff_import_rejected with the row errors ' +
          'and errorReportUrl',
        params: Id,
        querystring: Type.Object(
          { fileName: Type.Optional(Type.String({ maxLength: 200 })) },
          { additionalProperties: false },
        ),
        response: { 201: StaffImportSchema, 422: StaffImportRejectedSchema },
      },
    },
    async (request, reply) => {
      if (!Buffer.isBuffer(request.body)) {
        throw new ProblemError(415, 'unsupported_media_type', 'send the file as text/csv');
      }
      const locale = localeOf(request);
      const outcome = await importStaffList(
        db,
        citizen(request.user),
        request.params.id,
        { body: request.body, fileName: request.query.fileName?.trim() || null },
        locale,
      );
      if (outcome.status === 'imported') return reply.code(201).send(outcome.staffImport);
      const body = {
        type: 'https://homeward.example/problems/staff-import-rejected',
        title: problemTitle('staff_import_rejected', locale),
        status: 422,
        code: 'staff_import_rejected' as const,
        detail: `${outcome.staffImport.errorCount} errors in ${outcome.staffImport.rowCount} rows; nothing was imported`,
        instance: request.url.split('?')[0] ?? request.url,
        staffImport: outcome.staffImport,
        errorReportUrl: outcome.staffImport.errorReportUrl ?? '',
        rowErrors: outcome.rowErrors,
      };
      return reply.code(422).type('application/problem+json; charset=utf-8').send(body);
    },
  );

  app.get(
    '/api/v1/organisations/:id/staff-imports',
    {
      config: { policy: CITIZENS },
      schema: {
        tags: TAGS,
        summary: 'The organisation’s last 50 staff list uploads, newest first',
        params: Id,
        response: { 200: Type.Object({ items: Type.Array(StaffImportSchema) }) },
      },
    },
    async (request) => ({ items: await listImports(db, citizen(request.user), request.params.id) }),
  );

  app.get(
    '/api/v1/organisations/:id/staff-imports/:importId/errors.csv',
    {
      config: { policy: CITIZENS },
      schema: {
        tags: TAGS,
        summary: 'A rejected upload’s error report: line, column, message in the caller’s language',
        params: ImportParams,
      },
    },
    async (request, reply) => {
      const { csv, fileName } = await errorReportCsv(
        db,
        citizen(request.user),
        request.params.id,
        request.params.importId,
        localeOf(request),
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(csv);
    },
  );

  app.get(
    '/api/v1/organisations/:id/staff',
    {
      config: { policy: CITIZENS },
      schema: {
        tags: TAGS,
        summary: 'The organisation’s current staff list, by name; search by name or passport number',
        params: Id,
        querystring: StaffPageQuerySchema,
        response: { 200: StaffMemberPageSchema },
      },
    },
    async (request) => searchOrganisationStaff(db, citizen(request.user), request.params.id, request.query),
  );
}
