// The KPI summary of a slice (region subtree, unit, person, category, days [from, to)): counters
// summed from the rollups, rates by the formulas of domain/kpi, counts by category and by state.
// Scope: the region must lie in the actor's scope; unit handlers see their own units only.
import { CASE_STATES, type CaseState } from '../../domain/cases/lifecycle.ts';
import { AppError, invalid } from '../../domain/errors.ts';
import {
  KPI_DEFINITIONS,
  addCounters,
  emptyCounters,
  kpiRates,
  type KpiCounters,
  type KpiDefinition,
  type KpiRates,
} from '../../domain/kpi/formulas.ts';
import { formatLocalDate, localDateOf, parseLocalDate } from '../../domain/calendar/local-date.ts';
import { inSubtree, padRegionCode } from '../../domain/regions/region-code.ts';
import { assertInScope } from '../../domain/regions/scope.ts';
import { sumKpiSlice } from '../../store/kpi-store.ts';
import type { Actor, AppContext } from '../context.ts';

/** What to sum: a region subtree, a unit, a person, a category, and the days [from, to). */
export interface KpiSliceInput {
  /** 12-digit region code; default: the actor's whole scope. */
  region?: string | undefined;
  unit?: string | undefined;
  person?: string | undefined;
  category?: string | undefined;
  /** Local dates 'YYYY-MM-DD', to exclusive; default: this month so far. */
  from?: string | undefined;
  to?: string | undefined;
}

/** A category's share of the slice. */
export interface KpiCategoryCount {
  category_code: string;
  name: string | null;
  reported: number;
  registered: number;
  due: number;
  closed: number;
  closedOnTime: number;
}

/** The answer of GET /kpi/summary. */
export interface KpiSummary {
  slice: { regions: string[]; units: string[] | null; person: string | null; category: string | null };
  from: string;
  to: string;
  counters: KpiCounters;
  rates: KpiRates;
  by_category: KpiCategoryCount[];
  /** Current state of the cases reported in the period. */
  by_state: Record<CaseState, number>;
  definitions: readonly KpiDefinition[];
}

const MAX_YEARS = 3;

/** Checks a period [from, to) of local dates: well-formed, from < to, at most three years. */
export function parseKpiPeriod(
  from: string | undefined,
  to: string | undefined,
  now: Date,
  field = (f: string) => f,
): { from: string; to: string } {
  const today = localDateOf(now);
  const f = from ?? today.slice(0, 8) + '01';
  const t = to ?? formatLocalDate((parseLocalDate(today) as { day: number }).day + 1);
  for (const [name, v] of [
    ['from', f],
    ['to', t],
  ] as const) {
    if ('error' in parseLocalDate(v))
      throw invalid(field(name), '应为有效日期 YYYY-MM-DD', 'must be a valid date YYYY-MM-DD');
  }
  if (f >= t) throw invalid(field('to'), '结束日期应晚于开始日期', 'must be after from');
  const limit = String(Number(f.slice(0, 4)) + MAX_YEARS).padStart(4, '0') + f.slice(4);
  if (t > limit)
    throw invalid(
      field('to'),
      `统计区间不能超过 ${MAX_YEARS} 年`,
      `the period may span at most ${MAX_YEARS} years`,
    );
  return { from: f, to: t };
}

/** Regions of the list not inside another one of it (a scope may name a county and its township). */
function outermost(regions: readonly string[]): string[] {
  return [...new Set(regions)].filter((r) => !regions.some((o) => o !== r && inSubtree(r, o)));
}

/**
 * The regions, units and period an actor's KPI request covers: checked against the scope (a
 * unit's handlers see their own units only; OUT_OF_SCOPE beyond it), the period parsed.
 */
export function resolveKpiSlice(
  ctx: AppContext,
  actor: Actor,
  input: KpiSliceInput,
): { from: string; to: string; regions: string[]; units: string[] | undefined } {
  const { from, to } = parseKpiPeriod(input.from, input.to, ctx.clock.now());
  let regions: string[];
  let units = input.unit ? [input.unit] : undefined;
  if (actor.roles.every((r) => r === 'handler')) {
    // A unit's handlers: their own units' cases, wherever they are.
    if (input.unit && !actor.unitIds.includes(input.unit))
      throw new AppError('OUT_OF_SCOPE', { details: { unit: input.unit } });
    units = input.unit ? [input.unit] : actor.unitIds;
    regions = [input.region ?? padRegionCode(ctx.config.cityCode)];
  } else if (input.region) {
    assertInScope(actor.scope, input.region);
    regions = [input.region];
  } else {
    regions = outermost(actor.scope.regions);
  }
  if (!regions.length || (units && !units.length)) throw new AppError('OUT_OF_SCOPE');
  return { from, to, regions, units };
}

/** Sums the rollups of a slice the actor may see; OUT_OF_SCOPE for a region or unit beyond it. */
export async function getKpiSummary(
  ctx: AppContext,
  actor: Actor,
  input: KpiSliceInput,
): Promise<KpiSummary> {
  const { from, to, regions, units } = resolveKpiSlice(ctx, actor, input);
  const slice = { regions, unitIds: units, personId: input.person, categoryCode: input.category, from, to };
  const rows = await ctx.db.tx((q) => sumKpiSlice(q, slice));
  let counters = emptyCounters();
  const byState = Object.fromEntries(CASE_STATES.map((s) => [s, 0])) as Record<CaseState, number>;
  for (const r of rows) {
    counters = addCounters(counters, r.counters);
    for (const s of CASE_STATES) byState[s] += r.states[s];
  }
  return {
    slice: {
      regions,
      units: units ?? null,
      person: input.person ?? null,
      category: input.category ?? null,
    },
    from,
    to,
    counters,
    rates: kpiRates(counters),
    by_category: rows.map((r) => ({
      category_code: r.category_code,
      name: r.name,
      reported: r.counters.reported,
      registered: r.counters.registered,
      due: r.counters.due,
      closed: r.counters.closed,
      closedOnTime: r.counters.closedOnTime,
    })),
    by_state: byState,
    definitions: KPI_DEFINITIONS,
  };
}
