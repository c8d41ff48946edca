import {
  CASE_CATEGORIES,
  CASE_STATUSES,
  type CaseCategory,
  type CasePriority,
  type CaseStatus,
} from '@homeward/shared';
import { currentLocale } from '../../i18n/i18n.ts';

/** Status as a text tag (not colour alone), so handover reads at a glance (DS: Tag). */
export function StatusTag({ status }: { status: CaseStatus }) {
  return <strong className={`tag tag--${status}`}>{CASE_STATUSES[status][currentLocale()]}</strong>;
}

/** P1 is the most urgent; the letter and number carry the meaning, the colour only repeats it. */
export function PriorityTag({ priority }: { priority: CasePriority }) {
  return <strong className={`tag tag--${priority.toLowerCase()}`}>{priority}</strong>;
}

export function CategoryText({ category }: { category: CaseCategory }) {
  return <>{CASE_CATEGORIES[category][currentLocale()]}</>;
}
