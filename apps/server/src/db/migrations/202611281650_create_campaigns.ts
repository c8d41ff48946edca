import { type Kysely, sql } from 'kysely';

/**
 * Campaigns such as vaccination abroad (issue 8, item 4; decision 0024). A campaign has sites (a mission or a
 * partner clinic run by a mission), sessions of slots at each site, registrations of registered persons, the seats
 * given to them, and the doses recorded. A seat is a row of `campaign_seats`: its primary key (session, slot, seat)
 * gives each seat once and the unique registration id gives each person at most one seat, on either engine.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen snapshots, not typed code
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    // vaccination · other
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('title_zh', 'text', (c) => c.notNull())
    .addColumn('description_en', 'text', (c) => c.notNull())
    .addColumn('description_zh', 'text', (c) => c.notNull())
    // draft · open · closed
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('registration_opens_at', 'text', (c) => c.notNull())
    .addColumn('registration_closes_at', 'text', (c) => c.notNull())
    // first_come · priority
    .addColumn('allocation', 'text', (c) => c.notNull())
    // JSON ["US", …] and [{ code, rank, label: { en, zh-CN } }]
    .addColumn('countries', 'text', (c) => c.notNull())
    .addColumn('min_age', 'integer')
    .addColumn('max_age', 'integer')
    .addColumn('priority_groups', 'text', (c) => c.notNull())
    // JSON { productName, dosesRequired, prophylaxisCode, productCode, manufacturerCode } or null
    .addColumn('vaccine', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('campaigns_status_idx').on('campaigns').columns(['status', 'created_at']).execute();

  await db.schema
    .createTable('campaign_sites')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    // mission · clinic
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('mission_code', 'text', (c) => c.notNull().references('missions.code'))
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('lat', 'double precision', (c) => c.notNull())
    .addColumn('lon', 'double precision', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('campaign_sites_campaign_idx').on('campaign_sites').column('campaign_id').execute();

  await db.schema
    .createTable('campaign_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('campaign_sites.id').onDelete('cascade'))
    // Local date and minutes after local midnight in the site's time zone.
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('start_minute', 'integer', (c) => c.notNull())
    .addColumn('end_minute', 'integer', (c) => c.notNull())
    .addColumn('slot_minutes', 'integer', (c) => c.notNull())
    .addColumn('capacity_per_slot', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('campaign_sessions_site_idx')
    .on('campaign_sessions')
    .columns(['site_id', 'date'])
    .execute();

  await db.schema
    .createTable('campaign_registrations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    // The country of the presence that made the person eligible.
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('priority_group', 'text')
    // The group's rank (1 first); people in no group come after every group.
    .addColumn('priority_rank', 'integer', (c) => c.notNull())
    .addColumn('preferred_site_id', 'text', (c) => c.references('campaign_sites.id').onDelete('set null'))
    // waiting · allocated · checked_in · completed · cancelled · no_show
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .addColumn('checked_in_at', 'text')
    .addColumn('checked_in_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('cancelled_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // One active registration per person and campaign.
  await db.schema
    .createIndex('campaign_registrations_active_idx')
    .on('campaign_registrations')
    .columns(['campaign_id', 'person_id'])
    .unique()
    .where(sql<boolean>`status in ('waiting', 'allocated', 'checked_in')`)
    .execute();
  await db.schema
    .createIndex('campaign_registrations_queue_idx')
    .on('campaign_registrations')
    .columns(['campaign_id', 'status', 'priority_rank', 'registered_at'])
    .execute();
  await db.schema
    .createIndex('campaign_registrations_user_idx')
    .on('campaign_registrations')
    .column('user_id')
    .execute();

  await db.schema
    .createTable('campaign_seats')
    .addColumn('session_id', 'text', (c) => c.notNull().references('campaign_sessions.id').onDelete('cascade'))
    .addColumn('slot_start', 'text', (c) => c.notNull())
    .addColumn('seat', 'integer', (c) => c.notNull())
    .addColumn('slot_end', 'text', (c) => c.notNull())
    .addColumn('registration_id', 'text', (c) =>
      c.notNull().unique().references('campaign_registrations.id').onDelete('cascade'),
    )
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('campaign_seats_pk', ['session_id', 'slot_start', 'seat'])
    .execute();
  await db.schema
    .createIndex('campaign_seats_site_idx')
    .on('campaign_seats')
    .columns(['site_id', 'slot_start'])
    .execute();

  await db.schema
    .createTable('campaign_doses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('registration_id', 'text', (c) =>
      c.notNull().references('campaign_registrations.id').onDelete('cascade'),
    )
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('product', 'text', (c) => c.notNull())
    .addColumn('lot_number', 'text', (c) => c.notNull())
    .addColumn('dose_number', 'integer', (c) => c.notNull())
    .addColumn('administered_on', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('certificate_id', 'text', (c) => c.references('health_certificates.id').onDelete('set null'))
    .execute();
  // A dose number is given to a person once per campaign.
  await db.schema
    .createIndex('campaign_doses_person_idx')
    .on('campaign_doses')
    .columns(['campaign_id', 'person_id', 'dose_number'])
    .unique()
    .execute();
  await db.schema
    .createIndex('campaign_doses_registration_idx')
    .on('campaign_doses')
    .column('registration_id')
    .execute();

  await db.schema
    .createTable('campaign_allocation_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    // queued · running · done · failed
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('considered', 'integer', (c) => c.notNull())
    .addColumn('allocated', 'integer', (c) => c.notNull())
    .addColumn('waiting', 'integer', (c) => c.notNull())
    .addColumn('error', 'text')
    .execute();
  await db.schema
    .createIndex('campaign_allocation_runs_campaign_idx')
    .on('campaign_allocation_runs')
    .columns(['campaign_id', 'requested_at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('campaign_allocation_runs').execute();
  await db.schema.dropTable('campaign_doses').execute();
  await db.schema.dropTable('campaign_seats').execute();
  await db.schema.dropTable('campaign_registrations').execute();
  await db.schema.dropTable('campaign_sessions').execute();
  await db.schema.dropTable('campaign_sites').execute();
  await db.schema.dropTable('campaigns').execute();
}
