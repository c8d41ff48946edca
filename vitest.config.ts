import { defineConfig } from 'vitest/config';

// Tests sign in thousands of times; scrypt at production cost spends ~200 ms of CPU on each (users/password.ts).
const env = { HOMEWARD_PASSWORD_COST: 'low' };

// Both projects in one group of two workers, so a browser test and a database test share the machine's two cores.
// Vitest's default on two cores is one worker (cores − 1), and a project without file parallelism is run on its
// own after all the others: the suite ran one file at a time with a core idle, over 30 minutes in CI.
const WORKERS = 2;

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
          maxWorkers: WORKERS,
          // The files of a worker share one module graph: each file builds its own app and database, and loading
          // the server's modules afresh for every file cost two of the node tier's six minutes (127 s of imports,
          // 10 s shared). Module state a test sets at made-up times has a reset for tests (session-cache.ts).
          // Checked with the files shuffled (--sequence.shuffle.files).
          isolate: false,
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
          maxWorkers: WORKERS,
          // As in the node tier: the files of a worker share one module graph instead of each loading the server
          // afresh (each file still starts its own platform on its own database).
          isolate: false,
          // A browser test that fails runs once more (it fails the run if it fails again): beside another test
          // file on two cores, a step can still race a re-render the way an unhurried machine never shows. The
          // report lists every retried test, so a flaky step is seen and fixed, not hidden.
          retry: 1,
        },
      },
    ],
  },
});
