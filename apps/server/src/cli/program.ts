import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config.ts';
import { ProblemError } from '../http/problem.ts';
import { registerAdminCommands } from './admin.command.ts';
import { registerCapCommands } from './cap.command.ts';
import { registerHcertCommands } from './hcert.command.ts';
import { registerStartCommand } from './start.command.ts';

/** The `homeward` command line: one program, each verb registered by its own module. */
export function buildProgram(): Command {
  const program = new Command('homeward')
    .description('Homeward: smart consular services platform')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerStartCommand(program);
  registerAdminCommands(program);
  registerCapCommands(program);
  registerHcertCommands(program);
  return program;
}

/** Runs the program; expected failures print one line and return a non-zero code, never a stack trace. */
export async function runCli(program: Command, argv: string[]): Promise<number> {
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof ConfigError) {
      process.stderr.write(`homeward: ${error.message}\n`);
      return 1;
    }
    if (error instanceof ProblemError) {
      process.stderr.write(`homeward: ${error.errors?.[0]?.message ?? error.detail ?? error.code}\n`);
      return 1;
    }
    process.stderr.write(`homeward: unexpected failure: ${error instanceof Error ? error.message : String(error)}\n`);
    if (process.env.HOMEWARD_DEBUG) console.error(error);
    return 70;
  }
}
