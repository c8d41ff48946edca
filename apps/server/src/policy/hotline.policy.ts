import type { Role } from '@homeward/shared';
import type { Actor } from './actor.ts';
import { isMissionScoped, servesMission } from './actor.ts';

/**
 * The 24/7 hotline. Agents and headquarters log calls, look callers up in the registry and read the knowledge
 * base. Mission staff (consular officers, heads of mission) may read the calls transferred to their own
 * missions — the caller's words are their starting point — and no other call: a call that stayed advice is
 * the hotline's business, and one that opened a case reaches the mission as the case. Only headquarters edits
 * the knowledge base, since its answers speak for the ministry. Alert managers, health issuers, auditors
 * (who read the audit log instead) and citizens reach none of it.
 */
export const HOTLINE_ROLES: readonly Role[] = ['hq_admin', 'hotline_agent'];
export const CALL_READER_ROLES: readonly Role[] = ['hq_admin', 'hotline_agent', 'consular_officer', 'mission_head'];
export const KNOWLEDGE_EDITOR_ROLES: readonly Role[] = ['hq_admin'];

export function canWorkHotline(actor: Actor | null): boolean {
  return actor !== null && HOTLINE_ROLES.includes(actor.role);
}

/** The fields of a call that decide who may read it. */
export interface CallScope {
  outcome: string;
  missionCode: string | null;
}

export function canViewCall(actor: Actor | null, call: CallScope): boolean {
  if (!actor) return false;
  if (canWorkHotline(actor)) return true;
  return (
    isMissionScoped(actor) &&
    call.outcome === 'transferred' &&
    call.missionCode !== null &&
    servesMission(actor, call.missionCode)
  );
}

/** Which calls a list shows: all, or those transferred to some missions; null when the role lists none. */
export type CallListScope = { all: true } | { transferredTo: readonly string[] } | null;

export function callListScope(actor: Actor | null): CallListScope {
  if (!actor) return null;
  if (canWorkHotline(actor)) return { all: true };
  if (isMissionScoped(actor)) return { transferredTo: actor.missions };
  return null;
}

export function canEditKnowledge(actor: Actor | null): boolean {
  return actor !== null && KNOWLEDGE_EDITOR_ROLES.includes(actor.role);
}
