import type { Role } from '@homeward/shared';
import type { InjectOptions } from 'fastify';
import type { Kysely } from 'kysely';
import { signInAs } from '../../test/support/app.ts';
import type { Database } from '../db/schema.ts';
import type { App } from '../http/app-types.ts';
import { DEMO_PASSWORD } from '../modules/demo/demo.accounts.ts';

/** own: the actor's mission (US-WAS for mission staff) or the citizen's own record; other: the opposite. */
export type Scope = 'own' | 'other';

export interface MatrixWorld {
  app: App;
  db: Kysely<Database>;
  cookies: Record<Role, string>;
  cache: Map<string, unknown>;
}

/**
 * The expected answer of one route for every role, written by hand from the ministry's rules, not derived
 * from the policy code under test. `any`: allowed in both scopes; `own`: allowed in the own scope, refused
 * outside it with `outOfScope` (404 for records, so existence does not leak); absent: refused with `denied`.
 */
export interface RouteSpec {
  allow: Partial<Record<Role, 'any' | 'own'>>;
  anonymous?: 'allow';
  okStatus: number;
  denied: number;
  outOfScope: number;
  build(world: MatrixWorld, role: Role | null, scope: Scope): InjectOptions | Promise<InjectOptions>;
  /** Runs after the request, e.g. to sign the role in again when the route ended all its sessions. */
  after?(world: MatrixWorld, role: Role | null): Promise<void>;
}

export const EVERY_ROLE: Record<Role, 'any'> = {
  citizen: 'any',
  hq_admin: 'any',
  hotline_agent: 'any',
  consular_officer: 'any',
  mission_head: 'any',
  alert_manager: 'any',
  health_issuer: 'any',
  auditor: 'any',
};

export const get = (url: string) => (): InjectOptions => ({ method: 'GET', url });

export const ACCOUNT_OF: Record<Role, string> = {
  hq_admin: 'admin@demo.homeward.example',
  hotline_agent: 'agent@demo.homeward.example',
  consular_officer: 'officer.us@demo.homeward.example',
  mission_head: 'head.us@demo.homeward.example',
  alert_manager: 'alerts@demo.homeward.example',
  health_issuer: 'health@demo.homeward.example',
  auditor: 'auditor@demo.homeward.example',
  citizen: 'citizen@demo.homeward.example',
};

/** A fresh session for routes that end the one they are given. */
export async function freshCookie(world: MatrixWorld, role: Role | null): Promise<Record<string, string>> {
  if (!role) return {};
  return { cookie: await signInAs(world.app, ACCOUNT_OF[role], DEMO_PASSWORD) };
}
