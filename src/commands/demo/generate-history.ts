// Demo history (演示历史数据): about a year of realistic cases for the demo city so every screen and
// KPI has something to show. The plan is pure and seeded (history-plan.ts); this command reads
// the world before any transaction, then writes chunks of cases with their events, supervision
// orders and photos, one transaction and one statement per table per chunk. Case numbers come
// from the intake sequence, so later real intakes never collide. Demo mode only.
import { AppError, invalid, type FieldIssue } from '../../domain/errors.ts';
import {
  canBulkLoadWithoutTriggers,
  insertHistoryChunk,
  reserveCaseNumbers,
} from '../../store/history-store.ts';
import type { AppContext } from '../context.ts';
import { storeDemoPhotos } from './history-photos.ts';
import { planHistory, type PlannedCase } from './history-plan.ts';
import { HistoryRows } from './history-rows.ts';
import { loadHistoryWorld } from './history-world.ts';

/** How many cases a first start generates, and `wangge demo` without --cases. */
export const DEFAULT_HISTORY_CASES = 100_000;
/** Bounds of `wangge demo --cases` and `--days`. */
export const MAX_HISTORY_CASES = 10_000_000;
export const MAX_HISTORY_DAYS = 3660;

/** What to generate; see HistoryPlanOptions for the plan's part. */
export interface GenerateHistoryOptions {
  cases: number;
  /** The end of the window (usually now): nothing happens after it, recent cases stay open. */
  endAt: Date;
  days: number;
  seed: number;
  /** Cases per transaction (default 5,000). */
  chunkSize?: number;
  /** Placeholder site photos on report-backs and verifications (default true). */
  photos?: boolean;
  onProgress?: (p: { done: number; total: number; ms: number }) => void;
}

/** What was written, and how fast. */
export interface GenerateHistoryResult {
  cases: number;
  events: number;
  orders: number;
  photos: number;
  byState: Record<string, number>;
  from: Date;
  to: Date;
  ms: number;
  casesPerSecond: number;
}

function checkOptions(o: GenerateHistoryOptions): void {
  const issues: FieldIssue[] = [];
  const int = (v: number, min: number, max: number) => Number.isInteger(v) && v >= min && v <= max;
  if (!int(o.cases, 1, MAX_HISTORY_CASES))
    issues.push({
      field: 'cases',
      zh: `案件数应为 1–${MAX_HISTORY_CASES} 之间的整数`,
      en: `must be an integer from 1 to ${MAX_HISTORY_CASES}`,
    });
  if (!int(o.days, 1, MAX_HISTORY_DAYS))
    issues.push({
      field: 'days',
      zh: `天数应为 1–${MAX_HISTORY_DAYS} 之间的整数`,
      en: `must be an integer from 1 to ${MAX_HISTORY_DAYS}`,
    });
  if (!int(o.seed, 0, 2 ** 32 - 1))
    issues.push({
      field: 'seed',
      zh: '随机种子应为 0–4294967295 的整数',
      en: 'must be an integer 0–4294967295',
    });
  if (!(o.endAt instanceof Date) || !Number.isFinite(o.endAt.getTime()))
    issues.push({ field: 'endAt', zh: '结束时间无效', en: 'must be a valid date' });
  if (issues.length) throw new AppError('VALIDATION_FAILED', { issues });
}

/**
 * Generates and stores `cases` demo cases reported over the `days` before `endAt`. Refuses in
 * production mode, on bad options, and when the city has no grids or categories loaded.
 */
export async function generateHistory(
  ctx: AppContext,
  opts: GenerateHistoryOptions,
): Promise<GenerateHistoryResult> {
  if (ctx.config.mode !== 'demo')
    throw invalid(
      'WANGGE_MODE',
      '演示数据只能在演示模式下生成',
      'demo history is only generated in demo mode',
    );
  checkOptions(opts);
  const started = Date.now();
  const world = await loadHistoryWorld(ctx); // reads ctx.db: before any transaction
  if (!world.grids.length || !world.categories.length)
    throw new AppError('REGION_NOT_FOUND', { details: { cityCode: ctx.config.cityCode, grids: 0 } });
  const photos = opts.photos === false ? [] : await storeDemoPhotos(ctx);
  const rows = new HistoryRows(ctx, photos);
  const chunkSize = Math.max(1, opts.chunkSize ?? 5000);
  const skipTriggers = await canBulkLoadWithoutTriggers(ctx.db);
  // The chunk being written while the next one is planned (PostgreSQL works in parallel).
  const writing: { chunk: Promise<void> | null } = { chunk: null };
  let done = 0;

  const flush = async (batch: PlannedCase[]): Promise<void> => {
    const numbers = await reserveCaseNumbers(ctx.db, batch.length);
    const chunk = rows.build(batch, numbers);
    if (writing.chunk) await writing.chunk;
    done += batch.length;
    const progress = done;
    const chunkDone = ctx.db
      .tx((q) => insertHistoryChunk(q, chunk, skipTriggers))
      .then(() => opts.onProgress?.({ done: progress, total: opts.cases, ms: Date.now() - started }));
    chunkDone.catch(() => undefined); // handled when awaited; never an unhandled rejection meanwhile
    writing.chunk = chunkDone;
  };

  let batch: PlannedCase[] = [];
  for (const day of planHistory(world, opts)) {
    batch.push(...day);
    if (batch.length >= chunkSize) {
      await flush(batch);
      batch = [];
    }
  }
  if (batch.length) await flush(batch);
  if (writing.chunk) await writing.chunk;
  const ms = Date.now() - started;
  return {
    ...rows.counts,
    byState: Object.fromEntries([...rows.states.entries()].sort()),
    from: new Date(opts.endAt.getTime() - opts.days * 86_400_000),
    to: opts.endAt,
    ms,
    casesPerSecond: Math.round((rows.counts.cases / Math.max(1, ms)) * 1000),
  };
}
