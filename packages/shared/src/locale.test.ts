import { describe, expect, it } from 'vitest';
import { negotiateLocale } from './locale.ts';

describe('negotiateLocale', () => {
  it('maps Chinese and English tags to the supported locales', () => {
    expect(negotiateLocale('zh-TW,zh;q=0.9')).toBe('zh-CN');
    expect(negotiateLocale('en-GB,en;q=0.9')).toBe('en');
  });
  it('honours quality values over order', () => {
    expect(negotiateLocale('fr;q=1, en;q=0.5, zh;q=0.8')).toBe('zh-CN');
    expect(negotiateLocale('zh;q=0, en')).toBe('en');
  });
  it('falls back when nothing matches or the header is absent', () => {
    expect(negotiateLocale('fr-FR,de')).toBe('zh-CN');
    expect(negotiateLocale(undefined, 'en')).toBe('en');
    expect(negotiateLocale(';;;,q=x')).toBe('zh-CN');
  });
});
