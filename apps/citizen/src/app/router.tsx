import { createBrowserRouter, type RouteObject } from 'react-router';
import { LandingPage } from '../features/landing/landing.page.tsx';
import { ErrorPage } from '../features/not-found/error.page.tsx';
import { Layout } from './layout.component.tsx';

/** Sign-in, sign-up and the links in account mails; then the account area, which needs a session. */
const accountRoutes: RouteObject[] = [
  {
    path: 'sign-in',
    lazy: async () => ({ Component: (await import('../features/accounts/sign-in.page.tsx')).SignInPage }),
  },
  {
    path: 'sign-up',
    lazy: async () => ({ Component: (await import('../features/accounts/sign-up.page.tsx')).SignUpPage }),
  },
  {
    path: 'sign-up/check-email',
    lazy: async () => ({
      Component: (await import('../features/accounts/check-email.page.tsx')).CheckEmailPage,
    }),
  },
  {
    path: 'verify-email',
    lazy: async () => ({
      Component: (await import('../features/accounts/verify-email.page.tsx')).VerifyEmailPage,
    }),
  },
  {
    path: 'forgot-password',
    lazy: async () => ({
      Component: (await import('../features/accounts/forgot-password.page.tsx')).ForgotPasswordPage,
    }),
  },
  {
    path: 'reset-password',
    lazy: async () => ({
      Component: (await import('../features/accounts/reset-password.page.tsx')).ResetPasswordPage,
    }),
  },
  {
    path: 'account-deleted',
    lazy: async () => ({ Component: (await import('../features/accounts/deleted.page.tsx')).DeletedPage }),
  },
  {
    path: 'account',
    lazy: async () => ({
      Component: (await import('../features/accounts/signed-in.layout.tsx')).SignedInLayout,
    }),
    children: [
      {
        index: true,
        lazy: async () => ({ Component: (await import('../features/accounts/account.page.tsx')).AccountPage }),
      },
      {
        path: 'profile',
        lazy: async () => ({ Component: (await import('../features/accounts/profile.page.tsx')).ProfilePage }),
      },
      {
        path: 'password',
        lazy: async () => ({
          Component: (await import('../features/accounts/change-password.page.tsx')).ChangePasswordPage,
        }),
      },
      {
        path: 'security',
        lazy: async () => ({
          Component: (await import('../features/accounts/security.page.tsx')).SecurityPage,
        }),
      },
      {
        path: 'privacy',
        lazy: async () => ({ Component: (await import('../features/accounts/privacy.page.tsx')).PrivacyPage }),
      },
      {
        path: 'location',
        lazy: async () => ({ Component: (await import('../features/arrival/location.page.tsx')).LocationPage }),
      },
    ],
  },
];

/** "My registration" (decision 0006): signed-in citizens only, behind the account area's sign-in guard. */
const registrationRoutes: RouteObject[] = [
  {
    path: 'registration',
    lazy: async () => ({
      Component: (await import('../features/accounts/signed-in.layout.tsx')).SignedInLayout,
    }),
    children: [
      {
        index: true,
        lazy: async () => ({
          Component: (await import('../features/registration/registration.page.tsx')).RegistrationPage,
        }),
      },
      {
        path: 'profile',
        lazy: async () => ({
          Component: (await import('../features/registration/profile.page.tsx')).RegistrationProfilePage,
        }),
      },
      {
        path: 'presences/new',
        lazy: async () => ({ Component: (await import('../features/registration/presence.page.tsx')).PresencePage }),
      },
      {
        path: 'presences/:id',
        lazy: async () => ({ Component: (await import('../features/registration/presence.page.tsx')).PresencePage }),
      },
      {
        path: 'dependents/new',
        lazy: async () => ({ Component: (await import('../features/registration/dependent.page.tsx')).DependentPage }),
      },
      {
        path: 'dependents/:id',
        lazy: async () => ({ Component: (await import('../features/registration/dependent.page.tsx')).DependentPage }),
      },
      {
        path: 'emergency-contacts/new',
        lazy: async () => ({ Component: (await import('../features/registration/contact.page.tsx')).ContactPage }),
      },
      {
        path: 'emergency-contacts/:id',
        lazy: async () => ({ Component: (await import('../features/registration/contact.page.tsx')).ContactPage }),
      },
    ],
  },
];

/** Organisation accounts of enterprises abroad (issue 4): signed-in citizens only, behind the sign-in guard. */
const organisationRoutes: RouteObject[] = [
  {
    path: 'organisations',
    lazy: async () => ({
      Component: (await import('../features/accounts/signed-in.layout.tsx')).SignedInLayout,
    }),
    children: [
      {
        index: true,
        lazy: async () => ({
          Component: (await import('../features/organisation/organisations.page.tsx')).OrganisationsPage,
        }),
      },
      {
        path: 'new',
        lazy: async () => ({
          Component: (await import('../features/organisation/organisation-form.page.tsx')).OrganisationFormPage,
        }),
      },
      {
        path: ':id',
        lazy: async () => ({
          Component: (await import('../features/organisation/organisation.page.tsx')).OrganisationPage,
        }),
      },
      {
        path: ':id/edit',
        lazy: async () => ({
          Component: (await import('../features/organisation/organisation-form.page.tsx')).OrganisationFormPage,
        }),
      },
      {
        path: ':id/sites/new',
        lazy: async () => ({ Component: (await import('../features/organisation/site.page.tsx')).SitePage }),
      },
      {
        path: ':id/sites/:siteId',
        lazy: async () => ({ Component: (await import('../features/organisation/site.page.tsx')).SitePage }),
      },
      {
        path: ':id/assessment',
        lazy: async () => ({ Component: (await import('../features/guidance/assessment.page.tsx')).AssessmentPage }),
      },
      {
        path: ':id/assessments/:assessmentId',
        lazy: async () => ({
          Component: (await import('../features/guidance/assessment-result.page.tsx')).AssessmentResultPage,
        }),
      },
    ],
  },
];

/** Help requests (issue 5): the form and a request's state work signed out and offline; cases need a session. */
const helpRoutes: RouteObject[] = [
  {
    path: 'help/request',
    lazy: async () => ({ Component: (await import('../features/help/help-request.page.tsx')).HelpRequestPage }),
  },
  {
    path: 'help/requests/:id',
    lazy: async () => ({ Component: (await import('../features/help/help-sent.page.tsx')).HelpSentPage }),
  },
  {
    path: 'cases',
    lazy: async () => ({
      Component: (await import('../features/accounts/signed-in.layout.tsx')).SignedInLayout,
    }),
    children: [
      {
        index: true,
        lazy: async () => ({ Component: (await import('../features/cases/my-cases.page.tsx')).MyCasesPage }),
      },
      {
        path: ':id',
        lazy: async () => ({ Component: (await import('../features/cases/case.page.tsx')).CasePage }),
      },
    ],
  },
];

/** Online consular services (issue 8): the catalogue and start pages are public; applications need a session. */
const servicesRoutes: RouteObject[] = [
  {
    path: 'services',
    lazy: async () => ({ Component: (await import('../features/services/services.page.tsx')).ServicesPage }),
  },
  {
    path: 'services/:serviceId',
    lazy: async () => ({ Component: (await import('../features/services/services.page.tsx')).ServiceStartPage }),
  },
  {
    path: 'applications',
    lazy: async () => ({
      Component: (await import('../features/accounts/signed-in.layout.tsx')).SignedInLayout,
    }),
    children: [
      {
        index: true,
        lazy: async () => ({
          Component: (await import('../features/services/applications.page.tsx')).ApplicationsPage,
        }),
      },
      {
        path: ':id',
        lazy: async () => ({
          Component: (await import('../features/services/application.page.tsx')).ApplicationPage,
        }),
      },
    ],
  },
];

/** The inbox and how messages reach the person (issue 6, item 3): signed-in citizens only. */
const inboxRoutes: RouteObject[] = [
  {
    path: 'inbox',
    lazy: async () => ({
      Component: (await import('../features/accounts/signed-in.layout.tsx')).SignedInLayout,
    }),
    children: [
      {
        index: true,
        lazy: async () => ({ Component: (await import('../features/inbox/inbox.page.tsx')).InboxPage }),
      },
      {
        path: 'settings',
        lazy: async () => ({
          Component: (await import('../features/inbox/inbox-settings.page.tsx')).InboxSettingsPage,
        }),
      },
    ],
  },
];

/**
 * Home is in the first bundle (it is what people open in a hurry); every other page loads on demand to keep
 * the first load under the ~150 KB budget on slow connections. The service worker precaches them all.
 */
/** Mission appointments (issue 8, item 3): signed-in citizens book, change and cancel their own. */
const appointmentRoutes: RouteObject[] = [
  {
    path: 'appointments',
    lazy: async () => ({
      Component: (await import('../features/accounts/signed-in.layout.tsx')).SignedInLayout,
    }),
    children: [
      {
        index: true,
        lazy: async () => ({
          Component: (await import('../features/appointments/appointments.page.tsx')).AppointmentsPage,
        }),
      },
      {
        path: 'new',
        lazy: async () => ({
          Component: (await import('../features/appointments/book.page.tsx')).BookAppointmentPage,
        }),
      },
    ],
  },
];

/** Campaigns such as vaccination abroad (issue 8, item 4): signed-in citizens register and see their place and doses. */
const campaignRoutes: RouteObject[] = [
  {
    path: 'campaigns',
    lazy: async () => ({
      Component: (await import('../features/accounts/signed-in.layout.tsx')).SignedInLayout,
    }),
    children: [
      {
        index: true,
        lazy: async () => ({ Component: (await import('../features/campaigns/campaigns.page.tsx')).CampaignsPage }),
      },
      {
        path: 'doses',
        lazy: async () => ({ Component: (await import('../features/campaigns/doses.page.tsx')).DosesPage }),
      },
      {
        path: ':id',
        lazy: async () => ({ Component: (await import('../features/campaigns/campaign.page.tsx')).CampaignPage }),
      },
      {
        path: ':id/register',
        lazy: async () => ({
          Component: (await import('../features/campaigns/register.page.tsx')).RegisterCampaignPage,
        }),
      },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter([
    {
      path: '/',
      Component: Layout,
      errorElement: (
        <Layout>
          <ErrorPage />
        </Layout>
      ),
      children: [
        {
          errorElement: <ErrorPage />,
          children: [
            { index: true, Component: LandingPage },
            {
              path: 'help',
              lazy: async () => ({ Component: (await import('../features/help/help.page.tsx')).HelpPage }),
            },
            {
              path: 'advisories',
              lazy: async () => ({
                Component: (await import('../features/advisories/advisories.page.tsx')).AdvisoriesPage,
              }),
            },
            {
              path: 'advisories/:country',
              lazy: async () => ({
                Component: (await import('../features/advisories/advisory-country.page.tsx')).AdvisoryCountryPage,
              }),
            },
            {
              path: 'alerts/:id',
              lazy: async () => ({ Component: (await import('../features/alerts/alert.page.tsx')).AlertPage }),
            },
            {
              path: 'checkin/:token',
              lazy: async () => ({
                Component: (await import('../features/alerts/checkin-link.page.tsx')).CheckinLinkPage,
              }),
            },
            {
              path: 'guidance',
              lazy: async () => ({
                Component: (await import('../features/guidance/guidance-library.page.tsx')).GuidanceLibraryPage,
              }),
            },
            {
              path: 'guidance/:slug',
              lazy: async () => ({
                Component: (await import('../features/guidance/guidance-article.page.tsx')).GuidanceArticlePage,
              }),
            },
            {
              path: 'missions',
              lazy: async () => ({ Component: (await import('../features/missions/missions.page.tsx')).MissionsPage }),
            },
            {
              path: 'missions/:code',
              lazy: async () => ({
                Component: (await import('../features/missions/mission-detail.page.tsx')).MissionDetailPage,
              }),
            },
            {
              path: 'verify',
              lazy: async () => ({
                Component: (await import('../features/certificates/verify.page.tsx')).VerifyPage,
              }),
            },
            {
              path: 'wallet',
              lazy: async () => ({
                Component: (await import('../features/certificates/wallet.page.tsx')).WalletPage,
              }),
            },
            ...accountRoutes,
            ...registrationRoutes,
            ...organisationRoutes,
            ...helpRoutes,
            ...servicesRoutes,
            ...inboxRoutes,
            ...appointmentRoutes,
            ...campaignRoutes,
            {
              path: '*',
              lazy: async () => ({
                Component: (await import('../features/not-found/not-found.page.tsx')).NotFoundPage,
              }),
            },
          ],
        },
      ],
    },
  ]);
}
