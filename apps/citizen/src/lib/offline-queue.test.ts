import { afterEach, describe, expect, it, vi } from 'vitest';
import { sendQueued } from './offline-queue.ts';

const json = { 'content-type': 'application/json' };

/** A body that sends `head` and then fails, as a dropped connection does. */
function cutShort(head: string, status: number): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(head));
      controller.error(new TypeError('network connection lost'));
    },
  });
  return new Response(body, { status, headers: json });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

const post = () => sendQueued('/api/v1/help-requests', { method: 'POST', body: '{}' }, 'key-1', 'en');

describe('the offline queue sender', () => {
  it('tries again, with the same key, when the answer to a received request is cut short', async () => {
    vi.stubGlobal('fetch', async () => cutShort('{"request":{"id":', 202));
    expect(await post()).toEqual({ kind: 'retry' });
  });

  it('takes a whole answer, and a refusal with its problem', async () => {
    vi.stubGlobal('fetch', async () => new Response('{"request":{"id":"r1"}}', { status: 202, headers: json }));
    expect(await post()).toEqual({ kind: 'ok', value: { request: { id: 'r1' } } });
    vi.stubGlobal(
      'fetch',
      async () =>
        new Response(
          JSON.stringify({ type: 'about:blank', title: 'Check the form', status: 400, code: 'validation_failed' }),
          { status: 400, headers: json },
        ),
    );
    expect(await post()).toEqual({
      kind: 'refused',
      problem: { status: 400, code: 'validation_failed', title: 'Check the form', errors: [] },
    });
  });

  it('sends the key as a Structured Field string, and tries again when the network does not answer', async () => {
    const seen: Headers[] = [];
    vi.stubGlobal('fetch', async (_path: string, init: RequestInit) => {
      seen.push(new Headers(init.headers));
      throw new TypeError('Failed to fetch');
    });
    expect(await post()).toEqual({ kind: 'retry' });
    expect(seen[0]?.get('Idempotency-Key')).toBe('"key-1"');
  });
});
