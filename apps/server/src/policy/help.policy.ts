import type { Actor } from './actor.ts';
import { type CaseScope, canViewCase } from './cases.policy.ts';

/** A case event as the live stream weighs it: the case's scope and the event's visibility. */
export interface LiveEventScope extends CaseScope {
  visibility: 'internal' | 'citizen';
}

/**
 * Who is told about a case event on the live stream: staff who may see the case (any event), and the
 * reporting citizen for the events shown to them (never internal notes). Same rule as reading the timeline.
 */
export function canReceiveLiveEvent(actor: Actor | null, event: LiveEventScope): boolean {
  if (!actor || !canViewCase(actor, event)) return false;
  return actor.role !== 'citizen' || event.visibility === 'citizen';
}
