import type {
  AssessmentAnswer,
  AssessmentHistory,
  AssessmentInput,
  AssessmentRecommendation,
  AssessmentResult,
  Checklist,
  EnterpriseAssessment,
  Locale,
} from '@homeward/shared';
import { isoNow, newId } from '../../clock.ts';
import type { Db } from '../../db/schema.ts';
import { ProblemError } from '../../http/problem.ts';
import type { Actor } from '../../policy/actor.ts';
import { enterpriseScope } from '../../policy/businesses.policy.ts';
import { canAssessOrganisation, canViewEnterpriseAssessment } from '../../policy/guidance.policy.ts';
import { findBusiness, findSite, listSites } from '../businesses/businesses.repo.ts';
import { findMissionForPlace } from '../missions/missions.jurisdiction.ts';
import { fieldProblem } from '../registry/registry.fields.ts';
import { CHECKLIST, CHECKLIST_CATEGORIES, CHECKLIST_VERSION, type ChecklistQuestion } from './guidance.checklist.ts';
import { answersOf, toAssessmentSummaryDto } from './guidance.presenter.ts';
import {
  type AssessmentRow,
  findAssessment,
  findLatestAssessment,
  insertAssessment,
  listAssessments,
  listPublishedByRisk,
} from './guidance.repo.ts';
import { scoreAnswers } from './guidance.scoring.ts';

/** The checklist as the apps show it; recommendations come with a result, for the questions not met. */
export function viewChecklist(): Checklist {
  return {
    version: CHECKLIST_VERSION,
    categories: CHECKLIST_CATEGORIES.map((c) => ({ id: c.id, name: c.name })),
    questions: CHECKLIST.map((q) => ({
      id: q.id,
      category: q.category,
      weight: q.weight,
      riskType: q.riskType,
      text: q.text,
    })),
  };
}

/** The organisation when the actor manages it; anyone else's and a missing one are the same 404. */
async function assessable(db: Db, actor: Actor, organisationId: string) {
  const organisation = await findBusiness(db, organisationId);
  if (!organisation || !canAssessOrganisation(actor, organisation)) throw new ProblemError(404, 'not_found');
  return organisation;
}

/** Every checklist question answered, and no answer to a question that is not on it; each refusal names it. */
function checkAnswers(answers: Record<string, AssessmentAnswer>, locale: Locale): void {
  const known = new Set(CHECKLIST.map((q) => q.id));
  const unknown = Object.keys(answers).find((id) => !known.has(id));
  if (unknown !== undefined)
    throw fieldProblem(
      422,
      'assessment_question_unknown',
      `/body/answers/${unknown}`,
      locale,
      `no question ${unknown}`,
    );
  const missing = CHECKLIST.find((q) => answers[q.id] === undefined);
  if (missing)
    throw fieldProblem(
      422,
      'assessment_answer_missing',
      `/body/answers/${missing.id}`,
      locale,
      `question ${missing.id} is not answered`,
      'required',
    );
}

/** The recommendations for the answers not "yes", each with published articles of its risk type. */
async function recommendationsFor(
  db: Db,
  gaps: readonly { question: ChecklistQuestion; answer: 'no' | 'partly' }[],
  countries: readonly string[],
): Promise<AssessmentRecommendation[]> {
  const articles = await listPublishedByRisk(db, [...new Set(gaps.map((g) => g.question.riskType))], countries);
  return gaps.map(({ question, answer }) => ({
    questionId: question.id,
    answer,
    weight: question.weight,
    riskType: question.riskType,
    question: question.text,
    recommendation: question.recommendation,
    articles: articles
      .filter((a) => a.riskType === question.riskType)
      .slice(0, 3)
      .map((a) => ({ slug: a.slug, title: { 'zh-CN': a.titleZh, en: a.titleEn } })),
  }));
}

async function countriesOf(db: Db, row: { businessId: string; siteId: string | null }): Promise<string[]> {
  if (row.siteId) {
    const site = await findSite(db, row.siteId);
    return site ? [site.countryCode] : [];
  }
  return [...new Set((await listSites(db, row.businessId)).map((s) => s.countryCode))];
}

async function toResult(db: Db, row: AssessmentRow): Promise<AssessmentResult> {
  const answers = answersOf(row);
  // Scored again from the stored answers, so the recommendations follow the checklist they were answered on.
  const { gaps } = scoreAnswers(CHECKLIST, answers);
  return {
    ...toAssessmentSummaryDto(row),
    checklistVersion: row.checklistVersion,
    answers,
    recommendations: await recommendationsFor(db, gaps, await countriesOf(db, row)),
  };
}

/**
 * Records a completed self-assessment of an organisation or one of its sites, by someone who manages the
 * organisation, and returns the score, band and recommendations.
 */
export async function submitAssessment(
  db: Db,
  actor: Actor,
  organisationId: string,
  input: AssessmentInput,
  locale: Locale,
  now: Date = new Date(),
): Promise<AssessmentResult> {
  const organisation = await assessable(db, actor, organisationId);
  const siteId = input.siteId ?? null;
  if (siteId !== null) {
    const site = await findSite(db, siteId);
    if (!site || site.businessId !== organisation.id)
      throw fieldProblem(404, 'not_found', '/body/siteId', locale, `no site ${siteId} in this organisation`);
  }
  checkAnswers(input.answers, locale);
  const { score, band } = scoreAnswers(CHECKLIST, input.answers);
  const id = newId();
  await insertAssessment(db, {
    id,
    businessId: organisation.id,
    siteId,
    answeredBy: actor.id,
    checklistVersion: CHECKLIST_VERSION,
    answers: JSON.stringify(input.answers),
    score,
    band,
    createdAt: isoNow(now),
  });
  const row = await findAssessment(db, id);
  if (!row) throw new Error(`assessment ${id} vanished after insert`);
  return toResult(db, row);
}

/** An organisation's assessments, newest first (the last 50). */
export async function listOrganisationAssessments(
  db: Db,
  actor: Actor,
  organisationId: string,
): Promise<AssessmentHistory> {
  const organisation = await assessable(db, actor, organisationId);
  return { items: (await listAssessments(db, organisation.id, 50)).map(toAssessmentSummaryDto) };
}

export async function viewAssessment(
  db: Db,
  actor: Actor,
  organisationId: string,
  assessmentId: string,
): Promise<AssessmentResult> {
  const organisation = await assessable(db, actor, organisationId);
  const row = await findAssessment(db, assessmentId);
  if (!row || row.businessId !== organisation.id) throw new ProblemError(404, 'not_found');
  return toResult(db, row);
}

/**
 * The console's site page: the enterprise's latest whole-organisation score and the site's own, where the
 * actor may see the site. Organisational data, so the read is not audited (decision 0023).
 */
export async function viewEnterpriseAssessment(db: Db, actor: Actor, siteId: string): Promise<EnterpriseAssessment> {
  if (!enterpriseScope(actor)) throw new ProblemError(403, 'forbidden');
  const site = await findSite(db, siteId);
  if (!site) throw new ProblemError(404, 'not_found');
  if (!canViewEnterpriseAssessment(actor, await findMissionForPlace(db, site)))
    throw new ProblemError(404, 'not_found');
  const [organisation, own] = await Promise.all([
    findLatestAssessment(db, site.businessId, null),
    findLatestAssessment(db, site.businessId, site.id),
  ]);
  return {
    organisation: organisation ? toAssessmentSummaryDto(organisation) : null,
    site: own ? toAssessmentSummaryDto(own) : null,
  };
}
