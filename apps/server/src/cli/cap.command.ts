import { readFileSync, statSync } from 'node:fs';
import { type CapAlert, DEFAULT_MAX_BYTES, emitCap, isCapError, parseCap } from '@homeward/cap';
import { type Command, CommanderError } from 'commander';

/** Where the cap commands read and write; tests pass their own to run in-process. */
export interface CapCliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Reads a whole file, or standard input for "-". */
  readFile: (path: string, maxBytes: number) => Uint8Array;
}

export const processIo: CapCliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path, maxBytes) => {
    // Check the size first so a huge file is refused without being read into memory.
    if (path !== '-' && statSync(path).size > maxBytes) {
      throw new CliFailure(`${path} is larger than the ${maxBytes}-byte limit`);
    }
    return readFileSync(path === '-' ? 0 : path);
  },
};

/** An expected failure of a cap command: reported as one line, never with a stack trace. */
class CliFailure extends Error {}

/**
 * `homeward cap parse FILE`: prints the alerts in FILE as a JSON array (exit 0), or one line on stderr (exit 1).
 * The output is the stable contract partner tools rely on; its shape is CapAlertSchema in @homeward/cap.
 */
export function runCapParse(file: string, io: CapCliIo, maxBytes = DEFAULT_MAX_BYTES): number {
  return report('cap parse', file, io, () => {
    const alerts = parseCap(io.readFile(file, maxBytes), { maxBytes });
    io.stdout(`${JSON.stringify(alerts, null, 2)}\n`);
  });
}

/** `homeward cap emit FILE.json`: prints one alert (as `cap parse` prints it) as a CAP 1.2 XML document. */
export function runCapEmit(file: string, io: CapCliIo, maxBytes = DEFAULT_MAX_BYTES): number {
  return report('cap emit', file, io, () => {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(io.readFile(file, maxBytes));
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw new CliFailure(`not JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
    // Accept `cap parse` output for a single alert as is, so `parse | emit` works without jq.
    if (Array.isArray(value)) {
      if (value.length !== 1) throw new CliFailure(`expected one alert object, got an array of ${value.length}`);
      value = value[0];
    }
    // Boundary: emitCap validates the whole object against CapAlertSchema before using it.
    io.stdout(emitCap(value as CapAlert));
  });
}

function report(command: string, file: string, io: CapCliIo, work: () => void): number {
  try {
    work();
    return 0;
  } catch (e) {
    io.stderr(`${command}: ${file}: ${describeFailure(e)}\n`);
    return 1;
  }
}

function describeFailure(e: unknown): string {
  if (isCapError(e)) return `${e.code}: ${e.message}`;
  if (e instanceof CliFailure) return e.message;
  if (e instanceof TypeError && /encoded data was not valid/.test(e.message)) return 'the file is not valid UTF-8';
  // fs errors carry a code such as ENOENT; their message already names the file.
  if (e instanceof Error && 'code' in e && typeof e.code === 'string') return `cannot read the file (${e.code})`;
  return `unexpected failure: ${e instanceof Error ? e.message : String(e)}`;
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0)
    throw new CommanderError(1, 'cap.badOption', `not a positive integer: ${value}`);
  return n;
}

/**
 * Adds `cap parse` and `cap emit`. A failing command throws CommanderError with its exit code instead of calling
 * process.exit, so the program's runner (or a test with exitOverride) decides what exiting means.
 */
export function registerCapCommands(program: Command, io: CapCliIo = processIo): void {
  const cap = program.command('cap').description('parse and emit CAP 1.2 (Common Alerting Protocol) alerts');
  const exitWith = (code: number): void => {
    if (code !== 0) throw new CommanderError(code, 'cap.failed', 'cap command failed');
  };
  cap
    .command('parse')
    .description('print the alerts in a CAP 1.2 file (alert, <alerts> list or EDXL-DE envelope) as a JSON array')
    .argument('<file>', 'CAP XML file, or - for standard input')
    .option('--max-bytes <n>', 'refuse larger input', positiveInteger, DEFAULT_MAX_BYTES)
    .addHelpText(
      'after',
      '\nExit status: 0 with JSON on stdout; 1 with one line on stderr if the file is not valid CAP 1.2.',
    )
    .action((file: string, opts: { maxBytes: number }) => exitWith(runCapParse(file, io, opts.maxBytes)));
  cap
    .command('emit')
    .description('print one alert object, as `cap parse` prints it, as a CAP 1.2 XML document')
    .argument('<file>', 'JSON file with one alert object, or - for standard input')
    .option('--max-bytes <n>', 'refuse larger input', positiveInteger, DEFAULT_MAX_BYTES)
    .addHelpText(
      'after',
      '\nExit status: 0 with XML on stdout; 1 with one line on stderr if the object is not a valid alert.',
    )
    .action((file: string, opts: { maxBytes: number }) => exitWith(runCapEmit(file, io, opts.maxBytes)));
}
