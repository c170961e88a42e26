// `wangge demo --cases N [--days 365] [--seed 1]`: fills the demo city with N realistic cases
// reported over the last `days` days (deterministic for a seed), with their timelines, supervision
// orders and photos, so every screen and KPI has something to show. Demo mode only; the city must
// be loaded (`wangge start` once, or `wangge import regions`).
import {
  DEFAULT_HISTORY_CASES,
  MAX_HISTORY_CASES,
  MAX_HISTORY_DAYS,
  generateHistory,
} from '../commands/demo/generate-history.ts';
import { localDateOf } from '../domain/calendar/local-date.ts';
import { invalid } from '../domain/errors.ts';
import { migrate } from '../store/migrate.ts';
import { countRegions } from '../store/region-store.ts';
import { flagString, type ParsedArgs } from './args.ts';
import { loadConfig } from './config.ts';
import { describeStorage, openRuntime } from './open-runtime.ts';

/** The flags `wangge demo` reads (main.ts passes them to parseArgs). */
export const DEMO_FLAGS = ['cases', 'days', 'seed'] as const;

function intFlag(args: ParsedArgs, name: string, dflt: number, min: number, max: number): number {
  const raw = flagString(args, name);
  if (raw === undefined) return dflt;
  const n = /^[0-9]{1,10}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < min || n > max)
    throw invalid(
      `--${name}`,
      `应为 ${min}–${max.toLocaleString('en')} 之间的整数`,
      `must be an integer from ${min} to ${max.toLocaleString('en')}`,
    );
  return n;
}

const fmt = (n: number): string => n.toLocaleString('en');

/** Validates the flags (naming the one at fault), opens the runtime, generates, prints the result. */
export async function runDemo(args: ParsedArgs): Promise<number> {
  if (args.positionals.length)
    throw invalid(args.positionals[0]!, '多余的参数', 'unexpected argument (use --cases N)');
  const cases = intFlag(args, 'cases', DEFAULT_HISTORY_CASES, 1, MAX_HISTORY_CASES);
  const days = intFlag(args, 'days', 365, 1, MAX_HISTORY_DAYS);
  const seed = intFlag(args, 'seed', 1, 0, 4_294_967_295);
  const cfg = loadConfig();
  if (cfg.app.mode !== 'demo')
    throw invalid(
      'WANGGE_MODE',
      '演示数据只能在演示模式下生成',
      'demo history is only generated in demo mode',
    );
  const ctx = await openRuntime(cfg);
  try {
    await migrate(ctx.db);
    if ((await countRegions(ctx.db)) === 0)
      throw invalid(
        'city',
        '尚未加载城市数据，请先运行 wangge start（或 wangge import regions --city …）',
        'no city loaded yet: run wangge start once (or wangge import regions --city …) first',
      );
    const endAt = ctx.clock.now();
    console.log(
      `${describeStorage(cfg)}: 正在生成 generating ${fmt(cases)} 个演示案件 demo cases, ` +
        `${days} 天 days up to ${localDateOf(endAt)}, seed ${seed}…`,
    );
    let shown = 0;
    const r = await generateHistory(ctx, {
      cases,
      days,
      seed,
      endAt,
      onProgress: (p) => {
        const pct = Math.floor((p.done / p.total) * 100);
        if (pct < shown + 10 && p.done < p.total) return;
        shown = pct;
        console.log(
          `  ${String(pct).padStart(3)}%  ${fmt(p.done)} / ${fmt(p.total)}  (${(p.ms / 1000).toFixed(1)} s)`,
        );
      },
    });
    console.log(
      `已生成 generated ${fmt(r.cases)} 个案件 cases, ${fmt(r.events)} 条事件 events, ` +
        `${fmt(r.orders)} 条督办 supervision orders, ${fmt(r.photos)} 张照片 photos`,
    );
    console.log(`  时间范围 window: ${localDateOf(r.from)} – ${localDateOf(r.to)} (Asia/Shanghai)`);
    console.log(
      `  状态 states: ${Object.entries(r.byState)
        .map(([s, n]) => `${s} ${fmt(n)}`)
        .join(', ')}`,
    );
    console.log(`  用时 took ${(r.ms / 1000).toFixed(1)} s (${fmt(r.casesPerSecond)} cases/s)`);
    return 0;
  } finally {
    await ctx.db.close();
  }
}
