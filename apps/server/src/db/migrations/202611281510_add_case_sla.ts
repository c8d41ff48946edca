import type { Kysely } from 'kysely';

/**
 * What the SLA clock of a case needs (decision 0011), as timestamps rather than a ticking counter:
 * when staff first answered and last updated the person, since when the clock is paused (status
 * `waiting`), the instants each running target is due, the state last recorded for each target (so the
 * SLA job writes one event per change) and the worst of them with the earliest due instant, indexed for
 * the breach list and the "most urgent first" sort.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen snapshots, not typed code
export async function up(db: Kysely<any>): Promise<void> {
  const add = (name: string, defaultTo?: string) =>
    db.schema
      .alterTable('cases')
      .addColumn(name, 'text', (c) => (defaultTo === undefined ? c : c.notNull().defaultTo(defaultTo)))
      .execute();
  await add('first_response_at');
  await add('last_update_at');
  await add('sla_paused_since');
  await add('sla_first_due_at');
  await add('sla_next_due_at');
  await add('sla_due_at');
  await add('sla_first_state', 'green');
  await add('sla_next_state', 'green');
  await add('sla_state', 'green');
  await db.schema.createIndex('cases_sla_state_idx').on('cases').columns(['sla_state', 'status']).execute();
  await db.schema.createIndex('cases_sla_due_idx').on('cases').column('sla_due_at').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const index of ['cases_sla_state_idx', 'cases_sla_due_idx']) await db.schema.dropIndex(index).execute();
  for (const column of [
    'first_response_at',
    'last_update_at',
    'sla_paused_since',
    'sla_first_due_at',
    'sla_next_due_at',
    'sla_due_at',
    'sla_first_state',
    'sla_next_state',
    'sla_state',
  ]) {
    await db.schema.alterTable('cases').dropColumn(column).execute();
  }
}
