// KPI rollups (migration 0005): each case's facts recomputed from `cases` + `case_events`, the
// affected daily rows recomputed from the facts, the cube rebuilt level by level from the level
// below — always recompute, never increment — and the slice sums the summary reads.
import { CASE_STATES, type CaseState } from '../domain/cases/lifecycle.ts';
import { KPI_COUNTER_KEYS, emptyCounters, type KpiCounters } from '../domain/kpi/formulas.ts';
import { scopePrefix } from '../domain/regions/region-code.ts';
import type { Queryable } from './db.ts';

const snake = (k: string): string => k.replace(/[A-Z]/g, (m) => '_' + m.toLowerCase());
/** The columns of kpi_counter_columns: one per counter (snake_case), then one per state. */
const COLS = [...KPI_COUNTER_KEYS.map(snake), ...CASE_STATES.map((s) => `st_${s}`)];
const COL_LIST = COLS.join(', ');
const sums = (t: string): string => COLS.map((c) => `sum(${t}.${c}) AS ${c}`).join(', ');

type Anchor = 'intake' | 'dispatch' | 'due' | 'task';
const REGISTERED = `c.state NOT IN ('reported', 'verifying', 'rejected', 'merged')`;
const HANDLED = 'c.last_report_back_at >= c.dispatched_at';
/**
 * Each counter: the anchor day it lands on and its value for one case (SQL over `c` or task `t`).
 * $2 public channels; $3 签收, $4 核实, $5 核查 time limits (minutes, wall clock).
 */
const FACT_RULES: Record<keyof KpiCounters, readonly [Anchor, string]> = {
  reported: ['intake', 'true'],
  registered: ['intake', REGISTERED],
  rejected: ['intake', `c.state = 'rejected'`],
  merged: ['intake', `c.state = 'merged'`],
  voided: ['intake', `c.state = 'voided'`],
  due: ['due', 'true'],
  closed: ['due', 'c.closed_at IS NOT NULL'],
  closedOnTime: ['due', 'c.closed_at <= COALESCE(c.deadline_at, c.closed_at)'],
  dispatched: ['dispatch', 'true'],
  dispatchedAccurately: ['dispatch', 'c.return_count = 0 AND c.reassign_count = 0'],
  acknowledged: ['dispatch', 'c.acknowledged_at IS NOT NULL'],
  acknowledgedOnTime: ['dispatch', 'c.acknowledged_at <= c.dispatched_at + make_interval(mins => $3::int)'],
  // Reported back since the current dispatch; on time when the latest report-back met the deadline.
  handled: ['dispatch', HANDLED],
  handledOnTime: ['dispatch', `${HANDLED} AND c.last_report_back_at <= c.deadline_at`],
  reworked: ['dispatch', 'c.rework_count > 0'],
  returned: ['dispatch', 'c.return_count > 0'],
  reopened: ['due', 'c.reopen_count > 0'],
  followedUp: ['due', 'c.satisfaction IS NOT NULL'],
  satisfied: ['due', `c.satisfaction = 'satisfied'`],
  basicallySatisfied: ['due', `c.satisfaction = 'basically_satisfied'`],
  dissatisfied: ['due', `c.satisfaction = 'dissatisfied'`],
  publicReports: ['intake', 'c.channel = ANY($2::text[])'],
  inspectorReports: ['intake', `c.channel = 'grid_worker'`],
  inspectorValidReports: ['intake', `c.channel = 'grid_worker' AND ${REGISTERED} AND c.state <> 'voided'`],
  // One row per 核实 / 核查 task (t); an unanswered task counts, not on time.
  verifyTasks: ['task', 't.verify'],
  verifiedOnTime: ['task', 't.verify AND t.on_time'],
  checkTasks: ['task', 'NOT t.verify'],
  checkedOnTime: ['task', 'NOT t.verify AND t.on_time'],
};
const RULES: [string, Anchor, string][] = [
  ...KPI_COUNTER_KEYS.map((k): [string, Anchor, string] => [snake(k), ...FACT_RULES[k]]),
  ...CASE_STATES.map((s): [string, Anchor, string] => [`st_${s}`, 'intake', `c.state = '${s}'`]),
];
const caseCols = RULES.map(([col, a, e]) =>
  a === 'task' ? `0 AS ${col}` : `COALESCE((a.anchor = '${a}' AND (${e}))::int, 0) AS ${col}`,
).join(', ');
const taskCols = RULES.map(([col, a, e]) => (a === 'task' ? `(${e})::int` : '0') + ` AS ${col}`).join(', ');
const ANSWERS = `('confirm_report', 'verify_pass', 'verify_fail')`;

const FACTS_SQL = `
WITH c AS (
  SELECT c.*, COALESCE(c.lead_unit_id, '') AS unit, COALESCE(c.category_code, '') AS cat,
    CASE WHEN c.state IN ('rejected', 'voided', 'merged') THEN NULL
         WHEN c.closed_at <= COALESCE(c.deadline_at, c.closed_at) THEN c.closed_at ELSE c.deadline_at END AS due_at,
    (SELECT max(e.at) FROM case_events e WHERE e.case_id = c.id AND e.action = 'report_back') AS last_report_back_at,
    (SELECT e.actor_id::text FROM case_events e WHERE e.case_id = c.id AND e.action = 'dispatch'
      ORDER BY e.id LIMIT 1) AS dispatcher
  FROM cases c WHERE c.id = ANY($1::uuid[])
), ev AS (
  SELECT e.case_id, e.action, e.at, lead(e.action) OVER w AS next_action, lead(e.at) OVER w AS next_at,
    lead(e.actor_id) OVER w AS next_actor
  FROM case_events e WHERE e.case_id = ANY($1::uuid[])
    AND e.action IN ('send_to_verify', 'reject', 'merge', 'report_back', ${ANSWERS.slice(1, -1)})
  WINDOW w AS (PARTITION BY e.case_id ORDER BY e.id)
), t AS (
  SELECT ev.case_id, ev.action = 'send_to_verify' AS verify,
    CASE WHEN ev.next_action IN ${ANSWERS} THEN ev.next_actor::text END AS answered_by,
    COALESCE(ev.next_action IN ${ANSWERS} AND ev.next_at <= ev.at
      + make_interval(mins => CASE WHEN ev.action = 'send_to_verify' THEN $4::int ELSE $5::int END), false) AS on_time
  FROM ev WHERE ev.action IN ('send_to_verify', 'report_back')
), r AS (
  SELECT c.id, p.person_id, a.at, c.region_code, c.unit, c.cat, ${caseCols}
  FROM c CROSS JOIN LATERAL (VALUES ('intake', c.reported_at), ('dispatch', c.dispatched_at), ('due', c.due_at)) a(anchor, at)
  CROSS JOIN LATERAL (VALUES (''), (CASE a.anchor WHEN 'dispatch' THEN c.dispatcher WHEN 'intake' THEN
    CASE WHEN c.channel = 'grid_worker' THEN c.reporter_user_id::text END END)) p(person_id)
  WHERE a.at IS NOT NULL AND p.person_id IS NOT NULL
  UNION ALL
  SELECT c.id, p.person_id, CASE WHEN t.verify THEN c.reported_at ELSE c.dispatched_at END,
    c.region_code, c.unit, c.cat, ${taskCols}
  FROM t JOIN c ON c.id = t.case_id CROSS JOIN LATERAL (VALUES (''), (t.answered_by)) p(person_id)
  WHERE p.person_id IS NOT NULL
)
INSERT INTO kpi_case_facts (case_id, person_id, day, region_code, unit_id, category_code, ${COL_LIST})
SELECT r.id, r.person_id, (r.at AT TIME ZONE 'Asia/Shanghai')::date, r.region_code, r.unit, r.cat, ${sums('r')}
FROM r WHERE r.at IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6
RETURNING day::text, region_code, unit_id, category_code, person_id`;

const KEY_FIELDS = ['day', 'region_code', 'unit_id', 'category_code', 'person_id'] as const;
/** One kpi_daily key (person_id '') or kpi_person_daily key. */
export type KpiKey = Record<(typeof KEY_FIELDS)[number], string>;

/** Which channels are public (监督举报), and the 签收, 核实, 核查 limits in wall-clock minutes. */
type Minutes = 'acknowledgeMinutes' | 'verifyMinutes' | 'checkMinutes';
export type FactLimits = Record<Minutes, number> & { publicChannels: readonly string[] };

/** Replaces the facts of these cases with ones freshly computed; returns the old and new keys. */
export async function refreshCaseFacts(q: Queryable, caseIds: string[], l: FactLimits): Promise<KpiKey[]> {
  const old = await q.query<KpiKey>(
    `DELETE FROM kpi_case_facts WHERE case_id = ANY($1::uuid[])
     RETURNING day::text, region_code, unit_id, category_code, person_id`,
    [caseIds],
  );
  const params = [caseIds, l.publicChannels, l.acknowledgeMinutes, l.verifyMinutes, l.checkMinutes];
  const now = await q.query<KpiKey>(FACTS_SQL, params);
  const seen = new Map<string, KpiKey>();
  for (const k of [...old.rows, ...now.rows]) seen.set(KEY_FIELDS.map((f) => k[f]).join('|'), k);
  return [...seen.values()];
}

const KEY_COLS = 'day, region_code, unit_id, category_code';
const KEY_MATCH = (t: string): string =>
  `${t}.day = k.day AND ${t}.region_code = k.region_code AND ${t}.unit_id = k.unit_id AND ${t}.category_code = k.category_code`;

/** Recomputes the kpi_daily (person '') and kpi_person_daily rows of these keys from the facts. */
export async function refreshDaily(q: Queryable, keys: KpiKey[]): Promise<void> {
  for (const person of [false, true]) {
    const ks = keys.filter((k) => (k.person_id !== '') === person);
    if (!ks.length) continue;
    const p = KEY_FIELDS.map((f) => ks.map((k) => k[f]));
    const table = person ? 'kpi_person_daily' : 'kpi_daily';
    const k = `unnest($1::date[], $2::text[], $3::text[], $4::text[], $5::text[]) k(${KEY_COLS}, person_id)`;
    await q.query(
      `DELETE FROM ${table} d USING ${k} WHERE ${KEY_MATCH('d')}${person ? ' AND d.person_id = k.person_id::uuid' : ''}`,
      p,
    );
    await q.query(
      `INSERT INTO ${table} (${person ? 'person_id, ' : ''}${KEY_COLS}, ${COL_LIST})
       SELECT ${person ? 'f.person_id::uuid, ' : ''}f.day, f.region_code, f.unit_id, f.category_code, ${sums('f')}
       FROM ${k} JOIN kpi_case_facts f ON ${KEY_MATCH('f')} AND f.person_id = k.person_id
       GROUP BY ${person ? '1, 2, 3, 4, 5' : '1, 2, 3, 4'}`,
      p,
    );
  }
}

/** Transaction-local: no JIT, no parallel workers (the statements below are many and small). */
const NO_JIT = `SELECT set_config('jit', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)`;

/** One cube level to rebuild for some (period, region) pairs: grain 'day' levels 6/4, 'month' 9/6/4. */
export type CubeStep = { grain: 'day' | 'month'; level: 4 | 6 | 9; periods: string[]; regions: string[] };

/**
 * Rebuilds the cube rows of a step, for its pairs only, from kpi_daily (days, and months of
 * townships) or from cube rows: months of counties from townships', of cities from days.
 * Only cities (level 4) break down by unit; counties and townships keep unit '*' alone.
 */
export async function rebuildCube(q: Queryable, s: CubeStep): Promise<void> {
  const pairs = `unnest($3::date[], $4::text[]) p(period, region_code)`;
  const params = [s.grain, s.level, s.periods, s.regions];
  await q.query(NO_JIT); // the planner takes each generate_series for 1000 rows, and would compile
  await q.query(
    `DELETE FROM kpi_cube d USING ${pairs} WHERE d.grain = $1::text AND d.level = $2::int AND d.period = p.period AND d.region_code = p.region_code`,
    params,
  );
  const source = s.grain === 'day' || s.level === 9 ? [] : s.level === 6 ? ['month', 9] : ['day', 4];
  const [grain, level] = source;
  const days =
    s.grain === 'day' || grain === 'month'
      ? `(VALUES (p.period)) s(day)`
      : `generate_series(p.period::timestamp, p.period + interval '1 month' - interval '1 day', interval '1 day') s(day)`;
  const where = level
    ? `d.grain = '${grain}' AND d.level = ${level} AND d.period = s.day::date`
    : 'd.day = s.day::date';
  const units = !level && s.level === 4 ? `('*'), (d.unit_id)` : level ? '(d.unit_id)' : `('*')`;
  // OFFSET 0: an index probe per pair (the planner cannot see how few). Ordered: '*' rows on few pages.
  await q.query(
    `INSERT INTO kpi_cube (grain, period, level, region_code, unit_id, category_code, ${COL_LIST})
     SELECT $1::text, p.period, $2::int, p.region_code, u.unit_id, d.category_code, ${sums('d')}
     FROM ${pairs} CROSS JOIN LATERAL ${days} CROSS JOIN LATERAL (SELECT * FROM ${level ? 'kpi_cube' : 'kpi_daily'} d
       WHERE ${where} AND d.region_code >= left(p.region_code, $2::int) AND d.region_code < left(p.region_code, $2::int) || ':' OFFSET 0) d
     CROSS JOIN LATERAL (VALUES ${units}) u(unit_id) GROUP BY p.period, p.region_code, u.unit_id, d.category_code
     ORDER BY u.unit_id, p.region_code, p.period, d.category_code`,
    params,
  );
}

/** A slice: regions (12-digit codes, none inside another), optional units, person, category, days [from, to). */
export interface KpiSlice {
  regions: string[];
  unitIds?: string[] | undefined;
  personId?: string | undefined;
  categoryCode?: string | undefined;
  from: string;
  to: string;
}

/** One category's sums in a slice: the counters and the current states of its cases. */
export interface KpiCategoryRow {
  category_code: string;
  name: string | null;
  counters: KpiCounters;
  states: Record<CaseState, number>;
}

/** The 1st of the month after the date's ('YYYY-MM-DD'; Date.UTC's months count from 0). */
const nextMonth = (d: string): string =>
  new Date(Date.UTC(+d.slice(0, 4), +d.slice(5, 7), 1)).toISOString().slice(0, 10);

/**
 * Sums the slice per category. Whole months come from the cube's month rows, the odd days at
 * the ends from its day rows (county and up) or kpi_daily (township, village: a few rows a day).
 * A person's rows come from kpi_person_daily.
 */
export async function sumKpiSlice(q: Queryable, s: KpiSlice): Promise<KpiCategoryRow[]> {
  const params: unknown[] = [];
  const $ = (v: unknown): string => `$${params.push(v)}`;
  const filters = (t: string, cube: boolean): string =>
    (s.unitIds ? ` AND ${t}.unit_id = ANY(${$(s.unitIds)}::text[])` : cube ? ` AND ${t}.unit_id = '*'` : '') +
    (s.categoryCode ? ` AND ${t}.category_code = ${$(s.categoryCode)}` : '');
  const daily = (from: string, to: string, prefix: string): string =>
    `SELECT d.category_code, ${COL_LIST} FROM generate_series(${$(from)}::timestamp, ${$(to)}::date - 1, interval '1 day') s(day)
     CROSS JOIN LATERAL (SELECT * FROM kpi_daily d WHERE d.day = s.day::date AND d.region_code >= ${$(prefix)}
       AND d.region_code < ${$(prefix + ':')}${filters('d', false)} OFFSET 0) d`;
  // No province rows: a province is the sum of its cities.
  const cube = (grain: string, from: string, to: string, region: string): string =>
    `SELECT d.category_code, ${COL_LIST} FROM kpi_cube d WHERE d.grain = '${grain}' AND d.region_code ${
      region.endsWith('0000000000')
        ? `IN (SELECT code FROM regions WHERE level = 'city' AND code LIKE ${$(region.slice(0, 2) + '%')})`
        : `= ${$(region)}`
    }
     AND d.period >= ${$(from)}::date AND d.period < ${$(to)}::date${filters('d', true)}`;
  const parts: string[] = [];
  if (s.personId) {
    const like = s.regions.map((r) => scopePrefix(r) + '%');
    parts.push(`SELECT d.category_code, ${COL_LIST} FROM kpi_person_daily d WHERE d.person_id = ${$(s.personId)}::uuid
      AND d.day >= ${$(s.from)}::date AND d.day < ${$(s.to)}::date AND d.region_code LIKE ANY(${$(like)}::text[])${filters('d', false)}`);
  } else {
    const mFrom = s.from.endsWith('-01') ? s.from : nextMonth(s.from);
    const mTo = s.to.slice(0, 8) + '01';
    const cuts = mFrom < mTo ? [s.from, mFrom, mTo, s.to] : [s.from, s.to]; // odd days: [cut 0, 1), [2, 3)
    for (const r of s.regions) {
      const n = scopePrefix(r).length;
      // Villages, and units below the city (the cube has unit rows for cities only): kpi_daily.
      if (n === 12 || (s.unitIds && n > 4)) {
        parts.push(daily(s.from, s.to, r.slice(0, n)));
        continue;
      }
      if (mFrom < mTo) parts.push(cube('month', mFrom, mTo, r));
      for (let i = 0; i < cuts.length; i += 2) {
        const [a, b] = [cuts[i]!, cuts[i + 1]!];
        if (a < b) parts.push(n <= 6 ? cube('day', a, b, r) : daily(a, b, r.slice(0, n)));
      }
    }
  }
  await q.query(NO_JIT); // a few thousand rows by design: compiling or parallel workers only cost time
  const r = await q.query<Record<string, number> & { category_code: string; name: string | null }>(
    `SELECT x.category_code, c.name, ${COLS.map((col) => `x.${col}`).join(', ')}
     FROM (SELECT p.category_code, ${sums('p')} FROM (${parts.join(' UNION ALL ')}) p GROUP BY p.category_code) x
     LEFT JOIN categories c ON c.code = x.category_code ORDER BY x.reported DESC, x.category_code`,
    params,
  );
  return r.rows.map((row) => {
    const counters = emptyCounters();
    for (const k of KPI_COUNTER_KEYS) counters[k] = Number(row[snake(k)] ?? 0);
    const states = Object.fromEntries(CASE_STATES.map((st) => [st, Number(row[`st_${st}`] ?? 0)]));
    return { category_code: row.category_code, name: row.name, counters, states } as KpiCategoryRow;
  });
}

/** The highest case_events id with no insert below it in flight (SHARE waits for writers); own transaction. */
export async function lockedEventHorizon(q: Queryable): Promise<number> {
  await q.query(`SET LOCAL lock_timeout = '5s'`);
  await q.query('LOCK TABLE case_events IN SHARE MODE');
  return (await q.query<{ n: number }>('SELECT COALESCE(max(id), 0)::int8 AS n FROM case_events')).rows[0]!.n;
}

/** Locks a job's watermark row (an upsert locks it like FOR UPDATE) and returns its value (0 when new). */
export async function claimWatermark(q: Queryable, job: string): Promise<number> {
  const sql = `INSERT INTO job_watermarks (job, value) VALUES ($1, 0)
    ON CONFLICT (job) DO UPDATE SET job = EXCLUDED.job RETURNING value`;
  return (await q.query<{ value: number }>(sql, [job])).rows[0]!.value;
}

/** Moves a job's watermark (inside the transaction that claimed it). */
export async function setWatermark(q: Queryable, job: string, value: number, at: Date): Promise<void> {
  await q.query('UPDATE job_watermarks SET value = $2, updated_at = $3 WHERE job = $1', [job, value, at]);
}

/** The next events after the watermark, up to the horizon: the last id and the distinct cases (null: none). */
export async function eventsAfter(q: Queryable, after: number, upTo: number, limit: number) {
  const sql = 'SELECT id, case_id FROM case_events WHERE id > $1 AND id <= $2 ORDER BY id LIMIT $3';
  const rows = (await q.query<{ id: number; case_id: string }>(sql, [after, upTo, limit])).rows;
  const caseIds = [...new Set(rows.map((e) => e.case_id))];
  return rows.length ? { lastId: rows[rows.length - 1]!.id, events: rows.length, caseIds } : null;
}

/** Grouping of a breakdown read straight from the daily rollups (bounded by the period, not the history). */
export type KpiGroupBy = 'unit' | 'person' | 'day';

export interface KpiGroupedSlice {
  by: KpiGroupBy;
  /** Region codes (12 digits) whose subtrees are summed. */
  regions: string[];
  unitIds?: string[] | undefined;
  categoryCode?: string | undefined;
  from: string;
  to: string;
}

/** Counters per unit, per person (inspectors, dispatchers) or per day of a slice. */
export async function sumKpiGrouped(
  q: Queryable,
  s: KpiGroupedSlice,
): Promise<{ key: string; counters: KpiCounters }[]> {
  const table = s.by === 'person' ? 'kpi_person_daily' : 'kpi_daily';
  const key =
    s.by === 'person' ? 'd.person_id::text' : s.by === 'unit' ? 'd.unit_id' : `to_char(d.day, 'YYYY-MM-DD')`;
  const like = s.regions.map((r) => scopePrefix(r) + '%');
  await q.query(NO_JIT);
  const r = await q.query<Record<string, number> & { key: string }>(
    `SELECT ${key} AS key, ${sums('d')} FROM ${table} d
     WHERE d.day >= $1::date AND d.day < $2::date AND d.region_code LIKE ANY($3::text[])
       AND ($4::text[] IS NULL OR d.unit_id = ANY($4::text[])) AND ($5::text IS NULL OR d.category_code = $5)
       ${s.by === 'unit' ? `AND d.unit_id <> ''` : ''}
     GROUP BY 1 ORDER BY 1`,
    [s.from, s.to, like, s.unitIds ?? null, s.categoryCode ?? null],
  );
  return r.rows.map((row) => {
    const counters = emptyCounters();
    for (const k of KPI_COUNTER_KEYS) counters[k] = Number(row[snake(k)] ?? 0);
    return { key: row.key, counters };
  });
}
