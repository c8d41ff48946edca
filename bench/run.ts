// `npm run bench -- <name…>`: runs the named benchmarks (all when none is named) and prints Markdown rows
// for BENCHMARKS.md. Every figure is reported beside a baseline measured in the same run.

import { alertsBench } from './alerts.bench.ts';
import { bookingBench } from './booking.bench.ts';
import { casesBench } from './cases.bench.ts';
import { foundationBench } from './foundation.bench.ts';
import { hcertBench } from './hcert.bench.ts';
import { targetingBench } from './targeting.bench.ts';

const BENCHES: Record<string, () => Promise<string>> = {
  alerts: alertsBench,
  booking: bookingBench,
  cases: casesBench,
  foundation: foundationBench,
  hcert: hcertBench,
  targeting: targetingBench,
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((name) => !BENCHES[name]);
if (unknown.length > 0) {
  process.stderr.write(`unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}\n`);
  process.exit(2);
}
for (const name of wanted.length > 0 ? wanted : Object.keys(BENCHES)) {
  const bench = BENCHES[name];
  if (!bench) continue;
  process.stdout.write(`\n## ${name} (${new Date().toISOString()})\n\n`);
  process.stdout.write(`${await bench()}\n`);
}
