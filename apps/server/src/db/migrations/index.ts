import type { Migration } from 'kysely';
import * as m202611280800 from './202611280800_create_foundation.ts';
import * as m202611280900 from './202611280900_create_audit_log.ts';
import * as m202611281000 from './202611281000_create_accounts.ts';
import * as m202611281010 from './202611281010_create_staff_access.ts';
import * as m202611281030 from './202611281030_create_cases.ts';
import * as m202611281100 from './202611281100_create_registry.ts';
import * as m202611281200 from './202611281200_extend_registry.ts';
import * as m202611281310 from './202611281310_add_presence_group.ts';
import * as m202611281330 from './202611281330_create_health_certificates.ts';
import * as m202611281350 from './202611281350_cover_targeting_scans.ts';
import * as m202611281400 from './202611281400_create_idempotency_keys.ts';
import * as m202611281500 from './202611281500_extend_cases.ts';
import * as m202611281510 from './202611281510_add_case_sla.ts';
import * as m202611281520 from './202611281520_create_hotline.ts';
import * as m202611281530 from './202611281530_create_case_search.ts';
import * as m202611281550 from './202611281550_add_csca_handover.ts';
import * as m202611281560 from './202611281560_create_travel_advisories.ts';
import * as m202611281570 from './202611281570_create_help_request_intake.ts';
import * as m202611281580 from './202611281580_index_cases_newest.ts';
import * as m202611281600 from './202611281600_create_appointments.ts';
import * as m202611281610 from './202611281610_create_services.ts';
import * as m202611281620 from './202611281620_create_alerts.ts';
import * as m202611281630 from './202611281630_create_notifications.ts';
import * as m202611281640 from './202611281640_create_guidance.ts';
import * as m202611281650 from './202611281650_create_campaigns.ts';
import * as m202611281660 from './202611281660_extend_alerts_and_arrivals.ts';
import * as m202611281670 from './202611281670_add_help_request_priority.ts';
import * as m202611281680 from './202611281680_narrow_delivery_batch_index.ts';
import * as m202611281690 from './202611281690_lease_send_batches.ts';
import * as m202611281700 from './202611281700_half_free_delivery_pages.ts';
import * as m202611281710 from './202611281710_unchecked_bulk_parents.ts';

/**
 * Every migration, by file name, in order. Listed by hand (not read from disk) so that the same
 * set runs under tsx, Vitest and any bundler; a test checks that no file in this folder is missing here.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '202611280800_create_foundation': m202611280800,
  '202611280900_create_audit_log': m202611280900,
  '202611281000_create_accounts': m202611281000,
  '202611281010_create_staff_access': m202611281010,
  '202611281030_create_cases': m202611281030,
  '202611281100_create_registry': m202611281100,
  '202611281200_extend_registry': m202611281200,
  '202611281310_add_presence_group': m202611281310,
  '202611281330_create_health_certificates': m202611281330,
  '202611281350_cover_targeting_scans': m202611281350,
  '202611281400_create_idempotency_keys': m202611281400,
  '202611281500_extend_cases': m202611281500,
  '202611281510_add_case_sla': m202611281510,
  '202611281520_create_hotline': m202611281520,
  '202611281530_create_case_search': m202611281530,
  '202611281550_add_csca_handover': m202611281550,
  '202611281560_create_travel_advisories': m202611281560,
  '202611281570_create_help_request_intake': m202611281570,
  '202611281580_index_cases_newest': m202611281580,
  '202611281600_create_appointments': m202611281600,
  '202611281610_create_services': m202611281610,
  '202611281620_create_alerts': m202611281620,
  '202611281630_create_notifications': m202611281630,
  '202611281640_create_guidance': m202611281640,
  '202611281650_create_campaigns': m202611281650,
  '202611281660_extend_alerts_and_arrivals': m202611281660,
  '202611281670_add_help_request_priority': m202611281670,
  '202611281680_narrow_delivery_batch_index': m202611281680,
  '202611281690_lease_send_batches': m202611281690,
  '202611281700_half_free_delivery_pages': m202611281700,
  '202611281710_unchecked_bulk_parents': m202611281710,
};
