// The big screen (大屏, 一屏知全城): one answer with everything it draws for a region — today's and
// this month's totals and rates, a 30-day trend, the ranking of child regions and of units, the
// category breakdown, the hot grids and the live feed of new cases. Totals and rates come from
// the KPI rollups; open cases, hot grids and the feed from the cases table (open cases only).
import { dayOfInstant, formatLocalDate } from '../../domain/calendar/local-date.ts';
import { OPEN_STATES } from '../../domain/cases/lifecycle.ts';
import { addCounters, emptyCounters, kpiRates, type KpiCounters } from '../../domain/kpi/formulas.ts';
import { scopePrefix } from '../../domain/regions/region-code.ts';
import type { Queryable } from '../../store/db.ts';
import { sumKpiGrouped, sumKpiSlice } from '../../store/kpi-store.ts';
import type { Actor, AppContext } from '../context.ts';
import { getKpiBreakdown, type KpiBreakdownRow } from '../kpi/get-kpi-breakdown.ts';
import { resolveKpiSlice } from '../kpi/get-kpi-summary.ts';

const TREND_DAYS = 30;

export interface Dashboard {
  region: { code: string; name: string };
  generated_at: string;
  today: { reported: number; registered: number; closed: number };
  month: {
    from: string;
    counters: KpiCounters;
    rates: ReturnType<typeof kpiRates>;
  };
  open: { total: number; overdue: number; due_soon: number };
  trend: { day: string; reported: number; closed: number }[];
  regions: Pick<KpiBreakdownRow, 'key' | 'name' | 'counters' | 'rates'>[];
  units: {
    key: string;
    name: string;
    reported: number;
    closed: number;
    on_time_closure_rate: number | null;
  }[];
  categories: { code: string; name: string; reported: number }[];
  hot_grids: { grid_code: string; name: string; open: number; overdue: number; lng: number; lat: number }[];
  feed: {
    code: string;
    title: string;
    state: string;
    channel: string;
    category: string | null;
    village: string | null;
    colour: string;
    reported_at: string;
  }[];
}

async function sliceCounters(q: Queryable, regions: string[], from: string, to: string) {
  const rows = await sumKpiSlice(q, { regions, from, to });
  return { rows, counters: rows.reduce((a, r) => addCounters(a, r.counters), emptyCounters()) };
}

export async function getDashboard(ctx: AppContext, actor: Actor, region?: string): Promise<Dashboard> {
  const now = ctx.clock.now();
  const todayN = dayOfInstant(now.getTime());
  const today = formatLocalDate(todayN);
  const tomorrow = formatLocalDate(todayN + 1);
  const monthFrom = today.slice(0, 8) + '01';
  const trendFrom = formatLocalDate(todayN - TREND_DAYS + 1);
  // The scope check and the regions: the same rules as every KPI request.
  const { regions } = resolveKpiSlice(ctx, actor, { region, from: monthFrom, to: tomorrow });
  const ranking = await getKpiBreakdown(ctx, actor, { by: 'region', region, from: monthFrom, to: tomorrow });
  const unitRows = await getKpiBreakdown(ctx, actor, { by: 'unit', region, from: monthFrom, to: tomorrow });
  return ctx.db.tx(async (q) => {
    const day = await sliceCounters(q, regions, today, tomorrow);
    const month = await sliceCounters(q, regions, monthFrom, tomorrow);
    const trendRows = await sumKpiGrouped(q, { by: 'day', regions, from: trendFrom, to: tomorrow });
    const byDay = new Map(trendRows.map((r) => [r.key, r.counters]));
    const trend = Array.from({ length: TREND_DAYS }, (_, i) => {
      const d = formatLocalDate(todayN - TREND_DAYS + 1 + i);
      const c = byDay.get(d);
      return { day: d, reported: c?.reported ?? 0, closed: c?.closed ?? 0 };
    });
    const like = regions.map((r) => scopePrefix(r) + '%');
    const open = (
      await q.query<{ total: number; overdue: number; due_soon: number }>(
        `SELECT count(*)::int AS total, count(*) FILTER (WHERE colour = 'red')::int AS overdue,
                count(*) FILTER (WHERE colour = 'yellow')::int AS due_soon
         FROM cases WHERE state = ANY($1::text[]) AND region_code LIKE ANY($2::text[])`,
        [OPEN_STATES, like],
      )
    ).rows[0] ?? { total: 0, overdue: 0, due_soon: 0 };
    const hot = await q.query<Dashboard['hot_grids'][number]>(
      `SELECT c.grid_code, COALESCE(g.name, c.grid_code) AS name, c.open, c.overdue,
              (g.min_lng + g.max_lng) / 2 AS lng, (g.min_lat + g.max_lat) / 2 AS lat
       FROM (SELECT grid_code, count(*)::int AS open, count(*) FILTER (WHERE colour = 'red')::int AS overdue
             FROM cases WHERE state = ANY($1::text[]) AND region_code LIKE ANY($2::text[])
             GROUP BY grid_code ORDER BY count(*) DESC, grid_code LIMIT 20) c
       LEFT JOIN grids g ON g.code = c.grid_code ORDER BY c.open DESC, c.grid_code`,
      [OPEN_STATES, like],
    );
    const feed = await q.query<Omit<Dashboard['feed'][number], 'reported_at'> & { reported_at: Date }>(
      `SELECT c.code, c.title, c.state, c.channel, k.name AS category, v.name AS village, c.colour, c.reported_at
       FROM (SELECT * FROM cases WHERE region_code LIKE ANY($1::text[]) ORDER BY reported_at DESC LIMIT 15) c
       LEFT JOIN categories k ON k.code = c.category_code LEFT JOIN regions v ON v.code = c.region_code
       ORDER BY c.reported_at DESC`,
      [like],
    );
    const categories = month.rows
      .filter((r) => r.counters.reported > 0)
      .map((r) => ({ code: r.category_code, name: r.name ?? r.category_code, reported: r.counters.reported }))
      .sort((a, b) => b.reported - a.reported)
      .slice(0, 10);
    return {
      region: ranking.regions[0] ?? { code: regions[0] ?? '', name: '' },
      generated_at: now.toISOString(),
      today: {
        reported: day.counters.reported,
        registered: day.counters.registered,
        closed: day.counters.closed,
      },
      month: { from: monthFrom, counters: month.counters, rates: kpiRates(month.counters) },
      open,
      trend,
      regions: ranking.rows.map(({ key, name, counters, rates }) => ({ key, name, counters, rates })),
      units: unitRows.rows.slice(0, 10).map((u) => ({
        key: u.key,
        name: u.name,
        reported: u.counters.reported,
        closed: u.counters.closed,
        on_time_closure_rate: u.rates.onTimeClosureRate,
      })),
      categories,
      hot_grids: hot.rows,
      feed: feed.rows.map((f) => ({ ...f, reported_at: f.reported_at.toISOString() })),
    };
  });
}
