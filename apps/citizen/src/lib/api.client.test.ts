import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, getJson } from './api.client.ts';

/** A response whose headers have arrived and whose body sends `head`, then waits until the request is cancelled. */
function stalledBody(head: string, signal: AbortSignal, status = 200): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(head));
      signal.addEventListener('abort', () => controller.error(signal.reason));
    },
  });
  return new Response(body, { status, headers: { 'content-type': 'application/json' } });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('api client', () => {
  it('rejects with the cancellation when a request is cancelled while its body arrives, never with an empty answer', async () => {
    const controller = new AbortController();
    vi.stubGlobal('fetch', async (_path: string, init: RequestInit) =>
      stalledBody('{"items":[', init.signal as AbortSignal),
    );
    const pending = getJson('/api/v1/inbox', controller.signal);
    setTimeout(() => controller.abort(), 10);
    const outcome = await pending.then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    expect(outcome).not.toHaveProperty('value');
    expect((outcome as { error: unknown }).error).not.toBeInstanceOf(ApiError);
    expect(controller.signal.aborted).toBe(true);
  });

  it('treats a success whose body is cut short as a network failure', async () => {
    vi.stubGlobal('fetch', async () => new Response('{"items":[', { status: 200 }));
    const error = await getJson('/api/v1/inbox').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).offline).toBe(true);
  });

  it('keeps the status of a refusal whose body is not a problem', async () => {
    vi.stubGlobal('fetch', async () => new Response('<html>Bad gateway</html>', { status: 502 }));
    const error = await getJson('/api/v1/inbox').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(502);
    expect((error as ApiError).problem).toBeNull();
  });

  it('answers the parsed body of a success', async () => {
    vi.stubGlobal('fetch', async () => new Response('{"items":[],"unread":0}', { status: 200 }));
    expect(await getJson('/api/v1/inbox')).toEqual({ items: [], unread: 0 });
  });
});
