import { describe, expect, it } from 'vitest';
import { retryDeadlocks } from './retry.ts';

const deadlock = Object.assign(new Error('deadlock detected'), { code: '40P01' });

describe('retryDeadlocks', () => {
  it('runs the work again after a deadlock and returns its result', async () => {
    let calls = 0;
    const result = await retryDeadlocks(async () => {
      calls += 1;
      if (calls < 3) throw deadlock;
      return 'done';
    });
    expect(result).toBe('done');
    expect(calls).toBe(3);
  });

  it('gives up after the last attempt and rethrows the deadlock', async () => {
    let calls = 0;
    const run = retryDeadlocks(async () => {
      calls += 1;
      throw deadlock;
    }, 3);
    await expect(run).rejects.toBe(deadlock);
    expect(calls).toBe(3);
  });

  it('rethrows any other error at once', async () => {
    let calls = 0;
    const unique = Object.assign(new Error('duplicate key'), { code: '23505' });
    await expect(
      retryDeadlocks(async () => {
        calls += 1;
        throw unique;
      }),
    ).rejects.toBe(unique);
    expect(calls).toBe(1);
  });
});
