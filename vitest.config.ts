import { defineConfig } from 'vitest/config';

// Tests sign in thousands of times; scrypt at production cost spends ~200 ms of CPU on each (users/password.ts).
const env = { HOMEWARD_PASSWORD_COST: 'low' };

// Two tiers share one `npm test`: node (unit + real-database integration) and e2e (real Chromium).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          env,
          include: [
            'apps/server/src/**/*.test.ts',
            'apps/server/test/**/*.test.ts',
            'packages/*/src/**/*.test.ts',
            'packages/*/test/**/*.test.ts',
            // Pure logic of the web apps (form rules, the offline queue's back-off); no DOM needed.
            'apps/citizen/src/**/*.test.ts',
          ],
          setupFiles: ['./vitest.setup.ts'],
          globalSetup: ['./apps/server/test/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          env,
          include: ['apps/*/e2e/**/*.e2e.ts'],
          setupFiles: ['./vitest.setup.ts'],
          globalSetup: ['./apps/server/test/support/global-setup.ts', './apps/server/test/support/e2e-global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          // A browser under CI load can take seconds to settle after a navigation or going offline; a poll that
          // gives up after vitest's default second fails for the machine, not for the app.
          expect: { poll: { timeout: 10_000 } },
          fileParallelism: false,
        },
      },
    ],
  },
});
