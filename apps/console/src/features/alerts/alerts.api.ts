import type {
  Alert,
  AlertDraftBody,
  AlertPage,
  AlertUpdateBody,
  CapFeedStatusList,
  CheckinTally,
  IncomingSignal,
  IncomingSignalPage,
} from '@homeward/shared';
import { getJson, postJson, putJson } from '../../lib/api.client.ts';

// Safety alerts (decision 0021): drafts, four-eyes review, update and cancel, the check-in tally, incoming CAP.

export type { Alert, AlertDraftBody, AlertPage, CapFeedStatusList, CheckinTally, IncomingSignal, IncomingSignalPage };

export const alertsPath = (query: { q?: string; status?: string; page?: number }) => {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  if (query.status) params.set('status', query.status);
  if (query.page && query.page > 1) params.set('page', String(query.page));
  params.set('pageSize', '20');
  return `/api/v1/alerts?${params}`;
};
export const alertPath = (id: string) => `/api/v1/alerts/${encodeURIComponent(id)}`;
export const tallyPath = (id: string) => `${alertPath(id)}/checkins`;
export const liveTallyPath = (id: string) => `${alertPath(id)}/checkins/live`;
export const unaccountedCsvPath = (id: string) => `${alertPath(id)}/checkins/unaccounted.csv`;
export const signalsPath = (page = 1) => `/api/v1/alerts/signals?page=${page}&pageSize=20`;
export const capFeedsPath = '/api/v1/alerts/signals/feeds';
export const signalPath = (id: string) => `/api/v1/alerts/signals/${encodeURIComponent(id)}`;

export const createAlert = (body: AlertDraftBody) => postJson<Alert>('/api/v1/alerts', body);
export const saveAlert = (id: string, body: AlertDraftBody) => putJson<Alert>(alertPath(id), body);
export const submitAlert = (id: string, confirmEmptyArea: boolean) =>
  postJson<Alert>(`${alertPath(id)}/submit`, { confirmEmptyArea });
export const approveAlert = (id: string) => postJson<Alert>(`${alertPath(id)}/approve`);
export const returnAlert = (id: string, reason: string) => postJson<Alert>(`${alertPath(id)}/return`, { reason });
export const updateAlert = (id: string, body: AlertUpdateBody) => postJson<Alert>(`${alertPath(id)}/update`, body);
export const cancelAlert = (id: string, reason: string) => postJson<Alert>(`${alertPath(id)}/cancel`, { reason });
export const remindUnanswered = (id: string) => postJson<{ reminded: number }>(`${alertPath(id)}/checkins/reminders`);
export const uploadCap = (xml: string) => postJson<{ items: IncomingSignal[] }>('/api/v1/alerts/signals', { xml });

export const getTally = (id: string) => getJson<CheckinTally>(tallyPath(id));
export const getAlert = (id: string) => getJson<Alert>(alertPath(id));
