import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, describeEachDialect, type TestDatabase } from '../../test/support/db.ts';
import { createMigrator, migrateToLatest } from './migrate.ts';
import { MIGRATIONS } from './migrations/index.ts';

describe('migration index', () => {
  it('lists every migration file in the folder, in name order', () => {
    const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
    const files = readdirSync(folder)
      .filter((f) => /^\d{12}_[a-z_]+\.ts$/.test(f))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(Object.keys(MIGRATIONS)).toEqual(files);
  });
});

describeEachDialect('migrations', (getDb) => {
  let fresh: TestDatabase;
  beforeAll(async () => {
    fresh = await createTestDatabase(getDb().dialect, { migrate: false });
  });
  afterAll(async () => {
    await fresh.close();
  });

  it('apply from empty, are idempotent, and roll all the way down and up again', async () => {
    const first = await migrateToLatest(fresh.db);
    expect(first.applied).toEqual(Object.keys(MIGRATIONS));
    expect((await migrateToLatest(fresh.db)).applied).toEqual([]);
    const migrator = createMigrator(fresh.db);
    for (let i = 0; i < first.applied.length; i++) {
      const { error } = await migrator.migrateDown();
      expect(error).toBeUndefined();
    }
    expect((await migrateToLatest(fresh.db)).applied).toEqual(first.applied);
  });

  it('produce the same tables on both engines', async () => {
    // SQLite's full-text index (case_search_docs, the FTS5 table and its shadow tables, migration 1530) has no
    // PostgreSQL twin: there pg_trgm indexes the searched columns themselves.
    const tables = (await fresh.db.introspection.getTables())
      .map((t) => t.name)
      .filter((name) => !name.startsWith('case_search'))
      .sort();
    expect(tables).toEqual([
      'account_tokens',
      'alert_countries',
      'alert_messages',
      'alert_recipients',
      'alerts',
      'api_tokens',
      'appointment_schedules',
      'appointment_waitlist',
      'appointments',
      'audit_log',
      'auth_challenges',
      'business_sites',
      'business_staff',
      'businesses',
      'campaign_allocation_runs',
      'campaign_doses',
      'campaign_registrations',
      'campaign_seats',
      'campaign_sessions',
      'campaign_sites',
      'campaigns',
      'cap_feeds',
      'case_attachments',
      'case_events',
      'case_persons',
      'case_tasks',
      'cases',
      'certificate_signers',
      'checkin_answers',
      'counters',
      'country_subscriptions',
      'dependents',
      'emergency_contacts',
      'guidance_article_versions',
      'guidance_articles',
      'guidance_assessments',
      'guidance_sends',
      'health_certificates',
      'help_request_intake',
      'hotline_calls',
      'idempotency_keys',
      'incidents',
      'incoming_signals',
      'jobs',
      'knowledge_articles',
      'last_countries',
      'mission_jurisdictions',
      'missions',
      'notification_deliveries',
      'notification_messages',
      'notification_preferences',
      'notification_send_leases',
      'passkeys',
      'person_channels',
      'persons',
      'presences',
      'push_subscriptions',
      'recovery_codes',
      'saved_views',
      'service_application_documents',
      'service_application_events',
      'service_applications',
      'service_definitions',
      'sessions',
      'settings',
      'staff_imports',
      'throttles',
      'totp_credentials',
      'travel_advisories',
      'user_missions',
      'users',
      'webauthn_challenges',
    ]);
    const result = await sql<{ n: number }>`select count(*) as n from missions`.execute(fresh.db);
    expect(Number(result.rows[0]?.n)).toBe(0);
  });
});
