// `npm run bench -- cases`: the protection-case benchmarks of issue 5, each beside its own baseline.
import { casesIntakeBench } from './cases-intake.bench.ts';
import { casesSearchBench } from './cases-search.bench.ts';

export async function casesBench(): Promise<string> {
  const only = process.env.BENCH_CASES_ONLY;
  const parts: string[] = [];
  if (only !== 'search') parts.push('### Help-request intake', '', await casesIntakeBench(), '');
  if (only !== 'intake') parts.push('### Full-text search', '', await casesSearchBench());
  return parts.join('\n');
}
