// The KPI rollup job: folds new case events into the rollups of migration 0005. Per batch, in one
// transaction: lock the watermark row, read the next events, recompute the facts of their cases,
// the daily rows those facts touch (old and new keys: a reassign moves a case between units), the
// cube above them, and move the watermark. Recomputing (never incrementing) makes it idempotent.
import type { AppContext } from '../commands/context.ts';
import { CHANNELS, isPublicChannel } from '../domain/cases/channels.ts';
import { padRegionCode } from '../domain/regions/region-code.ts';
import { startLoop } from './loop.ts';
import {
  claimWatermark,
  eventsAfter,
  lockedEventHorizon,
  rebuildCube,
  refreshCaseFacts,
  refreshDaily,
  setWatermark,
  type CubeStep,
  type FactLimits,
  type KpiKey,
} from '../store/kpi-store.ts';

const JOB = 'kpi_rollup';

/**
 * Time limits of the role KPIs, in wall-clock minutes from the task's start: 签收 after dispatch,
 * 核实 after 派核实, 核查 after the report-back (practice of 数字城管 centres; not working time).
 */
export const KPI_LIMITS: FactLimits = {
  publicChannels: CHANNELS.filter(isPublicChannel),
  acknowledgeMinutes: 60,
  verifyMinutes: 60,
  checkMinutes: 120,
};

/** What a run did: batches, events folded in, cases recomputed (a case may count once per batch). */
export interface KpiRollupResult {
  batches: number;
  events: number;
  cases: number;
}

/** The cube levels to rebuild for a set of daily keys, lowest level first. */
export function cubeSteps(keys: readonly KpiKey[]): CubeStep[] {
  const plan: [CubeStep['grain'], CubeStep['level']][] = [
    ['day', 6],
    ['day', 4],
    ['month', 9],
    ['month', 6],
    ['month', 4],
  ];
  return plan.map(([grain, level]) => {
    const pairs = new Map<string, [string, string]>();
    for (const k of keys) {
      if (k.person_id !== '') continue;
      const period = grain === 'day' ? k.day : k.day.slice(0, 8) + '01';
      const region = padRegionCode(k.region_code.slice(0, level));
      pairs.set(period + region, [period, region]);
    }
    const v = [...pairs.values()];
    return { grain, level, periods: v.map((p) => p[0]), regions: v.map((p) => p[1]) };
  });
}

/** Folds every case event committed so far into the rollups; returns what it did. */
export async function runKpiRollup(
  ctx: AppContext,
  opts: { batchSize?: number; limits?: FactLimits } = {},
): Promise<KpiRollupResult> {
  const size = opts.batchSize ?? 500;
  const limits = opts.limits ?? KPI_LIMITS;
  const horizon = await ctx.db.tx((q) => lockedEventHorizon(q));
  const out: KpiRollupResult = { batches: 0, events: 0, cases: 0 };
  for (;;) {
    const done = await ctx.db.tx(async (q) => {
      const mark = await claimWatermark(q, JOB);
      const batch = await eventsAfter(q, mark, horizon, size);
      if (!batch) return true;
      const keys = await refreshCaseFacts(q, batch.caseIds, limits);
      await refreshDaily(q, keys);
      for (const step of cubeSteps(keys)) if (step.periods.length) await rebuildCube(q, step);
      await setWatermark(q, JOB, batch.lastId, ctx.clock.now());
      out.batches++;
      out.events += batch.events;
      out.cases += batch.caseIds.length;
      return batch.events < size;
    });
    if (done) return out;
  }
}

/** Runs the job every `everyMs` in the background (one run at a time); returns a stop function. */
export function startKpiRollupLoop(
  ctx: AppContext,
  everyMs: number,
  log: (e: unknown) => void = (e) => console.error('kpi rollup failed:', e),
): () => void {
  return startLoop(() => runKpiRollup(ctx), everyMs, log);
}
