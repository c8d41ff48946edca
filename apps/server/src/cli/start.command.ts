import type { Command } from 'commander';
import { Option } from 'commander';
import { loadConfig, redactUrl } from '../config.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_TOTP_SECRET } from '../modules/demo/demo.accounts.ts';
import { type Role, startPlatform } from '../server.ts';
import { buildMissingWebApps } from '../web/web-apps.ts';

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('start the API, the background worker and the web apps (migrates the database first)')
    .addOption(
      new Option('--role <role>', 'which parts to run in this process')
        .choices(['all', 'api', 'worker'])
        .default('all'),
    )
    .option('--demo', 'load demo missions and accounts (idempotent) and print the demo sign-ins')
    .option('--rebuild', 'rebuild the web apps even if they are built')
    .action(async (opts: { role: Role; demo?: boolean; rebuild?: boolean }) => {
      const config = loadConfig();
      if (opts.role !== 'worker') await buildMissingWebApps(say, opts.rebuild ?? false);
      const where =
        config.database.dialect === 'sqlite' ? `SQLite ${config.database.path}` : redactUrl(config.database.url);
      const platform = await startPlatform(config, { role: opts.role, demo: opts.demo ?? false });
      say(`Homeward is running (${opts.role}) on ${where}`);
      if (platform.url) {
        const base = `http://localhost:${config.port}`;
        say(`  citizen app   ${base}/`);
        say(`  staff console ${base}/console/`);
        say(`  API docs      ${base}/api/docs`);
      }
      if (opts.demo) {
        say(`Demo sign-ins (password for all: ${DEMO_PASSWORD}):`);
        for (const a of DEMO_ACCOUNTS)
          say(`  ${a.role.padEnd(17)} ${a.email}${a.missions.length ? `  [${a.missions.join(', ')}]` : ''}`);
        say('Staff sign-ins then ask for a 6-digit code: add this setup key to any authenticator app');
        say(`(public, for the demo only): ${DEMO_TOTP_SECRET}`);
      }
      await new Promise<void>((resolve) => {
        let stopping = false;
        const stop = (signal: string) => {
          if (stopping) return;
          stopping = true;
          say(`${signal}: finishing requests and jobs in hand…`);
          platform.close().then(resolve, (error: unknown) => {
            process.stderr.write(`homeward: shutdown error: ${String(error)}\n`);
            resolve();
          });
        };
        process.once('SIGINT', () => stop('SIGINT'));
        process.once('SIGTERM', () => stop('SIGTERM'));
      });
    });
}
