// `npm run bench -- cases`: the protection-case benchmarks of issue 5, each beside its own baseline.
import { casesSearchBench } from './cases-search.bench.ts';

export async function casesBench(): Promise<string> {
  return ['### Full-text search', '', await casesSearchBench()].join('\n');
}
