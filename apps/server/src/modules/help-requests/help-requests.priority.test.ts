import { CASE_CATEGORIES, type CaseCategory, HELP_URGENCIES, type HelpUrgency } from '@homeward/shared';
import { describe, expect, it } from 'vitest';
import { helpRequestPriority } from './help-requests.priority.ts';

const categories = Object.keys(CASE_CATEGORIES) as CaseCategory[];
const urgencies = Object.keys(HELP_URGENCIES) as HelpUrgency[];

describe('helpRequestPriority', () => {
  it('makes every life-threatening request P1, whatever the category', () => {
    for (const category of categories) expect(helpRequestPriority(category, 'life_threatening')).toBe('P1');
  });

  it('makes kidnapping, detention, a death and a disappearance P1 even when marked routine', () => {
    for (const category of ['kidnapping', 'detention', 'death', 'missing_person'] as const) {
      for (const urgency of urgencies) expect(helpRequestPriority(category, urgency)).toBe('P1');
    }
  });

  it('makes urgent requests P2 unless they are P1 already', () => {
    expect(helpRequestPriority('lost_passport', 'urgent')).toBe('P2');
    expect(helpRequestPriority('fraud', 'urgent')).toBe('P2');
    expect(helpRequestPriority('kidnapping', 'urgent')).toBe('P1');
  });

  it('keeps a child at risk and a disaster at P2 when routine', () => {
    expect(helpRequestPriority('child_welfare', 'routine')).toBe('P2');
    expect(helpRequestPriority('disaster_conflict', 'routine')).toBe('P2');
  });

  it('puts routine accidents and crimes at P3, routine documents, fraud and the rest at P4', () => {
    expect(helpRequestPriority('accident', 'routine')).toBe('P3');
    expect(helpRequestPriority('crime_victim', 'routine')).toBe('P3');
    expect(helpRequestPriority('lost_passport', 'routine')).toBe('P4');
    expect(helpRequestPriority('fraud', 'routine')).toBe('P4');
    expect(helpRequestPriority('other', 'routine')).toBe('P4');
  });

  it('never lowers the priority when the urgency rises', () => {
    const rank = (p: string) => Number(p.slice(1));
    for (const category of categories) {
      const [life, urgent, routine] = (['life_threatening', 'urgent', 'routine'] as const).map((u) =>
        rank(helpRequestPriority(category, u)),
      );
      expect(life).toBeLessThanOrEqual(urgent as number);
      expect(urgent).toBeLessThanOrEqual(routine as number);
    }
  });
});
