export type { ChannelStats, DeliveryMessageList, DeliveryReport } from '@homeward/shared';

export const DELIVERIES_PATH = '/api/v1/deliveries';
export const deliveryPath = (id: string) => `/api/v1/deliveries/${encodeURIComponent(id)}`;

/** While a message is still being delivered the dashboard re-reads it this often. */
export const LIVE_REFRESH_MS = 3000;
