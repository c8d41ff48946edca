import type { AssessmentAnswer, AssessmentBand } from '@homeward/shared';
import type { ChecklistQuestion } from './guidance.checklist.ts';

/** What an answer earns of its question's weight: a "partly" counts half. */
const CREDIT: Record<AssessmentAnswer, number> = { yes: 1, partly: 0.5, no: 0 };

/** Bands by score: 80 and over strong, 50 to 79 fair, under 50 weak (decision 0023). */
export const BAND_FLOORS = { strong: 80, fair: 50 } as const;

export function bandOf(score: number): AssessmentBand {
  if (score >= BAND_FLOORS.strong) return 'strong';
  if (score >= BAND_FLOORS.fair) return 'fair';
  return 'weak';
}

export interface Scored {
  score: number;
  band: AssessmentBand;
  /** The questions answered "no" or "partly", heaviest first ("no" before "partly" at equal weight). */
  gaps: { question: ChecklistQuestion; answer: 'no' | 'partly' }[];
}

/**
 * Scores a complete set of answers: the weighted share of credit, 0–100, rounded to the nearest whole number.
 * The caller has checked that every question is answered and no other is; a missing answer here counts "no".
 */
export function scoreAnswers(
  questions: readonly ChecklistQuestion[],
  answers: Readonly<Record<string, AssessmentAnswer>>,
): Scored {
  let total = 0;
  let earned = 0;
  const gaps: Scored['gaps'] = [];
  for (const question of questions) {
    const answer = answers[question.id] ?? 'no';
    total += question.weight;
    earned += question.weight * CREDIT[answer];
    if (answer !== 'yes') gaps.push({ question, answer });
  }
  const score = total === 0 ? 0 : Math.round((earned / total) * 100);
  gaps.sort(
    (a, b) => b.question.weight - a.question.weight || (a.answer === b.answer ? 0 : a.answer === 'no' ? -1 : 1),
  );
  return { score, band: bandOf(score), gaps };
}
