import type { Kysely, Transaction } from 'kysely';
import type {
  AccountTokensTable,
  PasskeysTable,
  SettingsTable,
  WebauthnChallengesTable,
} from './tables/accounts.table.ts';
import type { TravelAdvisoriesTable } from './tables/advisories.table.ts';
import type {
  AlertCountriesTable,
  AlertMessagesTable,
  AlertRecipientsTable,
  AlertsTable,
  CapFeedsTable,
  CheckinAnswersTable,
  IncomingSignalsTable,
} from './tables/alerts.table.ts';
import type {
  AppointmentSchedulesTable,
  AppointmentsTable,
  AppointmentWaitlistTable,
} from './tables/appointments.table.ts';
import type { AuditLogTable, ThrottlesTable } from './tables/audit.table.ts';
import type {
  CampaignAllocationRunsTable,
  CampaignDosesTable,
  CampaignRegistrationsTable,
  CampaignSeatsTable,
  CampaignSessionsTable,
  CampaignSitesTable,
  CampaignsTable,
} from './tables/campaigns.table.ts';
import type {
  CaseAttachmentsTable,
  CaseEventsTable,
  CasePersonsTable,
  CasesTable,
  CaseTasksTable,
  CountersTable,
  IncidentsTable,
} from './tables/cases.table.ts';
import type { CertificateSignersTable, HealthCertificatesTable } from './tables/certificates.table.ts';
import type {
  GuidanceArticlesTable,
  GuidanceArticleVersionsTable,
  GuidanceAssessmentsTable,
  GuidanceSendsTable,
} from './tables/guidance.table.ts';
import type { HelpRequestIntakeTable } from './tables/help-requests.table.ts';
import type { HotlineCallsTable, KnowledgeArticlesTable } from './tables/hotline.table.ts';
import type { IdempotencyKeysTable } from './tables/idempotency.table.ts';
import type { JobsTable } from './tables/jobs.table.ts';
import type { MissionJurisdictionsTable, MissionsTable } from './tables/missions.table.ts';
import type {
  LastCountriesTable,
  NotificationDeliveriesTable,
  NotificationMessagesTable,
  NotificationPreferencesTable,
  NotificationSendLeasesTable,
  PushSubscriptionsTable,
} from './tables/notifications.table.ts';
import type {
  BusinessesTable,
  BusinessSitesTable,
  BusinessStaffTable,
  CountrySubscriptionsTable,
  DependentsTable,
  EmergencyContactsTable,
  PersonChannelsTable,
  PersonsTable,
  PresencesTable,
  StaffImportsTable,
} from './tables/registry.table.ts';
import type { SavedViewsTable } from './tables/saved-views.table.ts';
import type {
  ServiceApplicationDocumentsTable,
  ServiceApplicationEventsTable,
  ServiceApplicationsTable,
  ServiceDefinitionsTable,
} from './tables/services.table.ts';
import type {
  ApiTokensTable,
  AuthChallengesTable,
  RecoveryCodesTable,
  TotpCredentialsTable,
} from './tables/staff-access.table.ts';
import type { SessionsTable, UserMissionsTable, UsersTable } from './tables/users.table.ts';

/** Every table, in camelCase; the CamelCasePlugin maps to the snake_case columns. */
export interface Database {
  missions: MissionsTable;
  missionJurisdictions: MissionJurisdictionsTable;
  users: UsersTable;
  userMissions: UserMissionsTable;
  sessions: SessionsTable;
  jobs: JobsTable;
  auditLog: AuditLogTable;
  throttles: ThrottlesTable;
  accountTokens: AccountTokensTable;
  settings: SettingsTable;
  passkeys: PasskeysTable;
  webauthnChallenges: WebauthnChallengesTable;
  authChallenges: AuthChallengesTable;
  totpCredentials: TotpCredentialsTable;
  recoveryCodes: RecoveryCodesTable;
  apiTokens: ApiTokensTable;
  cases: CasesTable;
  casePersons: CasePersonsTable;
  caseEvents: CaseEventsTable;
  caseAttachments: CaseAttachmentsTable;
  caseTasks: CaseTasksTable;
  incidents: IncidentsTable;
  counters: CountersTable;
  persons: PersonsTable;
  personChannels: PersonChannelsTable;
  dependents: DependentsTable;
  presences: PresencesTable;
  countrySubscriptions: CountrySubscriptionsTable;
  businesses: BusinessesTable;
  businessSites: BusinessSitesTable;
  businessStaff: BusinessStaffTable;
  emergencyContacts: EmergencyContactsTable;
  staffImports: StaffImportsTable;
  certificateSigners: CertificateSignersTable;
  healthCertificates: HealthCertificatesTable;
  idempotencyKeys: IdempotencyKeysTable;
  hotlineCalls: HotlineCallsTable;
  knowledgeArticles: KnowledgeArticlesTable;
  savedViews: SavedViewsTable;
  travelAdvisories: TravelAdvisoriesTable;
  alerts: AlertsTable;
  alertCountries: AlertCountriesTable;
  alertMessages: AlertMessagesTable;
  alertRecipients: AlertRecipientsTable;
  checkinAnswers: CheckinAnswersTable;
  incomingSignals: IncomingSignalsTable;
  capFeeds: CapFeedsTable;
  guidanceArticles: GuidanceArticlesTable;
  guidanceArticleVersions: GuidanceArticleVersionsTable;
  guidanceAssessments: GuidanceAssessmentsTable;
  guidanceSends: GuidanceSendsTable;
  helpRequestIntake: HelpRequestIntakeTable;
  appointmentSchedules: AppointmentSchedulesTable;
  appointments: AppointmentsTable;
  appointmentWaitlist: AppointmentWaitlistTable;
  serviceDefinitions: ServiceDefinitionsTable;
  serviceApplications: ServiceApplicationsTable;
  serviceApplicationEvents: ServiceApplicationEventsTable;
  serviceApplicationDocuments: ServiceApplicationDocumentsTable;
  notificationMessages: NotificationMessagesTable;
  notificationDeliveries: NotificationDeliveriesTable;
  notificationSendLeases: NotificationSendLeasesTable;
  pushSubscriptions: PushSubscriptionsTable;
  notificationPreferences: NotificationPreferencesTable;
  campaigns: CampaignsTable;
  campaignSites: CampaignSitesTable;
  campaignSessions: CampaignSessionsTable;
  campaignRegistrations: CampaignRegistrationsTable;
  campaignSeats: CampaignSeatsTable;
  campaignDoses: CampaignDosesTable;
  campaignAllocationRuns: CampaignAllocationRunsTable;
  lastCountries: LastCountriesTable;
}

/** A database handle or an open transaction: services and repos take this first so transactions compose. */
export type Db = Kysely<Database> | Transaction<Database>;
