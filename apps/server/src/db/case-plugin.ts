import { CamelCasePlugin } from 'kysely';

/** Names kept per direction; a schema has a few hundred, so the bound is only a guard against unbounded aliases. */
const MAX_NAMES = 10_000;

/**
 * Kysely's snake_case ↔ camelCase plugin, remembering each name it has converted. The plugin converts every key of
 * every result row character by character; a send job reads hundreds of thousands of rows of the same ten columns,
 * so the same few names were converted over and over (decision 0031).
 */
export class CachedCamelCasePlugin extends CamelCasePlugin {
  readonly #camel = new Map<string, string>();
  readonly #snake = new Map<string, string>();

  protected override camelCase(name: string): string {
    let converted = this.#camel.get(name);
    if (converted === undefined) {
      converted = super.camelCase(name);
      if (this.#camel.size < MAX_NAMES) this.#camel.set(name, converted);
    }
    return converted;
  }

  protected override snakeCase(name: string): string {
    let converted = this.#snake.get(name);
    if (converted === undefined) {
      converted = super.snakeCase(name);
      if (this.#snake.size < MAX_NAMES) this.#snake.set(name, converted);
    }
    return converted;
  }
}
