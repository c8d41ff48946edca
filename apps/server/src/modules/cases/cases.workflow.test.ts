import { describe, expect, it } from 'vitest';
import { allowedTransitions, CASE_TRANSITIONS, checkTransition, isOpenStatus } from './cases.workflow.ts';

describe('the case workflow', () => {
  it('follows new → triaged → assigned → in progress ⇄ waiting → resolved → closed', () => {
    expect(CASE_TRANSITIONS.new).toContain('triaged');
    expect(CASE_TRANSITIONS.triaged).toContain('assigned');
    expect(CASE_TRANSITIONS.assigned).toContain('in_progress');
    expect(CASE_TRANSITIONS.in_progress).toContain('waiting');
    expect(CASE_TRANSITIONS.waiting).toContain('in_progress');
    expect(CASE_TRANSITIONS.in_progress).toContain('resolved');
    expect(CASE_TRANSITIONS.resolved).toContain('closed');
  });

  it('refuses skipping work: a new case cannot be resolved, a closed one cannot be resolved again', () => {
    expect(checkTransition('hq_admin', 'new', 'resolved').allowed).toBe(false);
    expect(checkTransition('hq_admin', 'closed', 'resolved').allowed).toBe(false);
    expect(checkTransition('hq_admin', 'waiting', 'assigned').allowed).toBe(false);
    expect(checkTransition('hq_admin', 'new', 'new').allowed).toBe(false);
  });

  it('reopens resolved and closed cases to in progress, with a reason', () => {
    expect(checkTransition('consular_officer', 'resolved', 'in_progress')).toEqual({
      allowed: true,
      reasonRequired: true,
    });
    expect(checkTransition('mission_head', 'closed', 'in_progress')).toEqual({ allowed: true, reasonRequired: true });
  });

  it('lets only the mission head or HQ reopen a closed case', () => {
    expect(checkTransition('consular_officer', 'closed', 'in_progress').allowed).toBe(false);
    expect(checkTransition('hq_admin', 'closed', 'in_progress').allowed).toBe(true);
  });

  it('asks a reason to dismiss a case nobody accepted, not to close a resolved one', () => {
    expect(checkTransition('consular_officer', 'new', 'closed').reasonRequired).toBe(true);
    expect(checkTransition('consular_officer', 'resolved', 'closed').reasonRequired).toBe(false);
    expect(checkTransition('consular_officer', 'in_progress', 'waiting').reasonRequired).toBe(false);
  });

  it('lets the hotline triage and nothing else; citizens and other roles move nothing', () => {
    expect(allowedTransitions('hotline_agent', 'new')).toEqual(['triaged']);
    expect(allowedTransitions('hotline_agent', 'triaged')).toEqual([]);
    for (const role of ['citizen', 'alert_manager', 'health_issuer', 'auditor'] as const) {
      for (const from of Object.keys(CASE_TRANSITIONS) as (keyof typeof CASE_TRANSITIONS)[]) {
        expect(allowedTransitions(role, from)).toEqual([]);
      }
    }
  });

  it('lists what an officer may do next', () => {
    expect(allowedTransitions('consular_officer', 'in_progress')).toEqual(['waiting', 'resolved']);
    expect(allowedTransitions('consular_officer', 'closed')).toEqual([]);
  });

  it('knows which statuses are still being worked on', () => {
    expect(isOpenStatus('waiting')).toBe(true);
    expect(isOpenStatus('resolved')).toBe(false);
    expect(isOpenStatus('closed')).toBe(false);
  });
});
