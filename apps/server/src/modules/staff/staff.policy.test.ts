import { describe, expect, it } from 'vitest';
import { canChangeStaffAccount, canResetSecondFactor } from './staff.policy.ts';

const admin = { id: 'a', role: 'hq_admin' as const };

describe('staff policy', () => {
  it('lets an administrator change others, and their own missions but not their own role or status', () => {
    expect(canChangeStaffAccount(admin, { id: 'b' }, { role: 'auditor', status: 'disabled' })).toBe(true);
    expect(canChangeStaffAccount(admin, { id: 'a' }, {})).toBe(true);
    expect(canChangeStaffAccount(admin, { id: 'a' }, { role: 'auditor' })).toBe(false);
    expect(canChangeStaffAccount(admin, { id: 'a' }, { status: 'disabled' })).toBe(false);
    expect(canChangeStaffAccount({ id: 'c', role: 'auditor' }, { id: 'b' }, {})).toBe(false);
  });
  it('never lets anyone reset their own second factor', () => {
    expect(canResetSecondFactor(admin, { id: 'b' })).toBe(true);
    expect(canResetSecondFactor(admin, { id: 'a' })).toBe(false);
    expect(canResetSecondFactor({ id: 'c', role: 'mission_head' }, { id: 'b' })).toBe(false);
  });
});
