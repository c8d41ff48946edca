import { GUIDANCE_RISK_TYPE_LIST } from '@homeward/shared';
import { describe, expect, it } from 'vitest';
import { CHECKLIST, CHECKLIST_CATEGORIES, type ChecklistQuestion } from './guidance.checklist.ts';
import { bandOf, scoreAnswers } from './guidance.scoring.ts';

const q = (id: string, weight: 1 | 2 | 3): ChecklistQuestion => ({
  id,
  category: 'crisis',
  weight,
  riskType: 'general',
  text: { en: id, 'zh-CN': id },
  recommendation: { en: id, 'zh-CN': id },
});

describe('self-assessment scoring', () => {
  const questions = [q('a', 3), q('b', 2), q('c', 1)];

  it('gives 100 for all yes and 0 for all no', () => {
    expect(scoreAnswers(questions, { a: 'yes', b: 'yes', c: 'yes' })).toMatchObject({ score: 100, band: 'strong' });
    expect(scoreAnswers(questions, { a: 'no', b: 'no', c: 'no' })).toMatchObject({ score: 0, band: 'weak' });
  });

  it('weighs each question and counts "partly" as half', () => {
    // a yes (3) + b partly (1 of 2) + c no (0 of 1) = 4 of 6 = 66.7 → 67
    const scored = scoreAnswers(questions, { a: 'yes', b: 'partly', c: 'no' });
    expect(scored.score).toBe(67);
    expect(scored.band).toBe('fair');
    // a no (0 of 3) + b yes (2) + c yes (1) = 3 of 6 = 50
    expect(scoreAnswers(questions, { a: 'no', b: 'yes', c: 'yes' }).score).toBe(50);
  });

  it('lists the gaps heaviest first, "no" before "partly" at the same weight', () => {
    const scored = scoreAnswers([q('light', 1), q('heavy-partly', 3), q('heavy-no', 3), q('ok', 2)], {
      light: 'no',
      'heavy-partly': 'partly',
      'heavy-no': 'no',
      ok: 'yes',
    });
    expect(scored.gaps.map((g) => [g.question.id, g.answer])).toEqual([
      ['heavy-no', 'no'],
      ['heavy-partly', 'partly'],
      ['light', 'no'],
    ]);
  });

  it('bands at 80 and 50', () => {
    expect([100, 80, 79, 50, 49, 0].map(bandOf)).toEqual(['strong', 'strong', 'fair', 'fair', 'weak', 'weak']);
  });

  it('has a well-formed checklist: unique ids, known categories and risk types, both languages', () => {
    expect(CHECKLIST.length).toBeGreaterThanOrEqual(15);
    expect(CHECKLIST.length).toBeLessThanOrEqual(25);
    expect(new Set(CHECKLIST.map((c) => c.id)).size).toBe(CHECKLIST.length);
    const categories = new Set(CHECKLIST_CATEGORIES.map((c) => c.id));
    for (const question of CHECKLIST) {
      expect(categories.has(question.category), question.id).toBe(true);
      expect(GUIDANCE_RISK_TYPE_LIST).toContain(question.riskType);
      for (const text of [question.text, question.recommendation]) {
        expect(text.en.trim(), question.id).not.toBe('');
        expect(text['zh-CN'].trim(), question.id).not.toBe('');
      }
    }
    for (const category of categories)
      expect(
        CHECKLIST.some((c) => c.category === category),
        category,
      ).toBe(true);
  });
});
