import {
  type BusinessSector,
  type Organisation,
  type OrganisationInput,
  type Problem,
  type RowError,
  readAnswer,
  type Site,
  type SiteInput,
  type StaffImport,
  type StaffMemberPage,
} from '@homeward/shared';
import i18next from 'i18next';
import { ApiError, getJson, sendJson } from '../../lib/api.client.ts';

// Organisation accounts of enterprises abroad (issue 4): the citizen's organisations, their sites and their
// staff list. Staff lists are personal data: pages load them with `keepOnDevice: false`.

export type {
  BusinessSector,
  Organisation,
  OrganisationInput,
  RowError,
  Site,
  SiteInput,
  StaffImport,
  StaffMemberPage,
};

const V1 = '/api/v1';
export const ORGANISATIONS_PATH = `${V1}/organisations`;
export const TEMPLATE_PATH = `${V1}/organisations/staff-template.csv`;
export const COUNTRIES_PATH = `${V1}/countries`;
export const organisationPath = (id: string) => `${ORGANISATIONS_PATH}/${id}`;
export const sitesPath = (id: string) => `${organisationPath(id)}/sites`;
export const importsPath = (id: string) => `${organisationPath(id)}/staff-imports`;
export const staffPath = (id: string, page: number, q: string) =>
  `${organisationPath(id)}/staff?page=${page}&pageSize=20${q ? `&q=${encodeURIComponent(q)}` : ''}`;

// The shared schema's sector list, repeated as a plain value: importing it would pull TypeBox into this chunk.
// `satisfies` keeps it in step with the schema's type.
export const SECTORS = [
  'energy',
  'construction',
  'manufacturing',
  'mining',
  'trade',
  'finance',
  'transport',
  'ict',
  'agriculture',
  'services',
  'other',
] as const satisfies readonly BusinessSector[];

/** The same limit the server applies (STAFF_IMPORT_LIMITS): checked here first to spare a long upload. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

export interface Country {
  code: string;
  name: { en: string; 'zh-CN': string };
}

export interface PlaceCity {
  id: number;
  name: string;
  regionCode: string | null;
  regionName: string | null;
}

export const createOrganisation = (body: OrganisationInput, idempotencyKey?: string) =>
  sendJson<Organisation>('POST', ORGANISATIONS_PATH, body, { idempotencyKey });
export const updateOrganisation = (id: string, body: OrganisationInput) =>
  sendJson<Organisation>('PUT', organisationPath(id), body);
export const deleteOrganisation = (id: string) => sendJson<void>('DELETE', organisationPath(id));
export const createSite = (id: string, body: SiteInput, idempotencyKey?: string) =>
  sendJson<Site>('POST', sitesPath(id), body, { idempotencyKey });
export const updateSite = (id: string, siteId: string, body: SiteInput) =>
  sendJson<Site>('PUT', `${sitesPath(id)}/${siteId}`, body);
export const deleteSite = (id: string, siteId: string) => sendJson<void>('DELETE', `${sitesPath(id)}/${siteId}`);

export function fetchCities(country: string, q: string, signal?: AbortSignal): Promise<{ items: PlaceCity[] }> {
  return getJson(`${V1}/places/cities?country=${country}&q=${encodeURIComponent(q)}&limit=10`, signal);
}

/** A rejected upload: nothing was imported; the rows at fault and where to download the report. */
export interface RejectedImport extends Problem {
  staffImport: StaffImport;
  errorReportUrl: string;
  rowErrors: RowError[];
}

export type UploadResult =
  | { status: 'imported'; staffImport: StaffImport }
  | { status: 'rejected'; problem: RejectedImport };

/**
 * Sends the chosen file as it is (text/csv): the server checks its encoding, columns and every row. A 422
 * staff_import_rejected is an expected answer, returned; any other failure throws an ApiError.
 */
export async function uploadStaffList(organisationId: string, file: File): Promise<UploadResult> {
  let response: Response;
  try {
    response = await fetch(`${importsPath(organisationId)}?fileName=${encodeURIComponent(file.name.slice(0, 200))}`, {
      method: 'POST',
      headers: {
        Accept: 'application/json',
        'Accept-Language': i18next.language || 'zh-CN',
        'Content-Type': 'text/csv',
        'X-Requested-With': 'homeward',
      },
      body: file,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, null);
  }
  const answer = await readAnswer(response);
  if (answer === null) throw new ApiError(0, null);
  // Boundary: a 201 is the import, a refusal problem+json (the server validates both against the shared schemas).
  const data = answer.data as (Problem & Partial<RejectedImport>) | StaffImport | null;
  if (response.status === 201) return { status: 'imported', staffImport: data as StaffImport };
  if (data && 'code' in data && data.code === 'staff_import_rejected') {
    return { status: 'rejected', problem: data as RejectedImport };
  }
  throw new ApiError(response.status, data && 'code' in data ? (data as Problem) : null);
}
