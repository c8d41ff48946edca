import { isProblem, type Problem, readAnswer } from '@homeward/shared';
import i18next from 'i18next';

/** A failed API call: either the server answered with a problem, or the network did not answer at all. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
  ) {
    super(problem?.title ?? (status === 0 ? 'Network error' : `HTTP ${status}`));
  }

  get offline(): boolean {
    return this.status === 0;
  }
}

/** What a write may carry besides its body. */
export interface WriteOptions {
  /**
   * The Idempotency-Key of this submission (decision 0010): the same key on a retry makes the server answer
   * with the first result instead of doing the change twice. Make one with `useSubmissionKey`.
   */
  idempotencyKey?: string;
}

async function request<T>(
  method: string,
  path: string,
  body?: unknown,
  signal?: AbortSignal,
  options: WriteOptions = {},
): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    // The server localizes problem titles by this header: always the UI language.
    'Accept-Language': i18next.language || 'zh-CN',
  };
  // The server's CSRF guard for cookie-authenticated writes: a header a cross-site form cannot send.
  if (method !== 'GET') headers['X-Requested-With'] = 'homeward';
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  // The draft's Structured Field string: the key in double quotes (a UUID needs no escaping).
  if (options.idempotencyKey) headers['Idempotency-Key'] = `"${options.idempotencyKey}"`;
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
  if (!response.ok) throw new ApiError(response.status, isProblem(answer.data) ? answer.data : null);
  // Boundary: the server validates its responses against the shared TypeBox schemas.
  return answer.data as T;
}

/** GET a JSON resource in the current UI language (the server localizes problem titles by Accept-Language). */
export function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return request<T>('GET', path, undefined, signal);
}

/** A write (POST, PUT, PATCH, DELETE) with the CSRF header; a 204 answer resolves to undefined. */
export function sendJson<T>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  options?: WriteOptions,
): Promise<T> {
  return request<T>(method, path, body, undefined, options);
}
