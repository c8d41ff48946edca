import { createBrowserRouter } from 'react-router';
import { LandingPage } from '../features/landing/landing.page.tsx';
import { ErrorPage } from '../features/not-found/error.page.tsx';
import { Layout } from './layout.component.tsx';

/**
 * Home is in the first bundle (it is what people open in a hurry); every other page loads on demand to keep
 * the first load under the ~150 KB budget on slow connections. The service worker precaches them all.
 */
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
