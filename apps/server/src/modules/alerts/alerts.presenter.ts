import type { Alert, AlertCategory, AlertCertainty, AlertSeverity, AlertUrgency } from '@homeward/shared';
import type { Db } from '../../db/schema.ts';
import { areaOf, textsOf } from './alerts.cap.ts';
import { type AlertRow, listAlertMessages, listUserNames } from './alerts.repo.ts';

/** Where the CAP document of a published alert is served (public, stable). */
export const capPathOf = (id: string) => `/api/v1/alerts/${id}.cap`;

/**
 * Alerts as staff see them, with the names of who wrote, submitted and approved each one (four eyes shows both
 * people) and the CAP messages sent. Two queries for the whole page, whatever its size.
 */
export async function toAlertDtos(db: Db, rows: readonly AlertRow[]): Promise<Alert[]> {
  const names = await listUserNames(
    db,
    rows.flatMap((r) => [r.createdBy, r.submittedBy, r.approvedBy]),
  );
  const messages = await listAlertMessages(
    db,
    rows.map((r) => r.id),
  );
  const person = (id: string | null) => (id ? { id, name: names.get(id) ?? '' } : null);
  return rows.map((row) => {
    const sent = messages.filter((m) => m.alertId === row.id);
    return {
      id: row.id,
      status: row.status,
      country: row.country,
      texts: textsOf(row),
      // Boundary: these columns only receive values checked against the CAP enumerations on write.
      category: row.category as AlertCategory,
      urgency: row.urgency as AlertUrgency,
      severity: row.severity as AlertSeverity,
      certainty: row.certainty as AlertCertainty,
      effective: row.effective,
      expires: row.expires,
      senderName: row.senderName,
      area: areaOf(row),
      checkin: row.checkin === 1,
      signalId: row.signalId,
      createdBy: person(row.createdBy),
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      submittedBy: person(row.submittedBy),
      submittedAt: row.submittedAt,
      reachAtSubmit: row.reachAtSubmit,
      emptyAreaConfirmed: row.emptyAreaConfirmed === 1,
      approvedBy: person(row.approvedBy),
      publishedAt: row.publishedAt,
      cancelledAt: row.cancelledAt,
      cancelReason: row.cancelReason,
      recipients: row.recipients,
      recipientsState: row.recipientsState,
      messages: sent.map((m) => ({ identifier: m.id, msgType: m.msgType, sent: m.sent })),
      capUrl: sent.length > 0 ? capPathOf(row.id) : null,
    };
  });
}
