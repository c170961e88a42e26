// kpi: p50 latency of the whole-city KPI summary (GET /kpi/summary's command: counters, rates, by
// category, by state) over three years, with rollups the size 1M and then 10M cases would make —
// the cost must not grow with history (target: 10M ÷ 1M ≤ 1.5, p50 ≤ 50 ms at 10M on PostgreSQL).
// The rollup rows are generated directly in SQL (kpi_daily: what the job writes per day, village,
// unit and category), then the cube above them is built by the job's own rebuildCube; no `cases`
// rows are made, since the summary never reads them. Own database, dropped at the end.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '../src/commands/context.ts';
import { createContext } from '../src/commands/create-context.ts';
import { seedCategories } from '../src/commands/demo/seed-categories.ts';
import { LocalFileStore } from '../src/commands/files/file-store.ts';
import { getKpiSummary } from '../src/commands/kpi/get-kpi-summary.ts';
import { SEAL_KEY_FOR_TESTS, createSealer } from '../src/commands/personal/sealer.ts';
import { openDb, type Db } from '../src/store/db.ts';
import { rebuildCube, type CubeStep } from '../src/store/kpi-store.ts';
import { migrate } from '../src/store/migrate.ts';
import type { BenchOptions, BenchResult } from './run.ts';

const PG = process.env.WANGGE_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DAYS = 1095; // 2023-01-01 … 2025-12-30
const VILLAGES = 2160; // 12 counties × 12 townships × 15 villages
const KEYS_PER_CASE = 2; // a case's intake/dispatch day and its due day are usually two daily keys
const RUNS = 30;
const CITY = '350600000000';

// Rows are written day by day, as the job writes them over time (the heap is roughly in day order).
// Row j of kpi_daily: (day, village) is a permutation of j modulo DAYS × VILLAGES (7919 is prime to
// it); the category is a hash of (day, village) spread over all 145, shifted by the slot
// j ÷ (DAYS × VILLAGES), so keys never collide. Unit: one of 4 per county by category, 2 city-wide
// units, or none (5 %). h drives the counter values.
const GENERATE = `
INSERT INTO kpi_daily (day, region_code, unit_id, category_code, reported, registered, rejected, due, closed,
  closed_on_time, dispatched, dispatched_accurately, acknowledged, acknowledged_on_time, handled,
  handled_on_time, reworked, returned, followed_up, satisfied, basically_satisfied, public_reports,
  inspector_reports, inspector_valid_reports, check_tasks, checked_on_time, st_closed, st_handling)
SELECT date '2023-01-01' + (idx % ${DAYS})::int,
  '3506' || lpad((v / 180 + 1)::text, 2, '0') || lpad((v % 180 / 15 + 1)::text, 3, '0') || lpad((v % 15 + 1)::text, 3, '0'),
  CASE WHEN h % 20 = 0 THEN '' WHEN cat % 10 = 0 THEN 'u-3506-' || cat % 20
       ELSE 'u-3506' || lpad((v / 180 + 1)::text, 2, '0') || '-' || cat % 4 END,
  ($3::text[])[(cat + 1)::int],
  1 - t, (1 - t) * (h % 17 <> 0)::int, (1 - t) * (h % 17 = 0)::int, t, t * (h % 10 < 9)::int, t * (h % 10 < 8)::int,
  (1 - t) * (h % 17 <> 0)::int, (1 - t) * (h % 17 <> 0 AND h % 13 <> 0)::int, (1 - t) * (h % 17 <> 0)::int,
  (1 - t) * (h % 17 <> 0 AND h % 7 <> 0)::int, (1 - t) * (h % 17 <> 0 AND h % 11 <> 0)::int,
  (1 - t) * (h % 17 <> 0 AND h % 11 <> 0 AND h % 5 <> 0)::int, (1 - t) * (h % 19 = 0)::int,
  (1 - t) * (h % 13 = 0)::int, t * (h % 4 = 0)::int, t * (h % 8 = 0)::int, t * (h % 8 = 4)::int,
  (1 - t) * (h % 3 = 0)::int, (1 - t) * (h % 3 <> 0)::int, (1 - t) * (h % 3 <> 0 AND h % 17 <> 0)::int,
  (1 - t) * (h % 17 <> 0 AND h % 11 <> 0)::int, (1 - t) * (h % 17 <> 0 AND h % 11 <> 0 AND h % 9 <> 0)::int,
  (1 - t) * (h % 10 < 8)::int, (1 - t) * (h % 10 >= 8)::int
FROM (SELECT idx, idx / ${DAYS} AS v, h, (h / 7 % 2)::int AS t,
        ((idx * 2654435761) % 4294967296 % array_length($3::text[], 1) + j / ${DAYS * VILLAGES})
          % array_length($3::text[], 1) AS cat
      FROM (SELECT j, (j * 7919) % ${DAYS * VILLAGES} AS idx, (j * 1103515245 + 12345) % 2147483648 AS h
            FROM generate_series($1::bigint, $2::bigint - 1) j) g) x
ORDER BY idx % ${DAYS}, idx`;

/** Every cube level for every period and region of the generated city, lowest level first. */
function allCubeSteps(): CubeStep[] {
  const days = Array.from({ length: DAYS }, (_, i) =>
    new Date(Date.UTC(2023, 0, 1 + i)).toISOString().slice(0, 10),
  );
  const months = [...new Set(days.map((d) => d.slice(0, 8) + '01'))];
  const counties = Array.from({ length: 12 }, (_, c) => `3506${String(c + 1).padStart(2, '0')}000000`);
  const townships = counties.flatMap((c) =>
    Array.from({ length: 12 }, (_, t) => `${c.slice(0, 6)}${String(t + 1).padStart(3, '0')}000`),
  );
  const step = (
    grain: CubeStep['grain'],
    level: CubeStep['level'],
    periods: string[],
    regions: string[],
  ) => ({
    grain,
    level,
    periods: periods.flatMap((p) => regions.map(() => p)),
    regions: periods.flatMap(() => regions),
  });
  return [
    step('day', 6, days, counties),
    step('day', 4, days, [CITY]),
    step('month', 9, months, townships),
    step('month', 6, months, counties),
    step('month', 4, months, [CITY]),
  ];
}

/**
 * Runs a step in chunks of `size` pairs on `workers` connections: the job rebuilds a handful of
 * pairs per batch; a full rebuild in one statement would only spill its aggregation to disk.
 */
async function rebuildInChunks(db: Db, s: CubeStep, size: number, workers: number): Promise<void> {
  const chunks: CubeStep[] = [];
  for (let i = 0; i < s.periods.length; i += size)
    chunks.push({ ...s, periods: s.periods.slice(i, i + size), regions: s.regions.slice(i, i + size) });
  let next = 0;
  const work = async () => {
    for (let c = chunks[next++]; c; c = chunks[next++]) await db.tx((q) => rebuildCube(q, c));
  };
  await Promise.all(Array.from({ length: workers }, work));
}

async function loadRollups(db: Db, fromCase: number, toCase: number, cats: string[]): Promise<number> {
  const t0 = Date.now();
  const [a, b] = [fromCase * KEYS_PER_CASE, toCase * KEYS_PER_CASE];
  const parts = db.engine === 'postgres' ? 2 : 1;
  const cut = (i: number) => a + Math.round(((b - a) * i) / parts);
  await Promise.all(Array.from({ length: parts }, (_, i) => db.query(GENERATE, [cut(i), cut(i + 1), cats])));
  console.error(`  kpi_daily +${b - a} rows in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const t1 = Date.now();
  await db.query('TRUNCATE kpi_cube');
  for (const s of allCubeSteps()) {
    const t = Date.now();
    await rebuildInChunks(db, s, 144, db.engine === 'postgres' ? 2 : 1);
    console.error(`    ${s.grain} level ${s.level}: ${s.periods.length} pairs in ${Date.now() - t} ms`);
  }
  if (db.engine === 'postgres') await db.query('ANALYZE'); // as autovacuum would (PGlite has none)
  console.error(`  cube rebuilt by rebuildCube in ${((Date.now() - t1) / 1000).toFixed(1)} s`);
  return Date.now() - t0;
}

const p = (xs: number[], q: number) => [...xs].sort((x, y) => x - y)[Math.floor((xs.length - 1) * q)]!;
const round = (x: number) => Math.round(x * 100) / 100;

/** Runs the kpi benchmark (see the head of this file); PostgreSQL is the engine of the targets. */
export async function kpiBench(o: BenchOptions): Promise<BenchResult> {
  // PGlite (in memory, one WASM thread) runs a tenth of the sizes: at 10M cases' rollups its heap
  // passed 16 GB before the cube was built. The metric names stay (notes.sizes says what ran).
  const base = (o.quick ? 100_000 : 1_000_000) / (o.db === 'postgres' ? 1 : 10);
  const sizes = [base, base * 10];
  const dbName = `wangge_bench_kpi_${process.pid}`;
  let db: Db;
  if (o.db === 'postgres') {
    const admin = await openDb({ databaseUrl: PG, poolSize: 1 });
    await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
    await admin.query(`CREATE DATABASE ${dbName}`);
    // The bulk load sorts and aggregates millions of rows; the summary itself needs no tuning.
    await admin.query(`ALTER DATABASE ${dbName} SET work_mem = '256MB'`);
    await admin.close();
    const u = new URL(PG);
    u.pathname = '/' + dbName;
    db = await openDb({ databaseUrl: u.toString(), poolSize: 4 });
  } else db = await openDb({});
  try {
    await migrate(db);
    await seedCategories(db);
    const cats = (await db.query<{ code: string }>('SELECT code FROM categories ORDER BY code')).rows.map(
      (r) => r.code,
    );
    const ctx = createContext(db, {
      sealer: createSealer(SEAL_KEY_FOR_TESTS),
      files: new LocalFileStore(mkdtempSync(join(tmpdir(), 'wangge-bench-'))),
    });
    const leader: Actor = {
      userId: '00000000-0000-0000-0000-000000000000',
      username: 'bench',
      displayName: 'bench',
      roles: ['leader'],
      scope: { regions: [CITY] },
      unitIds: [],
    };
    // Three years less a fortnight at each end: 35 month rows and 31 odd days per category.
    const slice = { from: '2023-01-16', to: '2025-12-20' };
    const metrics: Record<string, number> = {};
    const notes: Record<string, unknown> = {};
    let loaded = 0;
    for (const [i, n] of sizes.entries()) {
      const tag = i === 0 ? '1m' : '10m';
      console.error(`${n} cases' worth of rollups (${o.db}) …`);
      const ms = await loadRollups(db, loaded, n, cats);
      loaded = n;
      const summary = () => getKpiSummary(ctx, leader, slice);
      for (let w = 0; w < 3; w++) await summary();
      const times: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        const t = performance.now();
        await summary();
        times.push(performance.now() - t);
      }
      const s = await summary();
      const rows = await db.query<{ daily: number; cube: number }>(
        'SELECT (SELECT count(*) FROM kpi_daily) AS daily, (SELECT count(*) FROM kpi_cube) AS cube',
      );
      metrics[`p50_ms_${tag}`] = round(p(times, 0.5));
      metrics[`p99_ms_${tag}`] = round(p(times, 0.99));
      metrics[`kpi_daily_rows_${tag}`] = rows.rows[0]!.daily;
      metrics[`kpi_cube_rows_${tag}`] = rows.rows[0]!.cube;
      metrics[`load_s_${tag}`] = round(ms / 1000);
      notes[`summary_${tag}`] = { reported: s.counters.reported, closureRate: s.rates.closureRate };
      console.error(`  p50 ${metrics[`p50_ms_${tag}`]} ms, p99 ${metrics[`p99_ms_${tag}`]} ms`);
    }
    metrics.growth_ratio = round(metrics.p50_ms_10m! / metrics.p50_ms_1m!);
    return {
      bench: 'kpi',
      db: o.db,
      metrics,
      targets: { growth_ratio: '<=1.5', p50_ms_10m: '<=50' },
      notes: {
        ...notes,
        sizes,
        data:
          'rollup rows generated in SQL (kpi_daily, 2 daily keys per case over 1095 days × 2160 villages × 50 units × ' +
          '145 categories), cube built by the job’s rebuildCube; no case rows (the summary never reads cases)',
        query: `whole city ${slice.from}..${slice.to}: counters, rates, by_category, by_state; p50 of ${RUNS}`,
      },
    };
  } finally {
    await db.close();
    if (o.db === 'postgres') {
      const admin = await openDb({ databaseUrl: PG, poolSize: 1 });
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.close();
    }
  }
}
