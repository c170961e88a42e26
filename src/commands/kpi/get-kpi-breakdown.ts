// KPI tables for the reports screen (考核评价): one row per child region (drill-down), per unit or
// per person (inspectors, dispatchers), each with its counters and the rates of domain/kpi.
// Region rows come from the rollup cube (cost independent of history); unit and person rows from
// the daily rollups of the period.
import { AppError } from '../../domain/errors.ts';
import {
  addCounters,
  emptyCounters,
  kpiRates,
  type KpiCounters,
  type KpiRates,
} from '../../domain/kpi/formulas.ts';
import type { Queryable } from '../../store/db.ts';
import { sumKpiGrouped, sumKpiSlice } from '../../store/kpi-store.ts';
import type { Actor, AppContext } from '../context.ts';
import { resolveKpiSlice, type KpiSliceInput } from './get-kpi-summary.ts';

export const BREAKDOWNS = ['region', 'unit', 'person'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

export interface KpiBreakdownRow {
  key: string;
  name: string;
  /** region: its level (county, township, village); unit: its kind; person: their roles. */
  kind: string;
  /** region rows: whether a finer breakdown exists below it. */
  drillable: boolean;
  counters: KpiCounters;
  rates: KpiRates;
}

export interface KpiBreakdown {
  by: Breakdown;
  from: string;
  to: string;
  /** The region whose children (by region) or whose subtree (by unit / person) the rows cover. */
  regions: { code: string; name: string }[];
  rows: KpiBreakdownRow[];
  total: { counters: KpiCounters; rates: KpiRates };
}

const sum = (rows: { counters: KpiCounters }[]) =>
  rows.reduce((a, r) => addCounters(a, r.counters), emptyCounters());

async function regionNames(q: Queryable, codes: string[]): Promise<{ code: string; name: string }[]> {
  const r = await q.query<{ code: string; name: string }>(
    'SELECT code, name FROM regions WHERE code = ANY($1::text[]) ORDER BY code',
    [codes],
  );
  return r.rows;
}

/** Child regions of the slice, each summed from the cube (a village has no children: itself). */
async function byRegion(
  q: Queryable,
  regions: string[],
  slice: { unitIds: string[] | undefined; categoryCode: string | undefined; from: string; to: string },
): Promise<KpiBreakdownRow[]> {
  const children = await q.query<{ code: string; name: string; level: string }>(
    `SELECT code, name, level FROM regions WHERE parent_code = ANY($1::text[])
     UNION ALL SELECT code, name, level FROM regions WHERE code = ANY($1::text[]) AND level = 'village'
     ORDER BY code`,
    [regions],
  );
  const rows: KpiBreakdownRow[] = [];
  for (const c of children.rows) {
    const parts = await sumKpiSlice(q, { regions: [c.code], ...slice });
    const counters = sum(parts);
    rows.push({
      key: c.code,
      name: c.name,
      kind: c.level,
      drillable: c.level !== 'village',
      counters,
      rates: kpiRates(counters),
    });
  }
  return rows;
}

export async function getKpiBreakdown(
  ctx: AppContext,
  actor: Actor,
  input: KpiSliceInput & { by: Breakdown },
): Promise<KpiBreakdown> {
  if (input.person)
    throw new AppError('VALIDATION_FAILED', {
      issues: [{ field: 'person', zh: '分组统计不按人员筛选', en: 'is not supported in a breakdown' }],
    });
  const { from, to, regions, units } = resolveKpiSlice(ctx, actor, input);
  return ctx.db.tx(async (q) => {
    let rows: KpiBreakdownRow[];
    if (input.by === 'region') {
      rows = await byRegion(q, regions, { unitIds: units, categoryCode: input.category, from, to });
    } else {
      const grouped = await sumKpiGrouped(q, {
        by: input.by,
        regions,
        unitIds: units,
        categoryCode: input.category,
        from,
        to,
      });
      const keys = grouped.map((g) => g.key);
      const names = new Map(
        (input.by === 'unit'
          ? await q.query<{ key: string; name: string; kind: string }>(
              'SELECT id AS key, name, kind FROM units WHERE id = ANY($1::text[])',
              [keys],
            )
          : await q.query<{ key: string; name: string; kind: string }>(
              `SELECT id::text AS key, display_name AS name, array_to_string(roles, ',') AS kind FROM users WHERE id::text = ANY($1::text[])`,
              [keys],
            )
        ).rows.map((r) => [r.key, r]),
      );
      rows = grouped.map((g) => ({
        key: g.key,
        name: names.get(g.key)?.name ?? g.key,
        kind: names.get(g.key)?.kind ?? '',
        drillable: false,
        counters: g.counters,
        rates: kpiRates(g.counters),
      }));
      rows.sort((a, b) => b.counters.reported - a.counters.reported || a.key.localeCompare(b.key));
    }
    const total = sum(rows);
    return {
      by: input.by,
      from,
      to,
      regions: await regionNames(q, regions),
      rows,
      total: { counters: total, rates: kpiRates(total) },
    };
  });
}
