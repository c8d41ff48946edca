import { createBrowserRouter } from 'react-router';
import { SignInPage } from '../features/auth/sign-in.page.tsx';
import { NotFoundPage } from './not-found.page.tsx';
import { PublicLayout } from './public.layout.tsx';
import { RoleGate } from './role-gate.component.tsx';
import { SignedInLayout } from './signed-in.layout.tsx';

/** The console lives under /console/ on the same origin as the API and the citizen app. */
export function createRouter() {
  return createBrowserRouter(
    [
      {
        Component: PublicLayout,
        children: [
          { index: true, Component: SignInPage },
          {
            path: 'setup',
            lazy: async () => ({ Component: (await import('../features/auth/setup.page.tsx')).SetupPage }),
          },
          { path: '*', Component: NotFoundPage },
        ],
      },
      {
        Component: SignedInLayout,
        // Pages load lazily (sign-in stays small), each behind the gate of the roles that may use it.
        children: [
          {
            element: <RoleGate page="home" />,
            children: [
              {
                path: 'home',
                lazy: async () => ({
                  Component: (await import('../features/missions/missions-table.page.tsx')).MissionsTablePage,
                }),
              },
            ],
          },
          {
            element: <RoleGate page="missionsAdmin" />,
            children: [
              {
                path: 'missions/new',
                lazy: async () => ({
                  Component: (await import('../features/missions/mission-edit.page.tsx')).MissionEditPage,
                }),
              },
              {
                path: 'missions/:code/edit',
                lazy: async () => ({
                  Component: (await import('../features/missions/mission-edit.page.tsx')).MissionEditPage,
                }),
              },
            ],
          },
          {
            element: <RoleGate page="cases" />,
            children: [
              {
                path: 'cases',
                lazy: async () => ({
                  Component: (await import('../features/cases/cases-list.page.tsx')).CasesListPage,
                }),
              },
              {
                path: 'cases/:id',
                lazy: async () => ({ Component: (await import('../features/cases/case.page.tsx')).CasePage }),
              },
            ],
          },
          {
            element: <RoleGate page="incidents" />,
            children: [
              {
                path: 'incidents',
                lazy: async () => ({
                  Component: (await import('../features/incidents/incidents.page.tsx')).IncidentsPage,
                }),
              },
              {
                path: 'incidents/:id',
                lazy: async () => ({
                  Component: (await import('../features/incidents/incident-board.page.tsx')).IncidentBoardPage,
                }),
              },
            ],
          },
          {
            element: <RoleGate page="hotlineCall" />,
            children: [
              {
                path: 'hotline/log',
                lazy: async () => ({
                  Component: (await import('../features/hotline/call-log.page.tsx')).CallLogPage,
                }),
              },
            ],
          },
          {
            element: <RoleGate page="hotlineCalls" />,
            children: [
              {
                path: 'hotline/calls',
                lazy: async () => ({
                  Component: (await import('../features/hotline/calls-list.page.tsx')).CallsListPage,
                }),
              },
            ],
          },
          {
            element: <RoleGate page="hotlineStats" />,
            children: [
              {
                path: 'hotline/stats',
                lazy: async () => ({ Component: (await import('../features/hotline/stats.page.tsx')).StatsPage }),
              },
            ],
          },
          {
            element: <RoleGate page="knowledge" />,
            children: [
              {
                path: 'hotline/knowledge',
                lazy: async () => ({
                  Component: (await import('../features/hotline/knowledge.page.tsx')).KnowledgePage,
                }),
              },
              {
                path: 'hotline/knowledge/:slug',
                lazy: async () => ({
                  Component: (await import('../features/hotline/knowledge.page.tsx')).KnowledgePage,
                }),
              },
            ],
          },
          {
            element: <RoleGate page="alerts" />,
            children: [
              {
                path: 'alerts',
                lazy: async () => ({ Component: (await import('../features/alerts/alerts.page.tsx')).AlertsPage }),
              },
              {
                path: 'alerts/:id',
                lazy: async () => ({ Component: (await import('../features/alerts/alert.page.tsx')).AlertPage }),
              },
            ],
          },
          {
            element: <RoleGate page="alertsWrite" />,
            children: [
              {
                path: 'alerts/new',
                lazy: async () => ({
                  Component: (await import('../features/alerts/alert-compose.page.tsx')).AlertComposePage,
                }),
              },
              {
                path: 'alerts/:id/edit',
                lazy: async () => ({
                  Component: (await import('../features/alerts/alert-compose.page.tsx')).AlertComposePage,
                }),
              },
              {
                path: 'alerts/signals',
                lazy: async () => ({ Component: (await import('../features/alerts/signals.page.tsx')).SignalsPage }),
              },
            ],
          },
          {
            element: <RoleGate page="deliveries" />,
            children: [
              {
                path: 'deliveries',
                lazy: async () => ({
                  Component: (await import('../features/deliveries/deliveries.page.tsx')).DeliveriesPage,
                }),
              },
              {
                path: 'deliveries/:id',
                lazy: async () => ({
                  Component: (await import('../features/deliveries/delivery-report.page.tsx')).DeliveryReportPage,
                }),
              },
            ],
          },
          {
            element: <RoleGate page="advisories" />,
            children: [
              {
                path: 'advisories',
                lazy: async () => ({
                  Component: (await import('../features/advisories/advisories.page.tsx')).AdvisoriesPage,
                }),
              },
              {
                path: 'advisories/publish',
                lazy: async () => ({
                  Component: (await import('../features/advisories/advisory-publish.page.tsx')).AdvisoryPublishPage,
                }),
              },
              {
                path: 'advisories/:country',
                lazy: async () => ({
                  Component: (await import('../features/advisories/advisory-country.page.tsx')).AdvisoryCountryPage,
                }),
              },
            ],
          },
          {
            element: <RoleGate page="guidance" />,
            children: [
              {
                path: 'guidance',
                lazy: async () => ({
                  Component: (await import('../features/guidance/guidance-list.page.tsx')).GuidanceListPage,
                }),
              },
              {
                path: 'guidance/new',
                lazy: async () => ({
                  Component: (await import('../features/guidance/guidance-editor.page.tsx')).GuidanceEditorPage,
                }),
              },
              {
                path: 'guidance/send',
                lazy: async () => ({
                  Component: (await import('../features/guidance/guidance-send.page.tsx')).GuidanceSendPage,
                }),
              },
              {
                path: 'guidance/:id',
                lazy: async () => ({
                  Component: (await import('../features/guidance/guidance-editor.page.tsx')).GuidanceEditorPage,
                }),
              },
            ],
          },
          {
            element: <RoleGate page="applications" />,
            children: [
              {
                path: 'applications',
                lazy: async () => ({
                  Component: (await import('../features/applications/applications-queue.page.tsx'))
                    .ApplicationsQueuePage,
                }),
              },
              {
                path: 'applications/:id',
                lazy: async () => ({
                  Component: (await import('../features/applications/application.page.tsx')).ApplicationPage,
                }),
              },
            ],
          },
          {
            element: <RoleGate page="appointments" />,
            children: [
              {
                path: 'appointments',
                lazy: async () => ({
                  Component: (await import('../features/appointments/appointments-day.page.tsx')).AppointmentsDayPage,
                }),
              },
            ],
          },
          {
            element: <RoleGate page="appointmentSchedules" />,
            children: [
              {
                path: 'appointments/schedules',
                lazy: async () => ({
                  Component: (await import('../features/appointments/appointment-schedules.page.tsx'))
                    .AppointmentSchedulesPage,
                }),
              },
            ],
          },
          {
            element: <RoleGate page="serviceDefinitions" />,
            children: [
              {
                path: 'service-definitions',
                lazy: async () => ({
                  Component: (await import('../features/applications/service-definitions.page.tsx'))
                    .ServiceDefinitionsPage,
                }),
              },
              {
                path: 'service-definitions/:serviceId',
                lazy: async () => ({
                  Component: (await import('../features/applications/service-definitions.page.tsx'))
                    .ServiceDefinitionEditPage,
                }),
              },
            ],
          },
          {
            element: <RoleGate page="campaignsAdmin" />,
            children: [
              {
                path: 'campaigns/new',
                lazy: async () => ({
                  Component: (await import('../features/campaigns/campaign-edit.page.tsx')).CampaignEditPage,
                }),
              },
              {
                path: 'campaigns/:id/edit',
                lazy: async () => ({
                  Component: (await import('../features/campaigns/campaign-edit.page.tsx')).CampaignEditPage,
                }),
              },
            ],
          },
          {
            element: <RoleGate page="campaignProgress" />,
            children: [
              {
                path: 'campaigns/:id/progress',
                lazy: async () => ({
                  Component: (await import('../features/campaigns/campaign-progress.page.tsx')).CampaignProgressPage,
                }),
              },
            ],
          },
          {
            element: <RoleGate page="campaignDesk" />,
            children: [
              {
                path: 'campaigns/:id/sites/:siteId/day',
                lazy: async () => ({
                  Component: (await import('../features/campaigns/site-day.page.tsx')).SiteDayPage,
                }),
              },
            ],
          },
          {
            element: <RoleGate page="campaigns" />,
            children: [
              {
                path: 'campaigns',
                lazy: async () => ({
                  Component: (await import('../features/campaigns/campaigns-list.page.tsx')).CampaignsListPage,
                }),
              },
              {
                path: 'campaigns/:id',
                lazy: async () => ({
                  Component: (await import('../features/campaigns/campaign.page.tsx')).CampaignPage,
                }),
              },
              {
                path: 'campaigns/:id/registrations',
                lazy: async () => ({
                  Component: (await import('../features/campaigns/registrations.page.tsx')).RegistrationsPage,
                }),
              },
            ],
          },
          {
            element: <RoleGate page="registrants" />,
            children: [
              {
                path: 'registrants',
                lazy: async () => ({
                  Component: (await import('../features/registrants/registrants.page.tsx')).RegistrantsPage,
                }),
              },
              {
                path: 'registrants/:id',
                lazy: async () => ({
                  Component: (await import('../features/registrants/registrant.page.tsx')).RegistrantPage,
                }),
              },
            ],
          },
          {
            element: <RoleGate page="enterprises" />,
            children: [
              {
                path: 'enterprises',
                lazy: async () => ({
                  Component: (await import('../features/enterprises/enterprises.page.tsx')).EnterprisesPage,
                }),
              },
              {
                path: 'enterprises/sites/:siteId',
                lazy: async () => ({
                  Component: (await import('../features/enterprises/enterprise-site.page.tsx')).EnterpriseSitePage,
                }),
              },
            ],
          },
          {
            element: <RoleGate page="dashboard" />,
            children: [
              {
                path: 'dashboard',
                lazy: async () => ({
                  Component: (await import('../features/dashboard/dashboard.page.tsx')).DashboardPage,
                }),
              },
            ],
          },
          {
            element: <RoleGate page="area" />,
            children: [
              {
                path: 'area',
                lazy: async () => ({ Component: (await import('../features/area/area.page.tsx')).AreaPage }),
              },
            ],
          },
          {
            element: <RoleGate page="certificatesIssue" />,
            children: [
              {
                path: 'certificates/new',
                lazy: async () => ({
                  Component: (await import('../features/certificates/certificate-issue.page.tsx')).CertificateIssuePage,
                }),
              },
            ],
          },
          {
            element: <RoleGate page="certificateSigners" />,
            children: [
              {
                path: 'certificates/signers',
                lazy: async () => ({
                  Component: (await import('../features/certificates/certificate-signers.page.tsx'))
                    .CertificateSignersPage,
                }),
              },
            ],
          },
          {
            element: <RoleGate page="certificates" />,
            children: [
              {
                path: 'certificates',
                lazy: async () => ({
                  Component: (await import('../features/certificates/certificates-list.page.tsx')).CertificatesListPage,
                }),
              },
              {
                path: 'certificates/:id',
                lazy: async () => ({
                  Component: (await import('../features/certificates/certificate.page.tsx')).CertificatePage,
                }),
              },
            ],
          },
          {
            element: <RoleGate page="staff" />,
            children: [
              {
                path: 'staff',
                lazy: async () => ({
                  Component: (await import('../features/staff/staff-list.page.tsx')).StaffListPage,
                }),
              },
              {
                path: 'staff/new',
                lazy: async () => ({
                  Component: (await import('../features/staff/staff-create.page.tsx')).StaffCreatePage,
                }),
              },
              {
                path: 'staff/edit',
                lazy: async () => ({
                  Component: (await import('../features/staff/staff-edit.page.tsx')).StaffEditPage,
                }),
              },
            ],
          },
          {
            element: <RoleGate page="tokens" />,
            children: [
              {
                path: 'tokens',
                lazy: async () => ({ Component: (await import('../features/tokens/tokens.page.tsx')).TokensPage }),
              },
            ],
          },
          {
            element: <RoleGate page="audit" />,
            children: [
              {
                path: 'audit',
                lazy: async () => ({ Component: (await import('../features/audit/audit-log.page.tsx')).AuditLogPage }),
              },
            ],
          },
          {
            element: <RoleGate page="security" />,
            children: [
              {
                path: 'security',
                lazy: async () => ({
                  Component: (await import('../features/security/security.page.tsx')).SecurityPage,
                }),
              },
            ],
          },
        ],
      },
    ],
    { basename: '/console' },
  );
}
