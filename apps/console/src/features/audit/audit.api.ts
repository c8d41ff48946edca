import type { LocalizedText } from '@homeward/shared';

/** One entry of `GET /api/v1/audit` (apps/server/src/modules/audit/audit.routes.ts). */
export interface AuditEntry {
  seq: number;
  id: string;
  at: string;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  recordType: string | null;
  recordId: string | null;
  missionCode: string | null;
  ip: string | null;
  reason: string | null;
  details: Record<string, unknown>;
  hash: string;
}

export interface AuditPage {
  items: AuditEntry[];
  total: number;
  page: number;
  pageSize: number;
}

export const AUDIT_PAGE_SIZE = 50;

/** The filters, named as in the API so the console URL and the API query read the same. */
export const AUDIT_FILTERS = ['action', 'actorId', 'recordType', 'recordId', 'missionCode', 'from', 'to', 'q'] as const;
export type AuditFilter = (typeof AUDIT_FILTERS)[number];
export type AuditFilters = Record<AuditFilter, string>;

export function filtersFrom(params: URLSearchParams): AuditFilters {
  const filters = {} as AuditFilters;
  for (const key of AUDIT_FILTERS) filters[key] = params.get(key)?.trim() ?? '';
  return filters;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day in the reader's time zone as the instant it starts; `to` is exclusive, so it takes the next day. */
export function dayStart(day: string, plusDays = 0): string | null {
  if (!DAY.test(day)) return null;
  const at = new Date(`${day}T00:00:00`);
  if (Number.isNaN(at.getTime())) return null;
  at.setDate(at.getDate() + plusDays);
  return at.toISOString();
}

export function auditPath(filters: AuditFilters, page: number): string {
  const params = new URLSearchParams();
  for (const key of ['action', 'actorId', 'recordType', 'recordId', 'missionCode', 'q'] as const) {
    if (filters[key]) params.set(key, filters[key]);
  }
  const from = dayStart(filters.from);
  const to = dayStart(filters.to, 1);
  if (from) params.set('from', from);
  if (to) params.set('to', to);
  params.set('page', String(page));
  params.set('pageSize', String(AUDIT_PAGE_SIZE));
  return `/api/v1/audit?${params}`;
}

/** Names for the actions people look for most; any other action shows its code. */
export const ACTION_LABELS: Record<string, LocalizedText> = {
  'auth.sign_in': { 'zh-CN': '登录', en: 'Signed in' },
  'auth.sign_in_failed': { 'zh-CN': '登录失败', en: 'Sign-in failed' },
  'auth.sign_in_throttled': { 'zh-CN': '登录受限', en: 'Sign-in held back' },
  'auth.sign_out': { 'zh-CN': '退出登录', en: 'Signed out' },
  'auth.second_factor_enabled': { 'zh-CN': '设置身份验证器', en: 'Authenticator set up' },
  'auth.second_factor_failed': { 'zh-CN': '验证码错误', en: 'Wrong code' },
  'auth.recovery_code_used': { 'zh-CN': '使用恢复码', en: 'Recovery code used' },
  'auth.recovery_codes_regenerated': { 'zh-CN': '重新生成恢复码', en: 'New recovery codes' },
  'auth.session_ended': { 'zh-CN': '结束会话', en: 'Session ended' },
  'auth.sign_out_everywhere': { 'zh-CN': '在所有设备上退出登录', en: 'Signed out everywhere' },
  'auth.staff_setup': { 'zh-CN': '通过设置链接设置账户', en: 'Account set up from link' },
  'audit.search': { 'zh-CN': '查询审计日志', en: 'Audit log searched' },
  'staff.create': { 'zh-CN': '创建工作账户', en: 'Staff account created' },
  'staff.update': { 'zh-CN': '更改工作账户', en: 'Staff account changed' },
  'staff.second_factor_reset': { 'zh-CN': '重置身份验证器', en: 'Authenticator reset' },
  'token.create': { 'zh-CN': '创建 API 令牌', en: 'API token created' },
  'token.revoke': { 'zh-CN': '撤销 API 令牌', en: 'API token revoked' },
  'case.view': { 'zh-CN': '查看案件', en: 'Case viewed' },
  'case.open': { 'zh-CN': '新建案件', en: 'Case opened' },
  'certificate.issue': { 'zh-CN': '签发健康证明', en: 'Health certificate issued' },
  'certificate.view': { 'zh-CN': '查看健康证明', en: 'Health certificate viewed' },
  'certificate.search': { 'zh-CN': '查询健康证明', en: 'Health certificates searched' },
  'certificate.revoke': { 'zh-CN': '撤销健康证明', en: 'Health certificate revoked' },
  'certificate.holder_lookup': { 'zh-CN': '按护照号码查找持有人', en: 'Holder looked up by passport' },
  'certificate.signer_create': { 'zh-CN': '生成签名密钥', en: 'Signing key created' },
  'certificate.signer_rotate': { 'zh-CN': '更换文书签名证书', en: 'Document signer replaced' },
  'certificate.csca_rotate': { 'zh-CN': '更换国家签名根证书', en: 'Country signing CA replaced' },
};
