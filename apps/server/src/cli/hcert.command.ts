import { readFileSync } from 'node:fs';
import {
  issueHcert,
  type JsonValue,
  judgeTestFile,
  parseIsoInstant,
  parseTrustList,
  type SchemaSet,
  type TrustList,
  verifyHcert,
} from '@homeward/hcert';
import { importNodeSigningKey, loadSchemaDir, nodeBackend } from '@homeward/hcert/node';
import { type Command, CommanderError } from 'commander';

// Exit codes callers rely on: 0 valid/done, 1 invalid certificate, 2 usage error (bad arguments or files).
const EXIT_INVALID = 1;
const EXIT_USAGE = 2;

function write(command: Command, stream: 'out' | 'err', text: string): void {
  const output = command.configureOutput();
  const writer = stream === 'out' ? output.writeOut : output.writeErr;
  if (writer) writer(text);
  else (stream === 'out' ? process.stdout : process.stderr).write(text);
}

function usageError(command: Command, message: string): never {
  return command.error(`homeward ${command.name()}: ${message}`, { exitCode: EXIT_USAGE, code: 'hcert.usage' });
}

/** Commander reports its own parse errors with exit code 1, which our verbs reserve for "invalid". */
function usageErrorsExitTwo(command: Command): Command {
  return command.exitOverride((error) => {
    if (error.exitCode !== 0 && error.code.startsWith('commander.')) {
      throw new CommanderError(EXIT_USAGE, error.code, error.message);
    }
    throw error;
  });
}

function readText(command: Command, path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    return usageError(command, `cannot read ${what} ${path} (${code})`);
  }
}

function readJson(command: Command, path: string, what: string): unknown {
  const text = readText(command, path, what);
  try {
    return JSON.parse(text);
  } catch {
    return usageError(command, `${what} ${path} is not JSON`);
  }
}

function parseTime(command: Command, value: unknown, option: string): Date | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') return usageError(command, `${option} needs an ISO-8601 date-time`);
  try {
    return parseIsoInstant(value);
  } catch {
    return usageError(command, `${option} ${JSON.stringify(value)} is not an ISO-8601 date-time`);
  }
}

function schemaSet(command: Command, dir: unknown): SchemaSet | undefined {
  if (dir === undefined) return undefined;
  if (typeof dir !== 'string') return usageError(command, '--schema-dir needs a directory');
  try {
    return loadSchemaDir(dir);
  } catch (error) {
    return usageError(command, error instanceof Error ? error.message : String(error));
  }
}

function stringOption(command: Command, value: unknown, option: string): string {
  if (typeof value !== 'string' || value === '') return usageError(command, `${option} FILE is required`);
  return value;
}

async function verifyTestFiles(command: Command, files: string[], options: { schemaDir?: unknown }): Promise<void> {
  if (files.length === 0) usageError(command, 'give at least one test FILE');
  const schemas = schemaSet(command, options.schemaDir);
  let unreadable = 0;
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      unreadable++;
      const code = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
      write(command, 'err', `homeward verify-testfile: cannot read ${file} (${code})\n`);
      continue;
    }
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(text);
    } catch {
      // A readable file that is not JSON still gets its line: every step null, not valid.
    }
    const verdict = await judgeTestFile(parsed, { name: file, backend: nodeBackend, ...(schemas ? { schemas } : {}) });
    write(command, 'out', `${JSON.stringify(verdict)}\n`);
  }
  if (unreadable > 0) usageError(command, `${unreadable} file(s) could not be read`);
}

async function issue(command: Command, payloadFile: string, options: Record<string, unknown>): Promise<void> {
  const keyPem = readText(command, stringOption(command, options.key, '--key'), 'key');
  const certificate = readText(command, stringOption(command, options.cert, '--cert'), 'certificate');
  const parsed = readJson(command, payloadFile, 'payload');
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    usageError(command, `payload ${payloadFile} must be a JSON object`);
  }
  const payload = parsed as JsonValue; // boundary: JSON.parse output, checked above to be an object
  const issuedAt = parseTime(command, options.issuedAt, '--issued-at');
  const expiresAt = parseTime(command, options.expiresAt, '--expires-at');
  if (options.issuer !== undefined && (typeof options.issuer !== 'string' || !/^[A-Z]{2}$/.test(options.issuer))) {
    usageError(command, '--issuer must be a two-letter country code such as FR');
  }
  try {
    const signingKey = importNodeSigningKey(keyPem);
    const text = await issueHcert(payload, {
      signingKey,
      signerCertificate: certificate,
      backend: nodeBackend,
      ...(typeof options.issuer === 'string' ? { issuer: options.issuer } : {}),
      ...(issuedAt ? { issuedAt } : {}),
      ...(expiresAt ? { expiresAt } : {}),
    });
    write(command, 'out', `${text}\n`);
  } catch (error) {
    if (error instanceof CommanderError) throw error;
    usageError(command, error instanceof Error ? error.message : String(error));
  }
}

async function verify(command: Command, text: string | undefined, options: Record<string, unknown>): Promise<void> {
  if (text === undefined || text === '') usageError(command, "give the certificate text, e.g. 'HC1:…'");
  const listJson = readJson(command, stringOption(command, options.trustList, '--trust-list'), 'trust list');
  let trustList: TrustList;
  try {
    trustList = await parseTrustList(listJson);
  } catch (error) {
    return usageError(command, error instanceof Error ? error.message : String(error));
  }
  const at = parseTime(command, options.at, '--at');
  const schemas = schemaSet(command, options.schemaDir);
  const verdict = await verifyHcert(text, {
    trustList,
    backend: nodeBackend,
    ...(at ? { at } : {}),
    ...(schemas ? { schemas } : {}),
  });
  write(command, 'out', `${JSON.stringify(verdict)}\n`);
  if (!verdict.ok) process.exitCode = EXIT_INVALID;
}

/** Adds `homeward hcert issue|verify|verify-testfile`: EU Digital COVID Certificates (HC1) from the shell. */
export function registerHcertCommands(program: Command): void {
  const hcert = usageErrorsExitTwo(
    program.command('hcert').description('issue and verify EU Digital COVID Certificates (HC1 health certificates)'),
  );

  usageErrorsExitTwo(
    hcert
      .command('verify-testfile')
      .description('judge EU DCC test files; prints one JSON line per file with each step true, false or null')
      .argument('[files...]', 'test files (JSON) from the EU dgc-testdata set')
      .option('--schema-dir <dir>', 'DCC schemas, one folder per version (default: the copy shipped in the package)')
      .action(async function (this: Command, files: string[], options: { schemaDir?: unknown }) {
        await verifyTestFiles(this, files, options);
      }),
  );

  usageErrorsExitTwo(
    hcert
      .command('issue')
      .description('sign a DCC JSON payload and print its HC1: text')
      .argument('<payload>', 'DCC payload JSON file')
      .option('--key <file>', 'PKCS#8 PEM private key (P-256 signs ES256, RSA signs PS256)')
      .option('--cert <file>', 'PEM signer certificate whose hash becomes the kid')
      .option('--issuer <country>', 'issuing country, two letters (CWT iss)')
      .option('--issued-at <iso>', 'issue time (default now)')
      .option('--expires-at <iso>', 'expiry time (default one year after issue)')
      .action(async function (this: Command, payloadFile: string, options: Record<string, unknown>) {
        await issue(this, payloadFile, options);
      }),
  );

  usageErrorsExitTwo(
    hcert
      .command('verify')
      .description('verify HC1: text; prints a JSON verdict, exits 0 valid, 1 invalid, 2 usage error')
      .argument('[text]', "the scanned text, 'HC1:…'")
      .option('--trust-list <file>', 'JSON array of {"kid"?: base64, "certificate": PEM or base64 DER}')
      .option('--at <iso>', 'validation time (default now; no zone means UTC)')
      .option('--schema-dir <dir>', 'DCC schemas, one folder per version (default: the copy shipped in the package)')
      .action(async function (this: Command, text: string | undefined, options: Record<string, unknown>) {
        await verify(this, text, options);
      }),
  );
}
