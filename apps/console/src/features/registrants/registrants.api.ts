import type {
  Problem,
  RegistrantDetail,
  RegistrantKind,
  RegistrantPage,
  RegistrantRow,
  RegistrantsSummary,
} from '@homeward/shared';
import i18next from 'i18next';
import { ApiError } from '../../lib/api.client.ts';

export type { RegistrantDetail, RegistrantKind, RegistrantPage, RegistrantRow, RegistrantsSummary };

/** The filters of the registrants page, as they stand in its URL. */
export interface RegistrantFilters {
  at: string;
  country: string;
  region: string;
  kind: RegistrantKind | '';
  q: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function filtersFrom(params: URLSearchParams): RegistrantFilters {
  const kind = params.get('kind');
  const country = (params.get('country') ?? '').toUpperCase();
  const region = (params.get('region') ?? '').toUpperCase();
  const at = params.get('at') ?? '';
  return {
    at: DAY.test(at) ? at : '',
    country: /^[A-Z]{2}$/.test(country) ? country : '',
    region: /^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(region) && region.startsWith(country) ? region : '',
    kind: kind === 'residence' || kind === 'trip' ? kind : '',
    q: (params.get('q') ?? '').trim().slice(0, 100),
  };
}

function query(filters: Partial<RegistrantFilters>, extra: Record<string, string> = {}): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params;
}

export function summaryPath(filters: RegistrantFilters): string {
  return `/api/v1/registrants/summary?${query({ at: filters.at, country: filters.country, kind: filters.kind })}`;
}

export const PAGE_SIZE = 25;

export function listPath(filters: RegistrantFilters, page: number): string {
  return `/api/v1/registrants?${query(filters, { page: String(page), pageSize: String(PAGE_SIZE) })}`;
}

export function registrantPath(id: string): string {
  return `/api/v1/registrants/${encodeURIComponent(id)}`;
}

/**
 * Asks the server for the CSV and hands it to the browser as a download. The reason goes to the audit log;
 * the server refuses (422) without one.
 */
export async function downloadExport(filters: RegistrantFilters, reason: string): Promise<void> {
  const body = Object.fromEntries(Object.entries({ ...filters, reason }).filter(([, v]) => v !== ''));
  let response: Response;
  try {
    response = await fetch('/api/v1/registrants/export', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Accept-Language': i18next.language || 'zh-CN',
        'X-Requested-With': 'homeward',
      },
      body: JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, null);
  }
  if (!response.ok) {
    // Boundary: error answers are problem+json from the server.
    const problem = (await response.json().catch(() => null)) as Problem | null;
    throw new ApiError(response.status, problem);
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'registrants.csv';
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the object URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
