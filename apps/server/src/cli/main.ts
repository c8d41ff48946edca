import { buildProgram, runCli } from './program.ts';

process.exitCode = await runCli(buildProgram(), process.argv);
