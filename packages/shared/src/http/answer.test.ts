import { describe, expect, it } from 'vitest';
import { isProblem, readAnswer } from './answer.ts';

const json = { 'content-type': 'application/json' };

/** A body that sends `head` and then fails, as a dropped connection does. */
function cutShort(head: string, status = 200): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(head));
      controller.error(new TypeError('network connection lost'));
    },
  });
  return new Response(body, { status, headers: json });
}

describe('readAnswer', () => {
  it('reads a whole JSON body, and a 204 as nothing', async () => {
    expect(await readAnswer(new Response('{"id":"a"}', { status: 200, headers: json }))).toEqual({ data: { id: 'a' } });
    expect(await readAnswer(new Response(null, { status: 204 }))).toEqual({ data: undefined });
  });

  it('takes a success whose body was cut short for a network failure, not for an empty answer', async () => {
    expect(await readAnswer(cutShort('{"items":['))).toBeNull();
    expect(await readAnswer(new Response('{"items":[', { status: 201, headers: json }))).toBeNull();
  });

  it('gives a refusal without a JSON body no problem', async () => {
    expect(await readAnswer(new Response('<html>Bad gateway</html>', { status: 502 }))).toEqual({ data: null });
    expect(await readAnswer(cutShort('{"code":', 409))).toEqual({ data: null });
  });

  it('rejects with the cancellation when the request was cancelled while its body arrived', async () => {
    const controller = new AbortController();
    const body = new ReadableStream<Uint8Array>({
      start(stream) {
        stream.enqueue(new TextEncoder().encode('{"items":['));
        controller.signal.addEventListener('abort', () => stream.error(controller.signal.reason));
      },
    });
    const reading = readAnswer(new Response(body, { status: 200, headers: json }), controller.signal);
    controller.abort();
    await expect(reading).rejects.toBe(controller.signal.reason);
  });
});

describe('isProblem', () => {
  it('knows a problem by its code, title and status', () => {
    expect(isProblem({ type: 'about:blank', title: 'Not found', status: 404, code: 'not_found' })).toBe(true);
    expect(isProblem({ title: 'Not found', status: 404 })).toBe(false);
    expect(isProblem(null)).toBe(false);
    expect(isProblem('not_found')).toBe(false);
  });
});
