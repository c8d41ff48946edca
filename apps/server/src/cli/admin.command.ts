import { randomBytes } from 'node:crypto';
import { isLocale, ROLES, type Role } from '@homeward/shared';
import { type Command, Option } from 'commander';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { ProblemError } from '../http/problem.ts';
import { verifyAuditChain } from '../modules/audit/audit.service.ts';
import { seedDemo } from '../modules/demo/demo.seed.ts';
import { createStaff } from '../modules/staff/staff.service.ts';
import { createUser } from '../modules/users/users.service.ts';

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function withDatabase<T>(work: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const database = await openDatabase(loadConfig().database, { createIfMissing: true });
  try {
    await migrateToLatest(database.db);
    return await work(database);
  } finally {
    await database.close();
  }
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

const FLAG_OF_FIELD: Record<string, string> = {
  '/email': '--email',
  '/missions': '--mission CODE',
  '/displayName': '--name',
};

/** Names the command-line flag in a field error, so the one line printed says what to change. */
function naming<T>(work: Promise<T>): Promise<T> {
  return work.catch((error: unknown) => {
    const first = error instanceof ProblemError ? error.errors?.[0] : undefined;
    const flag = first ? FLAG_OF_FIELD[first.field] : undefined;
    if (!(error instanceof ProblemError) || !first || !flag) throw error;
    throw new ProblemError(error.status, error.code, error.detail, [
      { ...first, message: `${first.message} (${flag})` },
    ]);
  });
}

export function registerAdminCommands(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations (creates a missing PostgreSQL database)')
    .action(async () => {
      const database = await openDatabase(loadConfig().database, { createIfMissing: true });
      try {
        const { applied } = await migrateToLatest(database.db);
        say(
          applied.length ? `applied ${applied.length} migration(s): ${applied.join(', ')}` : 'database is up to date',
        );
      } finally {
        await database.close();
      }
    });

  program
    .command('seed')
    .description('load reference and demo data')
    .requiredOption('--demo', 'load the missions of the configured sending state and the demo accounts')
    .action(async () => {
      const config = loadConfig();
      const report = await withDatabase(({ db }) => seedDemo(db, config.state.code, config));
      say(`missions: ${report.missions}, demo accounts created: ${report.accountsCreated}`);
    });

  const user = program.command('user').description('manage accounts');
  user
    .command('create')
    .description('create an account: staff get a one-time setup link, citizens a generated password')
    .requiredOption('--email <email>', 'sign-in email')
    .addOption(new Option('--role <role>', 'the account role').choices([...ROLES]).makeOptionMandatory())
    .option(
      '--mission <code>',
      'mission the account is scoped to (repeatable; officers and mission heads)',
      collect,
      [],
    )
    .option('--name <name>', 'display name (default: the email)')
    .option('--password <password>', 'initial password of a citizen account (at least 12 characters)')
    .addOption(new Option('--locale <locale>', 'preferred language').choices(['zh-CN', 'en']).default('zh-CN'))
    .action(
      async (opts: {
        email: string;
        role: Role;
        mission: string[];
        name?: string;
        password?: string;
        locale: string;
      }) => {
        const config = loadConfig();
        const missions = opts.mission.map((m) => m.toUpperCase());
        const displayName = opts.name ?? opts.email;
        const role = opts.role;
        if (role !== 'citizen') {
          if (opts.password) {
            const message = 'staff choose their own password through the setup link; drop --password';
            throw new ProblemError(400, 'validation_failed', message, [{ field: '/password', message }]);
          }
          const locale = isLocale(opts.locale) ? opts.locale : 'zh-CN';
          const created = await withDatabase(({ db }) =>
            naming(
              createStaff(
                db,
                config,
                { actor: null, ip: null },
                {
                  email: opts.email,
                  displayName,
                  role,
                  missions,
                  locale,
                },
              ),
            ),
          );
          say(`created ${opts.role} ${created.account.email} (${created.account.id})`);
          say(`one-time setup link (valid 72 hours; hand it to the person, it sets the password and the`);
          say(`authenticator app): ${created.setupUrl}`);
          return;
        }
        const password = opts.password ?? randomBytes(12).toString('base64url');
        const created = await withDatabase(({ db }) =>
          naming(
            createUser(db, {
              email: opts.email,
              password,
              displayName,
              role: opts.role,
              missions,
              locale: opts.locale,
            }),
          ),
        );
        say(`created ${opts.role} ${opts.email} (${created.id})`);
        if (!opts.password) say(`one-time password: ${password}  (change it after the first sign-in)`);
      },
    );

  const audit = program.command('audit').description('the tamper-evident audit log');
  audit
    .command('verify')
    .description('walk the hash chain and report the first broken entry (exit 1 if any)')
    .action(async () => {
      const report = await withDatabase(({ db }) => verifyAuditChain(db));
      if (report.firstBreak) {
        const { seq, id, problem } = report.firstBreak;
        process.stderr.write(
          `audit log BROKEN at entry ${seq} (${id}): ${problem}; ${report.entries} entries before it verify\n`,
        );
        process.exitCode = 1;
        return;
      }
      say(`audit log intact: ${report.entries} entries verified`);
    });
}
