import type {
  CheckinAnswer,
  CheckinBody,
  CheckinLink,
  CheckinResult,
  CheckinTally,
  CitizenAlert,
  CitizenAlertList,
  Locale,
} from '@homeward/shared';
import type { Kysely } from 'kysely';
import { isoNow, newId } from '../../clock.ts';
import type { Config } from '../../config.ts';
import type { Database, Db } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { ProblemError } from '../../http/problem.ts';
import type { Actor } from '../../policy/actor.ts';
import { canExportUnaccounted, canReadAlerts, canWriteAlerts } from '../../policy/alerts.policy.ts';
import { textsOf } from '../alerts/alerts.cap.ts';
import { type AlertRow, findAlert } from '../alerts/alerts.repo.ts';
import { type AuditSource, appendAudit } from '../audit/audit.service.ts';
import { appendCaseEvent } from '../cases/cases.events.repo.ts';
import { insertCase, nextCounterValue } from '../cases/cases.repo.ts';
import { routeCase } from '../cases/cases.routing.ts';
import { formatCaseNumber } from '../cases/cases.service.ts';
import { businessCalendar, slaOnOpen } from '../cases/cases.sla.ts';
import { findMissionTimeZone, insertCasePersons } from '../help-requests/help-requests.repo.ts';
import { enqueuePersonNotification } from '../notifications/notifications.service.ts';
import { findPersonByUserId } from '../registry/persons.repo.ts';
import { listCurrentPresences } from '../targeting/targeting.repo.ts';
import { checkinLinkKey, verifyCheckinToken } from './checkins.links.ts';
import {
  countTally,
  findRecipient,
  insertAnswer,
  listAnswerPoints,
  listChannels,
  listReceivedAlertIds,
  listUnaccounted,
  listUnanswered,
  markReminded,
  type RecipientRow,
  setRecipientAnswer,
  setRecipientCase,
} from './checkins.repo.ts';

type Language = 'en' | 'zh-CN';

/** The language a person reads the alert in: theirs when the alert has it, else the one it has. */
function languageFor(row: AlertRow, wanted: string): Language {
  const texts = textsOf(row);
  const preferred: Language = wanted === 'en' ? 'en' : 'zh-CN';
  if (texts[preferred]) return preferred;
  return texts.en ? 'en' : 'zh-CN';
}

function headlineOf(row: AlertRow, language: Language): string {
  return textsOf(row)[language]?.headline ?? '';
}

/** An alert as a recipient (or anyone, once published: CAP scope Public) reads it. */
export function toCitizenAlert(row: AlertRow, wanted: string, recipient?: RecipientRow | null): CitizenAlert {
  const language = languageFor(row, wanted);
  const text = textsOf(row)[language] ?? { headline: '', description: '', instruction: '' };
  return {
    id: row.id,
    status: row.status === 'cancelled' ? 'cancelled' : 'published',
    country: row.country,
    language,
    headline: text.headline,
    description: text.description,
    instruction: text.instruction,
    // Boundary: the columns only receive values checked against the CAP enumerations.
    category: row.category as CitizenAlert['category'],
    urgency: row.urgency as CitizenAlert['urgency'],
    severity: row.severity as CitizenAlert['severity'],
    certainty: row.certainty as CitizenAlert['certainty'],
    effective: row.effective,
    expires: row.expires,
    senderName: row.senderName,
    publishedAt: row.publishedAt ?? row.updatedAt,
    updatedAt: row.updatedAt,
    cancelledAt: row.cancelledAt,
    checkin: row.checkin === 1 && row.status === 'published' && recipient !== undefined && recipient !== null,
    answer: recipient?.answer ?? null,
    answeredAt: recipient?.answeredAt ?? null,
  };
}

async function publishedAlert(db: Db, id: string): Promise<AlertRow> {
  const row = await findAlert(db, id);
  if (!row || (row.status !== 'published' && row.status !== 'cancelled')) throw new ProblemError(404, 'not_found');
  return row;
}

/** A published alert in the reader's language, with their own answer when they are signed in and received it. */
export async function viewPublicAlert(
  db: Db,
  id: string,
  locale: Locale,
  userId: string | null,
): Promise<CitizenAlert> {
  const row = await publishedAlert(db, id);
  const person = userId ? await findPersonByUserId(db, userId) : undefined;
  const recipient = person ? await findRecipient(db, id, person.id) : undefined;
  // The page follows the language the reader chose in the app; notifications follow the registry's language.
  return toCitizenAlert(row, locale, recipient ?? null);
}

/** The alerts a signed-in citizen received (for themselves or a dependent), newest first. */
export async function listReceivedAlerts(db: Db, userId: string, locale: Locale): Promise<CitizenAlertList> {
  const person = await findPersonByUserId(db, userId);
  if (!person) return { items: [] };
  const items: CitizenAlert[] = [];
  for (const id of await listReceivedAlertIds(db, person.id)) {
    const row = await findAlert(db, id);
    if (row) items.push(toCitizenAlert(row, locale, (await findRecipient(db, id, person.id)) ?? null));
  }
  return { items };
}

interface Answering {
  alertId: string;
  personId: string;
  answer: CheckinAnswer;
  via: 'app' | 'link';
  lat?: number | undefined;
  lon?: number | undefined;
  note?: string | undefined;
}

/**
 * Opens the help case of a "need help" answer, once per person and alert: the mission of where the registry has
 * them today (the alert's country when it has nothing), their shared point if any, source `checkin`.
 */
async function openHelpCase(trx: Db, alert: AlertRow, recipient: RecipientRow, input: Answering, now: Date) {
  const day = now.toISOString().slice(0, 10);
  const guardianId = recipient.dependentOf ?? recipient.personId;
  const presences = await listCurrentPresences(trx, [guardianId], day);
  const presence =
    presences.find((p) => (p.dependentId ?? p.personId) === recipient.personId && p.kind === 'trip') ??
    presences.find((p) => (p.dependentId ?? p.personId) === recipient.personId) ??
    null;
  const country = presence?.countryCode ?? alert.country;
  const region = presence?.regionCode ?? null;
  const missionCode = await routeCase(trx, { country, region });
  const timeZone = (await findMissionTimeZone(trx, missionCode)) ?? 'UTC';
  const person = await trx
    .selectFrom('persons')
    .select(['id', 'userId', 'familyName', 'givenName', 'nativeName'])
    .where('id', '=', guardianId)
    .executeTakeFirst();
  const dependent = recipient.dependentOf
    ? await trx
        .selectFrom('dependents')
        .select(['familyName', 'givenName', 'nativeName'])
        .where('id', '=', recipient.personId)
        .executeTakeFirst()
    : undefined;
  const subject = dependent ?? person;
  const subjectName = subject ? subject.nativeName || `${subject.familyName} ${subject.givenName}`.trim() : '';
  const phone = (await listChannels(trx, [guardianId])).find((c) => c.kind === 'sms' || c.kind === 'voice')?.address;
  const at = isoNow(now);
  const year = now.getUTCFullYear();
  const id = newId();
  const number = formatCaseNumber(year, await nextCounterValue(trx, `case:${year}`));
  const headline = headlineOf(alert, 'zh-CN') || headlineOf(alert, 'en');
  const point = input.lat !== undefined && input.lon !== undefined;
  await insertCase(trx, {
    id,
    number,
    missionCode,
    category: 'disaster_conflict',
    priority: 'P1',
    status: 'new',
    summary: `Need help (check-in): ${headline}`.slice(0, 200),
    subjectName: subjectName || '—',
    reporterUserId: person?.userId ?? null,
    createdBy: person?.userId ?? null,
    openedAt: at,
    updatedAt: at,
    version: 1,
    source: 'checkin',
    description: [`Answered "Need help" to the alert: ${headline}`, input.note?.trim() ?? '']
      .filter(Boolean)
      .join('\n\n'),
    locationCountry: country,
    locationRegion: region,
    locationCity: null,
    locationLabel: point ? 'Shared with the answer' : null,
    locationLat: point ? (input.lat as number) : (presence?.lat ?? null),
    locationLon: point ? (input.lon as number) : (presence?.lon ?? null),
    reporterRelation: recipient.dependentOf ? 'guardian' : 'self',
    contactPhone: phone ?? null,
    subjectPersonId: recipient.dependentOf ? null : recipient.personId,
    ...slaOnOpen('P1', businessCalendar(timeZone), now),
  });
  await insertCasePersons(trx, [
    {
      id: newId(),
      caseId: id,
      role: 'subject',
      personId: recipient.dependentOf ? null : recipient.personId,
      name: subjectName || '—',
      phone: phone ?? null,
      relation: null,
      createdAt: at,
    },
  ]);
  await appendCaseEvent(trx, {
    caseId: id,
    kind: 'created',
    visibility: 'citizen',
    authorUserId: person?.userId ?? null,
    authorKind: person?.userId ? 'citizen' : 'system',
    data: { source: 'checkin', alertId: alert.id, via: input.via, priority: 'P1', missionCode },
  });
  return { id, number, missionCode };
}

/**
 * Records an answer to "Are you safe?". Idempotent per person: the last answer wins on the tally, every answer
 * stays in the history; "need help" opens one help case per person and alert (a later "need help" does not
 * open another, a later "safe" does not close it: an officer does, after checking).
 * @throws ProblemError 404 when the person did not receive it; 409 when it asks no check-in or was cancelled
 */
export async function answerCheckin(
  db: Kysely<Database>,
  input: Answering,
  source: AuditSource,
  now: Date = new Date(),
): Promise<CheckinResult> {
  const alert = await findAlert(db, input.alertId);
  if (!alert || (alert.status !== 'published' && alert.status !== 'cancelled'))
    throw new ProblemError(404, 'not_found');
  if (alert.checkin !== 1) throw new ProblemError(409, 'checkin_not_asked', 'this alert asks no check-in');
  if (alert.status !== 'published') throw new ProblemError(409, 'alert_state', 'the alert was cancelled');
  return inTransaction(db, async (trx) => {
    const recipient = await findRecipient(trx, input.alertId, input.personId);
    if (!recipient) throw new ProblemError(404, 'not_found', 'not a recipient of this alert');
    const at = isoNow(now);
    const point = input.lat !== undefined && input.lon !== undefined;
    await insertAnswer(trx, {
      id: newId(),
      alertId: input.alertId,
      personId: input.personId,
      answer: input.answer,
      via: input.via,
      // About a kilometre: enough for the map and for a mission to send help, not a doorstep.
      lat: point ? Math.round((input.lat as number) * 100) / 100 : null,
      lon: point ? Math.round((input.lon as number) * 100) / 100 : null,
      note: input.note?.trim() || null,
      answeredAt: at,
    });
    await setRecipientAnswer(trx, input.alertId, input.personId, input.answer, at);
    let caseNumber: string | null = null;
    if (input.answer === 'need_help') {
      if (recipient.caseId) {
        caseNumber =
          (await trx.selectFrom('cases').select('number').where('id', '=', recipient.caseId).executeTakeFirst())
            ?.number ?? null;
      } else {
        const opened = await openHelpCase(trx, alert, recipient, input, now);
        if (!(await setRecipientCase(trx, input.alertId, input.personId, opened.id)))
          throw new ProblemError(409, 'conflict', 'another answer opened the case at the same moment');
        caseNumber = opened.number;
        await appendAudit(trx, source, {
          action: 'case.checkin_help',
          record: { type: 'case', id: opened.id, missionCode: opened.missionCode },
          details: { number: opened.number, alertId: input.alertId, via: input.via },
        });
      }
    }
    const language = languageFor(alert, recipient.locale);
    return {
      alertId: input.alertId,
      answer: input.answer,
      answeredAt: at,
      caseNumber,
      headline: headlineOf(alert, language),
      language,
    };
  });
}

/** A signed-in citizen answers for themselves. */
export async function answerAsCitizen(
  db: Kysely<Database>,
  userId: string,
  alertId: string,
  body: CheckinBody,
  source: AuditSource,
): Promise<CheckinResult> {
  const person = await findPersonByUserId(db, userId);
  if (!person) throw new ProblemError(404, 'not_found', 'no registration for this account');
  return answerCheckin(db, { alertId, personId: person.id, via: 'app', ...body }, source);
}

async function checkToken(db: Db, config: Pick<Config, 'secret'>, token: string) {
  const checked = verifyCheckinToken(await checkinLinkKey(db, config), token);
  if (!checked.ok && checked.reason === 'expired')
    throw new ProblemError(410, 'checkin_link_expired', 'the check-in link has expired');
  if (!checked.ok) throw new ProblemError(404, 'link_invalid', 'not a check-in link of this service');
  return checked;
}

/** What the landing page of a signed link shows: the alert's headline and the answer given so far. */
export async function viewCheckinLink(
  db: Db,
  config: Pick<Config, 'secret'>,
  token: string,
  locale: Locale,
): Promise<CheckinLink> {
  const checked = await checkToken(db, config, token);
  const alert = await publishedAlert(db, checked.alertId);
  const recipient = await findRecipient(db, checked.alertId, checked.personId);
  if (!recipient) throw new ProblemError(404, 'link_invalid');
  const language = languageFor(alert, recipient.locale || locale);
  return {
    alertId: alert.id,
    headline: headlineOf(alert, language),
    language,
    answer: recipient.answer,
    expiresAt: checked.expiresAt,
  };
}

/** One tap from an e-mail, SMS or push: the signed token says who answers, no sign-in. */
export async function answerByLink(
  db: Kysely<Database>,
  config: Pick<Config, 'secret'>,
  token: string,
  body: CheckinBody,
  source: AuditSource,
): Promise<CheckinResult> {
  const checked = await checkToken(db, config, token);
  return answerCheckin(db, { alertId: checked.alertId, personId: checked.personId, via: 'link', ...body }, source);
}

/** The live tally: recipients, answers, who was reminded, and the answers' places for the map. */
export async function tallyCheckins(db: Db, actor: Actor, alertId: string): Promise<CheckinTally> {
  if (!canReadAlerts(actor)) throw new ProblemError(403, 'forbidden');
  const alert = await findAlert(db, alertId);
  if (!alert) throw new ProblemError(404, 'not_found');
  const counts = await countTally(db, alertId);
  return {
    alertId,
    recipients: counts.recipients,
    safe: counts.safe,
    needHelp: counts.needHelp,
    unanswered: counts.recipients - counts.safe - counts.needHelp,
    reminded: counts.reminded,
    preparing: alert.recipientsState === 'preparing',
    points: await listAnswerPoints(db, alertId),
    at: isoNow(),
  };
}

const REMINDER: Record<Language, { title: string; body: string }> = {
  en: { title: 'Are you safe? Please answer', body: 'Tap Safe or Need help so the ministry knows.' },
  'zh-CN': { title: '您是否平安？请回复', body: '请点击“我平安”或“需要帮助”，以便我们了解您的情况。' },
};

/**
 * Reminds everyone who has not answered (a dependent's guardian answers for them), through the notifications
 * module, each reminder its own source so the delivery module sends it once per person and channel.
 */
export async function remindUnanswered(
  db: Kysely<Database>,
  actor: Actor,
  alertId: string,
  source: AuditSource,
): Promise<{ reminded: number }> {
  if (!canWriteAlerts(actor)) throw new ProblemError(403, 'forbidden');
  const alert = await findAlert(db, alertId);
  if (!alert) throw new ProblemError(404, 'not_found');
  if (alert.checkin !== 1) throw new ProblemError(409, 'checkin_not_asked', 'this alert asks no check-in');
  if (alert.status !== 'published') throw new ProblemError(409, 'alert_state', 'the alert is not published');
  // Until the recipients are fixed the unanswered are only those found so far (decision 0025).
  if (alert.recipientsState === 'preparing')
    throw new ProblemError(409, 'alert_state', 'the recipients are still being prepared');
  return inTransaction(db, async (trx) => {
    const unanswered = await listUnanswered(trx, alertId);
    if (unanswered.length === 0) return { reminded: 0 };
    const reminderId = newId();
    const headline = textsOf(alert);
    const content: Parameters<typeof enqueuePersonNotification>[1]['content'] = {};
    for (const language of ['en', 'zh-CN'] as const) {
      content[language] = {
        title: REMINDER[language].title,
        body: `${headline[language]?.headline ?? headline.en?.headline ?? headline['zh-CN']?.headline ?? ''}\n\n${REMINDER[language].body}`,
        url: `/alerts/${alertId}`,
      };
    }
    await enqueuePersonNotification(trx, {
      source: { kind: 'checkin_reminder', id: reminderId },
      personIds: [...new Set(unanswered.map((r) => r.dependentOf ?? r.personId))],
      content,
    });
    await markReminded(
      trx,
      alertId,
      unanswered.map((r) => r.personId),
      isoNow(),
    );
    await appendAudit(trx, source, {
      action: 'alert.checkin_remind',
      record: { type: 'alert', id: alertId },
      details: { reminded: unanswered.length, reminderId },
    });
    return { reminded: unanswered.length };
  });
}

function csvCell(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  // A leading = + - @ would run as a formula in a spreadsheet (CSV injection): quote it behind an apostrophe.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The unaccounted (no answer yet) as CSV for the mission's phone round; personal data, so the export is audited. */
export async function exportUnaccounted(
  db: Db,
  actor: Actor,
  alertId: string,
  source: AuditSource,
): Promise<{ csv: string; rows: number }> {
  if (!canExportUnaccounted(actor)) throw new ProblemError(403, 'forbidden');
  const alert = await findAlert(db, alertId);
  if (!alert) throw new ProblemError(404, 'not_found');
  if (alert.recipientsState === 'preparing')
    throw new ProblemError(409, 'alert_state', 'the recipients are still being prepared');
  const rows = await listUnaccounted(db, alertId);
  const channels = await listChannels(db, [...new Set(rows.map((r) => r.dependentOf ?? r.personId))]);
  const reach = new Map<string, { phone: string[]; email: string[] }>();
  for (const c of channels) {
    const entry = reach.get(c.personId) ?? { phone: [], email: [] };
    if (c.kind === 'email') entry.email.push(c.address);
    else if (c.kind === 'sms' || c.kind === 'voice') entry.phone.push(c.address);
    reach.set(c.personId, entry);
  }
  const header = [
    'person_id',
    'family_name',
    'given_name',
    'native_name',
    'dependent_of',
    'phone',
    'email',
    'reason',
    'reminders',
    'reminded_at',
  ];
  const lines = [header.join(',')];
  for (const r of rows) {
    const contact = reach.get(r.dependentOf ?? r.personId) ?? { phone: [], email: [] };
    lines.push(
      [
        r.personId,
        r.familyName,
        r.givenName,
        r.nativeName,
        r.dependentOf,
        [...new Set(contact.phone)].join(' '),
        [...new Set(contact.email)].join(' '),
        r.reason,
        r.reminders,
        r.remindedAt,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  await appendAudit(db, source, {
    action: 'alert.unaccounted_export',
    record: { type: 'alert', id: alertId },
    details: { rows: rows.length },
  });
  return { csv: `${lines.join('\r\n')}\r\n`, rows: rows.length };
}
