import type { Generated } from 'kysely';

/**
 * Safety alerts (decision 0021). `texts` and `area` are JSON text; the CAP fields keep the spec's values.
 * The row is edited only while a draft; what was sent lives in `alert_messages`.
 */
export interface AlertsTable {
  id: string;
  status: 'draft' | 'pending' | 'published' | 'cancelled';
  country: string;
  /** JSON: { en?: { headline, description, instruction }, 'zh-CN'?: … }. */
  texts: string;
  /** Lower-cased headlines of every language: what the console's search looks in. */
  searchText: string;
  category: string;
  urgency: string;
  severity: string;
  certainty: string;
  effective: string | null;
  expires: string | null;
  senderName: string;
  /** JSON: the targeting engine's area. */
  area: string;
  checkin: number;
  signalId: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  submittedBy: string | null;
  submittedAt: string | null;
  reachAtSubmit: number | null;
  emptyAreaConfirmed: number;
  approvedBy: string | null;
  publishedAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  recipients: number;
  /** 'preparing' while the job that fixes the recipients runs after approval, then 'ready' (decision 0025). */
  recipientsState: Generated<'preparing' | 'ready'>;
}

export interface AlertCountriesTable {
  alertId: string;
  country: string;
}

/** One CAP message as sent; `cap` is the CapAlert JSON, `id` its CAP identifier. */
export interface AlertMessagesTable {
  id: string;
  alertId: string;
  seq: number;
  msgType: 'Alert' | 'Update' | 'Cancel';
  sent: string;
  cap: string;
  sentBy: string | null;
  createdAt: string;
}

/** Who an alert reached at publication, with their last check-in answer and reminders. */
export interface AlertRecipientsTable {
  alertId: string;
  personId: string;
  dependentOf: string | null;
  locale: string;
  reason: string;
  answer: 'safe' | 'need_help' | null;
  answeredAt: string | null;
  reminders: number;
  remindedAt: string | null;
  caseId: string | null;
}

export interface CheckinAnswersTable {
  id: string;
  alertId: string;
  personId: string;
  answer: 'safe' | 'need_help';
  via: 'app' | 'link';
  lat: number | null;
  lon: number | null;
  note: string | null;
  answeredAt: string;
}

export interface IncomingSignalsTable {
  id: string;
  receivedAt: string;
  origin: 'upload' | 'poll';
  originUrl: string | null;
  identifier: string;
  sender: string;
  sent: string;
  /** JSON: the parsed CapAlert. */
  cap: string;
  receivedBy: string | null;
  alertId: string | null;
}

/** A configured CAP source the worker polls (decision 0025): its HTTP validators and its last outcome. */
export interface CapFeedsTable {
  url: string;
  etag: string | null;
  lastModified: string | null;
  lastFetchedAt: string | null;
  lastStatus: number | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  fetches: number;
  /** New incoming signals this source produced. */
  signals: number;
}
