// `npm run bench -- NAME [--quick] [--db pglite|postgres]`: runs one benchmark. Progress goes
// to stderr; the last line of stdout is one JSON object (../shared/docs/BENCHMARKS.md).
import { cpus } from 'node:os';
import { gridBench } from './grid-bench.ts';
import { intakeBench } from './intake-bench.ts';
import { kpiBench } from './kpi-bench.ts';

export interface BenchOptions {
  quick: boolean;
  db: 'pglite' | 'postgres';
}
export interface BenchResult {
  bench: string;
  db?: string;
  metrics: Record<string, number>;
  targets: Record<string, string>;
  notes?: Record<string, unknown>;
}

const BENCHES: Record<string, (o: BenchOptions) => Promise<BenchResult>> = {
  grid: gridBench,
  intake: intakeBench,
  kpi: kpiBench,
};

const [name, ...rest] = process.argv.slice(2);
const opts: BenchOptions = {
  quick: rest.includes('--quick'),
  db: rest.includes('postgres') ? 'postgres' : 'pglite',
};
const bench = name ? BENCHES[name] : undefined;
if (!bench) {
  console.error(
    `usage: npm run bench -- NAME [--quick] [--db pglite|postgres]; NAME is one of: ${Object.keys(BENCHES).join(', ')}`,
  );
  process.exitCode = 2;
} else {
  const r = await bench(opts);
  console.log(
    JSON.stringify({
      ...r,
      node: process.version,
      cpus: cpus().length,
      quick: opts.quick,
      at: new Date().toISOString(),
    }),
  );
}
