import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.ts';
import { canKeepSavedViews, canUseSavedView } from './saved-views.policy.ts';

const officer: Actor = { id: 'u1', role: 'consular_officer', missions: ['US-WAS'] };
const colleague: Actor = { id: 'u2', role: 'consular_officer', missions: ['US-WAS'] };
const admin: Actor = { id: 'u3', role: 'hq_admin', missions: [] };

describe('saved views policy', () => {
  it('lets case-list staff keep views, not citizens, auditors or the signed-out', () => {
    expect(canKeepSavedViews(officer)).toBe(true);
    expect(canKeepSavedViews({ id: 'a', role: 'hotline_agent', missions: [] })).toBe(true);
    expect(canKeepSavedViews({ id: 'c', role: 'citizen', missions: [] })).toBe(false);
    expect(canKeepSavedViews({ id: 'd', role: 'auditor', missions: [] })).toBe(false);
    expect(canKeepSavedViews(null)).toBe(false);
  });

  it('keeps a view private to its owner, also from a colleague of the same mission and from HQ', () => {
    expect(canUseSavedView(officer, { userId: 'u1' })).toBe(true);
    expect(canUseSavedView(colleague, { userId: 'u1' })).toBe(false);
    expect(canUseSavedView(admin, { userId: 'u1' })).toBe(false);
  });
});
