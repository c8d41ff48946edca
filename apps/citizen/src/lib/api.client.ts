import type { Problem } from '@homeward/shared';
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

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'code' in value && 'title' in value && 'status' in value;
}

/** GET a JSON resource in the current UI language (the server localizes problem titles by Accept-Language). */
export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      headers: { Accept: 'application/json', 'Accept-Language': i18next.language || 'zh-CN' },
      signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, null);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, isProblem(body) ? body : null);
  // Boundary: the server validates its responses against the shared TypeBox schemas.
  return body as T;
}
