import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { createRouter } from './app/router.tsx';
import './app/app.css';
import { SessionProvider } from './features/accounts/session.context.tsx';
import { MetaProvider } from './features/meta/meta.context.tsx';
import { registerServiceWorker } from './features/offline/sw-register.ts';
import { setupI18n } from './i18n/i18n.ts';

setupI18n();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <MetaProvider>
      <SessionProvider>
        <RouterProvider router={createRouter()} />
      </SessionProvider>
    </MetaProvider>
  </StrictMode>,
);

registerServiceWorker();
// Help requests saved on this phone go out now and whenever the network returns (loaded after the first paint).
void import('./features/help/help-queue.hook.ts').then((queue) => queue.startHelpQueue());
