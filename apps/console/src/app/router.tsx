import { createBrowserRouter } from 'react-router';
import { SignInPage } from '../features/auth/sign-in.page.tsx';
import { NotFoundPage } from './not-found.page.tsx';
import { PublicLayout } from './public.layout.tsx';
import { SignedInLayout } from './signed-in.layout.tsx';

/** The console lives under /console/ on the same origin as the API and the citizen app. */
export function createRouter() {
  return createBrowserRouter(
    [
      {
        Component: PublicLayout,
        children: [
          { index: true, Component: SignInPage },
          { path: '*', Component: NotFoundPage },
        ],
      },
      {
        Component: SignedInLayout,
        children: [
          {
            path: 'home',
            lazy: async () => ({
              Component: (await import('../features/missions/missions-table.page.tsx')).MissionsTablePage,
            }),
          },
        ],
      },
    ],
    { basename: '/console' },
  );
}
