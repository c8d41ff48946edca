import fc from 'fast-check';
import { CamelCasePlugin } from 'kysely';
import { describe, expect, it } from 'vitest';
import { CachedCamelCasePlugin } from './case-plugin.ts';

// The conversions are protected: these expose them.
class Plain extends CamelCasePlugin {
  camel = (name: string) => this.camelCase(name);
  snake = (name: string) => this.snakeCase(name);
}
class Cached extends CachedCamelCasePlugin {
  camel = (name: string) => this.camelCase(name);
  snake = (name: string) => this.snakeCase(name);
}

describe('CachedCamelCasePlugin', () => {
  it('converts names as Kysely’s plugin does, the first time and every time after', () => {
    const plain = new Plain();
    const cached = new Cached();
    const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,30}$/);
    fc.assert(
      fc.property(fc.array(name, { maxLength: 20 }), (names) => {
        for (const n of [...names, ...names]) {
          expect(cached.camel(n)).toBe(plain.camel(n));
          expect(cached.snake(n)).toBe(plain.snake(n));
        }
      }),
    );
  });

  it('maps result rows to camelCase keys', async () => {
    const cached = new CachedCamelCasePlugin();
    const rows = [
      { message_id: 'm1', next_attempt_at: 't', id: 'a' },
      { message_id: 'm2', next_attempt_at: 'u', id: 'b' },
    ];
    const result = await cached.transformResult({
      queryId: { queryId: 'q' },
      result: { rows },
    });
    expect(result.rows).toEqual([
      { messageId: 'm1', nextAttemptAt: 't', id: 'a' },
      { messageId: 'm2', nextAttemptAt: 'u', id: 'b' },
    ]);
  });
});
