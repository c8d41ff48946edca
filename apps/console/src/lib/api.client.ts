import { isProblem, type Problem, readAnswer } from '@homeward/shared';
import i18next from 'i18next';

/** Dispatched on `window` when a call finds the session gone; the signed-in layout returns to sign-in. */
export const SESSION_ENDED = 'homeward:session-ended';

/** A failed API call: a problem from the server, or status 0 when the network did not answer. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
  ) {
    super(problem?.title ?? (status === 0 ? 'Network error' : `HTTP ${status}`));
  }
}

async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    // The server localizes problem titles by this header: always the UI language.
    'Accept-Language': i18next.language || 'zh-CN',
  };
  if (method !== 'GET') {
    // The server's CSRF guard for cookie-authenticated writes: a header a cross-site form cannot send.
    headers['X-Requested-With'] = 'homeward';
  }
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, null);
  }
  // A cancellation rejects; a success cut short is a network failure (null).
  const answer = await readAnswer(response, signal);
  if (answer === null) throw new ApiError(0, null);
  if (!response.ok) {
    const problem = isProblem(answer.data) ? answer.data : null;
    // The session ended elsewhere (signed out everywhere, an administrator changed the account): say so once.
    if (response.status === 401 && problem?.code === 'unauthenticated') window.dispatchEvent(new Event(SESSION_ENDED));
    throw new ApiError(response.status, problem);
  }
  // Boundary: the server validates its responses against the shared TypeBox schemas.
  return answer.data as T;
}

export function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return request<T>('GET', path, undefined, signal);
}

export function postJson<T>(path: string, body?: unknown): Promise<T> {
  return request<T>('POST', path, body);
}

export function patchJson<T>(path: string, body: unknown): Promise<T> {
  return request<T>('PATCH', path, body);
}

export function putJson<T>(path: string, body: unknown): Promise<T> {
  return request<T>('PUT', path, body);
}

export function deleteJson(path: string): Promise<void> {
  return request<void>('DELETE', path);
}
