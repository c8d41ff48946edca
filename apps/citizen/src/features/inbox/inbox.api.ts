import type { Inbox, NotificationPreferences, OutwardChannelName } from '@homeward/shared';
import { getJson, sendJson } from '../../lib/api.client.ts';

export type { Inbox, InboxItem, NotificationPreferences, OutwardChannelName } from '@homeward/shared';

export const INBOX_STREAM_PATH = '/api/v1/inbox/stream';
export const INBOX_EVENT = 'inbox';

export const inboxPath = (before?: string | null) =>
  before ? `/api/v1/inbox?limit=20&before=${encodeURIComponent(before)}` : '/api/v1/inbox?limit=20';

export function fetchInbox(before?: string | null, signal?: AbortSignal): Promise<Inbox> {
  return getJson<Inbox>(inboxPath(before), signal);
}

export function markRead(id: string): Promise<void> {
  return sendJson<void>('POST', `/api/v1/inbox/${encodeURIComponent(id)}/read`);
}

export function markAllRead(): Promise<{ marked: number }> {
  return sendJson<{ marked: number }>('POST', '/api/v1/inbox/read-all');
}

export function fetchPreferences(signal?: AbortSignal): Promise<NotificationPreferences> {
  return getJson<NotificationPreferences>('/api/v1/notifications/preferences', signal);
}

export function savePreferences(channelOrder: OutwardChannelName[]): Promise<NotificationPreferences> {
  return sendJson<NotificationPreferences>('PUT', '/api/v1/notifications/preferences', { channelOrder });
}
