import { describe, expect, it } from 'vitest';
import type { Actor } from './actor.ts';
import {
  canAnswerCheckin,
  canApproveAlert,
  canExportUnaccounted,
  canReadAlerts,
  canWriteAlerts,
} from './alerts.policy.ts';

const actor = (id: string, role: Actor['role']): Actor => ({ id, role, missions: [] });

describe('alerts policy', () => {
  it('lets alert managers and HQ write, and answering staff read', () => {
    expect(canWriteAlerts(actor('a', 'alert_manager'))).toBe(true);
    expect(canWriteAlerts(actor('a', 'hq_admin'))).toBe(true);
    expect(canWriteAlerts(actor('a', 'consular_officer'))).toBe(false);
    expect(canWriteAlerts(null)).toBe(false);
    expect(canReadAlerts(actor('a', 'hotline_agent'))).toBe(true);
    expect(canReadAlerts(actor('a', 'auditor'))).toBe(false);
    expect(canReadAlerts(actor('a', 'citizen'))).toBe(false);
    expect(canExportUnaccounted(actor('a', 'mission_head'))).toBe(false);
    expect(canExportUnaccounted(actor('a', 'alert_manager'))).toBe(true);
  });

  it('wants a second person to approve: not the author, not the submitter', () => {
    const alert = { createdBy: 'author', submittedBy: 'submitter' };
    expect(canApproveAlert(actor('author', 'alert_manager'), alert)).toBe(false);
    expect(canApproveAlert(actor('submitter', 'alert_manager'), alert)).toBe(false);
    expect(canApproveAlert(actor('other', 'alert_manager'), alert)).toBe(true);
    expect(canApproveAlert(actor('other', 'hotline_agent'), alert)).toBe(false);
  });

  it('lets only citizens answer a check-in', () => {
    expect(canAnswerCheckin(actor('c', 'citizen'))).toBe(true);
    expect(canAnswerCheckin(actor('s', 'alert_manager'))).toBe(false);
    expect(canAnswerCheckin(null)).toBe(false);
  });
});
