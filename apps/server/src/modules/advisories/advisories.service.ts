import { findRegion, isKnownCountry } from '@homeward/gazetteer';
import type {
  Advisory,
  AdvisoryCountry,
  AdvisoryCountryQuery,
  AdvisoryList,
  Locale,
  PublishAdvisoryBody,
} from '@homeward/shared';
import type { Kysely } from 'kysely';
import { isoNow, newId } from '../../clock.ts';
import type { Database } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { ProblemError } from '../../http/problem.ts';
import type { Actor } from '../../policy/actor.ts';
import { canPublishAdvisory } from '../../policy/advisories.policy.ts';
import { type AuditSource, appendAudit } from '../audit/audit.service.ts';
import { fieldProblem } from '../registry/registry.fields.ts';
import { countryNameOf } from '../registry/registry.presenter.ts';
import { toAdvisoryDto, toAdvisorySummaryDto } from './advisories.presenter.ts';
import {
  findAdvisory,
  findUnsuperseded,
  insertAdvisory,
  listHistory,
  listInForce,
  supersede,
} from './advisories.repo.ts';

const DAY_MS = 86_400_000;
/** How far back an advisory may say it took effect (a late entry of a level announced by phone) and ahead. */
export const EFFECTIVE_FROM_WINDOW = { pastDays: 30, futureDays: 365 } as const;

/** The advisory in force for every country and region that has one, by country then region. */
export async function listCurrentAdvisories(db: Kysely<Database>, now: Date = new Date()): Promise<AdvisoryList> {
  return { items: (await listInForce(db, isoNow(now))).map(toAdvisorySummaryDto) };
}

/** A country's advisory in force, its regions' advisories, and one page of every version ever published. */
export async function viewCountryAdvisories(
  db: Kysely<Database>,
  country: string,
  query: AdvisoryCountryQuery,
  locale: Locale,
  now: Date = new Date(),
): Promise<AdvisoryCountry> {
  if (!isKnownCountry(country)) throw fieldProblem(404, 'country_unknown', '/params/country', locale, country);
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 10;
  const inForce = (await listInForce(db, isoNow(now), country)).map(toAdvisoryDto);
  const history = await listHistory(db, country, page, pageSize);
  return {
    country,
    countryName: countryNameOf(country),
    current: inForce.find((a) => a.region === '') ?? null,
    regions: inForce.filter((a) => a.region !== ''),
    history: { items: history.rows.map(toAdvisoryDto), page, pageSize, total: history.total },
  };
}

function checkBody(body: PublishAdvisoryBody, locale: Locale, now: Date): { from: string; until: string | null } {
  if (!isKnownCountry(body.country)) {
    throw fieldProblem(422, 'country_unknown', '/body/country', locale, `unknown country ${body.country}`);
  }
  const region = body.region ?? '';
  if (region && findRegion(region)?.country !== body.country) {
    throw fieldProblem(422, 'region_unknown', '/body/region', locale, `${region} is not a region of ${body.country}`);
  }
  for (const field of ['summary', 'details'] as const) {
    for (const lang of ['zh-CN', 'en'] as const) {
      if (!body[field][lang].trim()) {
        throw fieldProblem(
          422,
          'validation_failed',
          `/body/${field}/${lang}`,
          locale,
          `${field} ${lang} is blank`,
          'required',
        );
      }
    }
  }
  const from = body.effectiveFrom ? new Date(body.effectiveFrom) : now;
  const until = body.effectiveUntil ? new Date(body.effectiveUntil) : null;
  const earliest = now.getTime() - EFFECTIVE_FROM_WINDOW.pastDays * DAY_MS;
  const latest = now.getTime() + EFFECTIVE_FROM_WINDOW.futureDays * DAY_MS;
  if (from.getTime() < earliest || from.getTime() > latest) {
    throw fieldProblem(
      422,
      'dates_invalid',
      '/body/effectiveFrom',
      locale,
      'effectiveFrom is too far from today',
      'range',
    );
  }
  if (until && (until.getTime() <= from.getTime() || until.getTime() <= now.getTime())) {
    throw fieldProblem(
      422,
      'dates_invalid',
      '/body/effectiveUntil',
      locale,
      'effectiveUntil must be after effectiveFrom and now',
      'range',
    );
  }
  return { from: from.toISOString(), until: until ? until.toISOString() : null };
}

/**
 * Publishes a new level for a country or one of its admin-1 regions. The version in force for the same place is
 * superseded in the same transaction (never edited), and the publication is audited with the old and new level.
 */
export async function publishAdvisory(
  db: Kysely<Database>,
  actor: Actor,
  body: PublishAdvisoryBody,
  source: AuditSource,
  locale: Locale,
  now: Date = new Date(),
): Promise<Advisory> {
  if (!canPublishAdvisory(actor)) throw new ProblemError(403, 'forbidden');
  const { from, until } = checkBody(body, locale, now);
  const region = body.region ?? '';
  const at = isoNow(now);
  return inTransaction(db, async (trx) => {
    const previous = await findUnsuperseded(trx, body.country, region);
    if (previous && (await supersede(trx, previous.id, at)) !== 1) {
      throw new ProblemError(409, 'conflict', 'another advisory for this place was published at the same moment');
    }
    const id = newId();
    const inserted = await insertAdvisory(trx, {
      id,
      country: body.country,
      region,
      level: body.level,
      summaryZh: body.summary['zh-CN'].trim(),
      summaryEn: body.summary.en.trim(),
      detailsZh: body.details['zh-CN'].trim(),
      detailsEn: body.details.en.trim(),
      effectiveFrom: from,
      effectiveUntil: until,
      publishedBy: actor.id,
      publishedAt: at,
      supersededAt: null,
    });
    if (!inserted)
      throw new ProblemError(409, 'conflict', 'another advisory for this place was published at the same moment');
    await appendAudit(trx, source, {
      action: 'advisory.publish',
      record: { type: 'travel_advisory', id },
      details: {
        country: body.country,
        region,
        fromLevel: previous?.level ?? null,
        toLevel: body.level,
        supersedes: previous?.id ?? null,
      },
    });
    const stored = await findAdvisory(trx, id);
    if (!stored) throw new Error(`advisory ${id} vanished inside its own transaction`);
    return toAdvisoryDto(stored);
  });
}
