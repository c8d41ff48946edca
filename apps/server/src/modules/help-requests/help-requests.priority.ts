import type { CaseCategory, CasePriority, HelpUrgency } from '@homeward/shared';

// Priority of a citizen's help request (decision 0012), from what they told us. Staff re-prioritise after
// triage; this only decides how fast the first response must be (SLA, decision 0011).

/** A person's liberty or life is at stake whatever urgency was ticked: detention, kidnapping, a death, a disappearance. */
const ALWAYS_P1: readonly CaseCategory[] = ['kidnapping', 'detention', 'death', 'missing_person'];
/** Harm that grows by the hour: a child at risk, a disaster or conflict around the person. */
const AT_LEAST_P2: readonly CaseCategory[] = ['child_welfare', 'disaster_conflict'];
/** Someone hurt or wronged: an accident or hospital stay, a crime. */
const AT_LEAST_P3: readonly CaseCategory[] = ['accident', 'crime_victim'];

/**
 * P1 when life is in danger or the category always is; P2 when urgent or a child or disaster is involved;
 * P3 for routine accidents and crimes; P4 for routine documents, fraud and the rest.
 */
export function helpRequestPriority(category: CaseCategory, urgency: HelpUrgency): CasePriority {
  if (urgency === 'life_threatening' || ALWAYS_P1.includes(category)) return 'P1';
  if (urgency === 'urgent' || AT_LEAST_P2.includes(category)) return 'P2';
  if (AT_LEAST_P3.includes(category)) return 'P3';
  return 'P4';
}
