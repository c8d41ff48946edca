import {
  type Answers,
  type Application,
  type ApplicationList,
  type ApplicationStatus,
  isProblem,
  readAnswer,
  type Service,
  type ServiceField,
  type ServiceList,
} from '@homeward/shared';
import i18next from 'i18next';
import { ApiError } from '../../lib/api.client.ts';

export const SERVICES_PATH = '/api/v1/services';
export const APPLICATIONS_PAGE_SIZE = 20;

export function servicePath(id: string): string {
  return `${SERVICES_PATH}/${encodeURIComponent(id)}`;
}
export function applicationPath(id: string): string {
  return `/api/v1/applications/${encodeURIComponent(id)}`;
}
export function applicationsPath(page: number): string {
  return `/api/v1/applications?page=${page}&pageSize=${APPLICATIONS_PAGE_SIZE}`;
}
/** Every mission, for the "which mission" question (52 for China; one page). */
export const ALL_MISSIONS_PATH = '/api/v1/missions?pageSize=100&sort=country';

/** Statuses in which the applicant can still change answers and documents. */
export function isEditable(status: ApplicationStatus): boolean {
  return status === 'draft' || status === 'more_info_requested';
}

/** "25.00 USD" / "免费" in the UI language, from minor units. */
export function formatFee(amountMinor: number, currency: string, locale: string, free: string): string {
  if (amountMinor === 0) return free;
  return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : locale, { style: 'currency', currency }).format(
    amountMinor / 100,
  );
}

/** Percent-encoded UTF-8, as the X-File-Name header carries a name (ASCII only in HTTP headers). */
function encodeFileName(name: string): string {
  return encodeURIComponent(name || 'file');
}

/** Sends a photo or scan for a file question; the server checks type, size and pixels from the content. */
export async function uploadDocument(applicationId: string, field: string, file: File): Promise<Application> {
  let response: Response;
  try {
    response = await fetch(`${applicationPath(applicationId)}/documents`, {
      method: 'POST',
      headers: {
        Accept: 'application/json',
        'Accept-Language': i18next.language || 'zh-CN',
        'X-Requested-With': 'homeward',
        'Content-Type': file.type || 'application/octet-stream',
        'X-File-Name': encodeFileName(file.name),
        'X-Document-Field': field,
      },
      body: file,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, null);
  }
  const answer = await readAnswer(response);
  if (answer === null) throw new ApiError(0, null);
  if (!response.ok) throw new ApiError(response.status, isProblem(answer.data) ? answer.data : null);
  return answer.data as Application; // boundary: the server validates its responses against the shared schema
}

export type { Answers, Application, ApplicationList, ApplicationStatus, Service, ServiceField, ServiceList };
