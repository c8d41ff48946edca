import type { AllocationRun, CampaignAllocationStatus, Locale } from '@homeward/shared';
import type { Kysely } from 'kysely';
import { isoNow, newId } from '../../clock.ts';
import type { Database, Db } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { ProblemError } from '../../http/problem.ts';
import { insertJobs } from '../../jobs/jobs.repo.ts';
import type { Actor } from '../../policy/actor.ts';
import { canEditCampaigns } from '../../policy/campaigns.policy.ts';
import { type AuditSource, appendAudit } from '../audit/audit.service.ts';
import { enqueuePersonNotification } from '../notifications/notifications.service.ts';
import {
  claimSeat,
  countSeatsAt,
  findRegistration,
  insertRun,
  lastRun,
  listWaiting,
  type RegistrationRow,
  type RunRow,
  seatsTaken,
  setRegistrationStatus,
  updateRun,
} from './campaigns.registrations.repo.ts';
import { listSessionsOf, listSitesOf, type SiteRow } from './campaigns.repo.ts';
import { slotsOfSession } from './campaigns.rules.ts';
import { campaignOr404 } from './campaigns.service.ts';

export const CAMPAIGN_ALLOCATE = 'campaign.allocate';
export const CAMPAIGN_REMINDER = 'campaign.reminder';
/** A reminder goes out this long before the slot. */
export const CAMPAIGN_REMINDER_BEFORE_MS = 24 * 3_600_000;

interface OpenSlot {
  sessionId: string;
  site: SiteRow;
  start: string;
  end: string;
  capacity: number;
  free: number;
}

/** Queues an allocation of the campaign's waiting registrations (outbox: in the caller's transaction). */
export async function enqueueAllocation(db: Db, campaignId: string, runId: string | null): Promise<string> {
  const [jobId] = await insertJobs(db, [{ kind: CAMPAIGN_ALLOCATE, payload: { campaignId, runId }, maxAttempts: 5 }]);
  if (!jobId) throw new Error('allocation job not queued');
  return jobId;
}

/** HQ runs the allocation: a run row to report on, and the durable job that does it. Audited. */
export async function requestAllocation(
  db: Kysely<Database>,
  actor: Actor,
  campaignId: string,
  source: AuditSource,
  now: Date = new Date(),
): Promise<{ jobId: string; runId: string }> {
  if (!canEditCampaigns(actor)) throw new ProblemError(403, 'forbidden');
  const campaign = await campaignOr404(db, campaignId);
  if (campaign.status === 'draft') {
    throw new ProblemError(409, 'campaign_status_conflict', 'a draft campaign has no registrations to allocate');
  }
  const runId = newId();
  return inTransaction(db, async (trx) => {
    await insertRun(trx, {
      id: runId,
      campaignId,
      status: 'queued',
      requestedBy: actor.id,
      requestedAt: isoNow(now),
      startedAt: null,
      finishedAt: null,
      considered: 0,
      allocated: 0,
      waiting: 0,
      error: null,
    });
    const jobId = await enqueueAllocation(trx, campaignId, runId);
    await appendAudit(trx, source, { action: 'campaign.allocate', record: { type: 'campaign', id: campaignId } });
    return { jobId, runId };
  });
}

function toRunDto(row: RunRow): AllocationRun {
  return {
    id: row.id,
    status: row.status,
    requestedAt: row.requestedAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    considered: row.considered,
    allocated: row.allocated,
    waiting: row.waiting,
  };
}

export async function viewAllocation(db: Db, campaignId: string): Promise<CampaignAllocationStatus> {
  await campaignOr404(db, campaignId);
  const run = await lastRun(db, campaignId);
  return { run: run ? toRunDto(run) : null };
}

function localTime(iso: string, timeZone: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone }).format(new Date(iso));
}

/** The in-app message (push or e-mail as the person chose, through notifications) that a seat was given. */
async function notifyAllocated(trx: Db, registration: RegistrationRow, slot: OpenSlot): Promise<void> {
  const url = `/campaigns/${registration.campaignId}`;
  await enqueuePersonNotification(trx, {
    source: { kind: 'campaign_allocation', id: registration.id },
    personIds: [registration.personId],
    content: {
      en: {
        title: 'You have a place',
        body: `${slot.site.nameEn}, ${localTime(slot.start, slot.site.timeZone, 'en')} (local time). Show your QR code when you arrive.`,
        url,
      },
      'zh-CN': {
        title: '您已获安排名额',
        body: `${slot.site.nameZh}，${localTime(slot.start, slot.site.timeZone, 'zh-CN')}（当地时间）。到达时请出示签到二维码。`,
        url,
      },
    },
  });
}

async function seatOne(db: Kysely<Database>, registration: RegistrationRow, slot: OpenSlot, now: Date) {
  return inTransaction(db, async (trx) => {
    const at = isoNow(now);
    const seat = await claimSeat(
      trx,
      {
        sessionId: slot.sessionId,
        slotStart: slot.start,
        slotEnd: slot.end,
        registrationId: registration.id,
        campaignId: registration.campaignId,
        siteId: slot.site.id,
        createdAt: at,
      },
      slot.capacity,
    );
    if (seat === null) return null;
    // The seat and the status move together: a registration cancelled in the meantime gets no seat.
    if (!(await setRegistrationStatus(trx, registration.id, ['waiting'], { status: 'allocated', updatedAt: at }))) {
      await trx.deleteFrom('campaignSeats').where('registrationId', '=', registration.id).execute();
      return null;
    }
    const remindAt = Date.parse(slot.start) - CAMPAIGN_REMINDER_BEFORE_MS;
    if (remindAt > now.getTime()) {
      await insertJobs(trx, [
        {
          kind: CAMPAIGN_REMINDER,
          payload: { registrationId: registration.id, slotStart: slot.start },
          runAt: new Date(remindAt),
          dedupeKey: `campaign-reminder:${registration.id}`,
        },
      ]);
    }
    await notifyAllocated(trx, registration, slot);
    return seat;
  });
}

/** The future slots of a campaign, in order, with the seats still free. */
async function openSlots(db: Db, campaignId: string, now: Date): Promise<OpenSlot[]> {
  const [sites, sessions, taken] = await Promise.all([
    listSitesOf(db, campaignId),
    listSessionsOf(db, campaignId),
    seatsTaken(db, campaignId),
  ]);
  const byId = new Map(sites.map((s) => [s.id, s]));
  const nowIso = now.toISOString();
  const slots: OpenSlot[] = [];
  for (const session of sessions) {
    const site = byId.get(session.siteId);
    if (!site) continue;
    for (const slot of slotsOfSession(session, site.timeZone)) {
      if (slot.start <= nowIso) continue;
      const free = session.capacityPerSlot - (taken.get(`${session.id}|${slot.start}`) ?? 0);
      slots.push({ sessionId: session.id, site, ...slot, capacity: session.capacityPerSlot, free });
    }
  }
  return slots.sort((a, b) => a.start.localeCompare(b.start) || a.site.id.localeCompare(b.site.id));
}

/**
 * Gives the waiting registrations seats: first come, or by priority rank then registration time (decision 0024).
 * Each person gets the earliest free slot at their preferred site, else at another site in the country they
 * registered from; nobody is sent abroad. Every seat is one INSERT … SELECT under the seats' primary key, so two
 * runs at once (two workers) never give a seat twice nor a person two seats; a lost race just tries the next slot.
 */
export async function allocateCampaign(
  db: Kysely<Database>,
  campaignId: string,
  now: Date = new Date(),
): Promise<{ considered: number; allocated: number; waiting: number }> {
  const campaign = await campaignOr404(db, campaignId);
  if (campaign.status === 'draft') return { considered: 0, allocated: 0, waiting: 0 };
  const waiting = await listWaiting(db, campaignId, campaign.allocation === 'priority');
  const slots = await openSlots(db, campaignId, now);
  let allocated = 0;
  for (const registration of waiting) {
    const candidates = slots.filter(
      (s) => s.free > 0 && (s.site.id === registration.preferredSiteId || s.site.country === registration.country),
    );
    // The preferred site first, then the others of the country; each in time order (stable sort).
    candidates.sort(
      (a, b) => Number(b.site.id === registration.preferredSiteId) - Number(a.site.id === registration.preferredSiteId),
    );
    for (const slot of candidates) {
      if (slot.free <= 0) continue;
      const seat = await seatOne(db, registration, slot, now);
      if (seat !== null) {
        slot.free--;
        allocated++;
        break;
      }
      // Lost the seat to a racing run, or the registration changed: look again before going on.
      const fresh = await findRegistration(db, registration.id);
      if (fresh?.status !== 'waiting') break;
      slot.free = slot.capacity - (await countSeatsAt(db, slot.sessionId, slot.start));
    }
  }
  return { considered: waiting.length, allocated, waiting: waiting.length - allocated };
}

/** The job: runs the allocation and, for an HQ run, records its counts (or its failure). */
export async function runAllocationJob(
  db: Kysely<Database>,
  payload: { campaignId: string; runId: string | null },
  now: Date = new Date(),
): Promise<void> {
  const { campaignId, runId } = payload;
  if (runId) await updateRun(db, runId, { status: 'running', startedAt: isoNow(now) });
  try {
    const counts = await allocateCampaign(db, campaignId, now);
    if (runId) await updateRun(db, runId, { status: 'done', finishedAt: isoNow(), ...counts });
  } catch (error) {
    if (runId) {
      const message = error instanceof Error ? error.message : String(error);
      await updateRun(db, runId, { status: 'failed', finishedAt: isoNow(), error: message.slice(0, 500) });
    }
    throw error;
  }
}
