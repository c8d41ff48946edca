import type { KeptRecord } from '@homeward/shared';
import type { Db } from '../../db/schema.ts';

/** Adds a module's data about a person to their export, under its own name. */
export type AccountExporter = (db: Db, userId: string) => Promise<unknown>;

/**
 * Runs when a person deletes their account, in the deleting transaction: erases the module's data about
 * them that need not be kept, and returns what must be kept (an open protection case) and why.
 */
export type RetentionCheck = (db: Db, user: { id: string; email: string }) => Promise<KeptRecord[]>;

const exporters = new Map<string, AccountExporter>();
const retentionChecks = new Set<RetentionCheck>();

/** Registers an export section; returns a function that removes it again. */
export function registerExporter(name: string, fn: AccountExporter): () => void {
  exporters.set(name, fn);
  return () => {
    if (exporters.get(name) === fn) exporters.delete(name);
  };
}

/** Registers a retention check for account deletion; returns a function that removes it again. */
export function registerRetention(fn: RetentionCheck): () => void {
  retentionChecks.add(fn);
  return () => {
    retentionChecks.delete(fn);
  };
}

export async function runExporters(db: Db, userId: string): Promise<Record<string, unknown>> {
  const sections: Record<string, unknown> = {};
  for (const [name, fn] of exporters) sections[name] = await fn(db, userId);
  return sections;
}

export async function runRetentionChecks(db: Db, user: { id: string; email: string }): Promise<KeptRecord[]> {
  const kept: KeptRecord[] = [];
  for (const check of retentionChecks) kept.push(...(await check(db, user)));
  return kept;
}
