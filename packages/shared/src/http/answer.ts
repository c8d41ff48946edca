import type { Problem } from '../schemas/problem.schema.ts';

/** Whether a parsed body is an RFC 9457 problem as the server writes it (a stable `code`, a title, a status). */
export function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'code' in value && 'title' in value && 'status' in value;
}

/**
 * Reads the JSON body of an API answer, for every client of the web apps alike:
 * - a 204 holds nothing: `{ data: undefined }`;
 * - a request cancelled while its body was arriving rejects with the cancellation, never an empty answer;
 * - a success whose body did not arrive whole (the connection dropped, the JSON is cut short) is a network
 *   failure: `null`, so the caller says "no connection" or tries again, with the same Idempotency-Key for a write;
 * - a refusal without a JSON body has no problem: `{ data: null }`.
 */
export async function readAnswer(response: Response, signal?: AbortSignal): Promise<{ data: unknown } | null> {
  if (response.status === 204) return { data: undefined };
  try {
    return { data: await response.json() };
  } catch (error) {
    if (signal?.aborted) throw error;
    return response.ok ? null : { data: null };
  }
}
