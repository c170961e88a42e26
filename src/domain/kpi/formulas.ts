// The KPI formulas, written once: rollups, the API and the big screen all call `kpiRates` on counters.
// They follow the evaluation of CJ/T 292 (数字化城市管理信息系统 绩效评价) — area, unit and role
// rates over cases due, dispatched and handled in a period — plus the 12345 hotline rates
// (满意率, 回退率, 重办率). Each rate is a ratio of counters, never an average of sub-rates, so a
// city's rate is its districts' counters added, then divided.
import type { KpiCounterKey, KpiCounters, KpiDefinition, KpiRateKey, KpiRates } from './types.ts';

export type { KpiCounterKey, KpiCounters, KpiDefinition, KpiRateKey, KpiRates } from './types.ts';

/** All counters at zero: the identity of `addCounters`. */
export function emptyCounters(): KpiCounters {
  return {
    reported: 0,
    registered: 0,
    rejected: 0,
    merged: 0,
    voided: 0,
    due: 0,
    closed: 0,
    closedOnTime: 0,
    dispatched: 0,
    dispatchedAccurately: 0,
    acknowledged: 0,
    acknowledgedOnTime: 0,
    handled: 0,
    handledOnTime: 0,
    reworked: 0,
    returned: 0,
    reopened: 0,
    followedUp: 0,
    satisfied: 0,
    basicallySatisfied: 0,
    dissatisfied: 0,
    publicReports: 0,
    inspectorReports: 0,
    inspectorValidReports: 0,
    verifyTasks: 0,
    verifiedOnTime: 0,
    checkTasks: 0,
    checkedOnTime: 0,
  };
}

/** Every counter key, in declaration order. */
export const KPI_COUNTER_KEYS = Object.keys(emptyCounters()) as KpiCounterKey[];

/** Field-wise sum of two slices (e.g. two grids of one community, two days of one month). */
export function addCounters(a: KpiCounters, b: KpiCounters): KpiCounters {
  const out = emptyCounters();
  for (const k of KPI_COUNTER_KEYS) out[k] = a[k] + b[k];
  return out;
}

type Formula = Omit<KpiDefinition, 'key'>;

// A Record, so a rate without a formula (or a formula without a rate) does not compile.
const FORMULAS: Record<KpiRateKey, Formula> = {
  // Area (区域评价). 结案率: of the cases that were due in the period, the share that was closed.
  closureRate: {
    zh: '结案率',
    en: 'Closure rate',
    formula_zh: '结案数 ÷ 应结案数',
    formula_en: 'closed ÷ due',
    numerator: ['closed'],
    denominator: 'due',
  },
  // 按期结案率: the same denominator, counting only cases closed by their (extended) deadline.
  onTimeClosureRate: {
    zh: '按期结案率',
    en: 'On-time closure rate',
    formula_zh: '按期结案数 ÷ 应结案数',
    formula_en: 'closed on time ÷ due',
    numerator: ['closedOnTime'],
    denominator: 'due',
  },
  // Unit (专业部门评价). 返工率: of the cases a unit handled, the share sent back after a failed 核查.
  reworkRate: {
    zh: '返工率',
    en: 'Rework rate',
    formula_zh: '返工数 ÷ 处置数',
    formula_en: 'reworked ÷ handled',
    numerator: ['reworked'],
    denominator: 'handled',
  },
  // 及时签收率: of the cases dispatched to a unit, the share it acknowledged within the limit.
  timelyAcknowledgementRate: {
    zh: '及时签收率',
    en: 'Timely acknowledgement rate',
    formula_zh: '按时签收数 ÷ 派遣数',
    formula_en: 'acknowledged on time ÷ dispatched',
    numerator: ['acknowledgedOnTime'],
    denominator: 'dispatched',
  },
  // 按时处置率: of the cases a unit acknowledged, the share it reported back within the deadline.
  onTimeHandlingRate: {
    zh: '按时处置率',
    en: 'On-time handling rate',
    formula_zh: '按时处置数 ÷ 签收数',
    formula_en: 'handled on time ÷ acknowledged',
    numerator: ['handledOnTime'],
    denominator: 'acknowledged',
  },
  // 12345 满意率: of the reporters asked at follow-up, those 满意 or 基本满意 — hotline practice
  // counts 基本满意 as satisfied; only 不满意 counts against the unit (and may lead to 重办).
  satisfactionRate: {
    zh: '满意率',
    en: 'Satisfaction rate',
    formula_zh: '(满意数 + 基本满意数) ÷ 回访数',
    formula_en: '(satisfied + basically satisfied) ÷ followed up',
    numerator: ['satisfied', 'basicallySatisfied'],
    denominator: 'followedUp',
  },
  // 监督举报率: the share of reports that came from the public (residents, hotline, merchants)
  // rather than from inspectors — high means the patrol misses what people see.
  publicReportRate: {
    zh: '监督举报率',
    en: 'Public report rate',
    formula_zh: '公众举报数 ÷ 上报数',
    formula_en: 'public reports ÷ reported',
    numerator: ['publicReports'],
    denominator: 'reported',
  },
  // Dispatcher (派遣员评价). 准确派遣率: dispatched to the right unit first time (no 退回, no 改派).
  accurateDispatchRate: {
    zh: '准确派遣率',
    en: 'Accurate dispatch rate',
    formula_zh: '准确派遣数 ÷ 派遣数',
    formula_en: 'dispatched accurately ÷ dispatched',
    numerator: ['dispatchedAccurately'],
    denominator: 'dispatched',
  },
  // 12345 回退率: the share of dispatched cases a unit sent back (退单).
  returnRate: {
    zh: '回退率',
    en: 'Return rate',
    formula_zh: '回退数 ÷ 派遣数',
    formula_en: 'returned ÷ dispatched',
    numerator: ['returned'],
    denominator: 'dispatched',
  },
  // 12345 重办率: the share of closed cases reopened after a 不满意 follow-up.
  reopenRate: {
    zh: '重办率',
    en: 'Reopen rate',
    formula_zh: '重办数 ÷ 结案数',
    formula_en: 'reopened ÷ closed',
    numerator: ['reopened'],
    denominator: 'closed',
  },
  // Inspector (监督员评价). 有效上报率: the share of an inspector's reports that became cases.
  inspectorValidReportRate: {
    zh: '有效上报率',
    en: 'Valid report rate (inspector)',
    formula_zh: '有效上报数 ÷ 监督员上报数',
    formula_en: 'valid inspector reports ÷ inspector reports',
    numerator: ['inspectorValidReports'],
    denominator: 'inspectorReports',
  },
  // 按时核实率: 核实 tasks (is the public report genuine?) answered within the limit.
  inspectorOnTimeVerifyRate: {
    zh: '按时核实率',
    en: 'On-time verification rate (inspector)',
    formula_zh: '按时核实数 ÷ 核实任务数',
    formula_en: 'verified on time ÷ verification tasks',
    numerator: ['verifiedOnTime'],
    denominator: 'verifyTasks',
  },
  // 按时核查率: 核查 tasks (is the reported-back result real?) answered within the limit.
  inspectorOnTimeCheckRate: {
    zh: '按时核查率',
    en: 'On-time check rate (inspector)',
    formula_zh: '按时核查数 ÷ 核查任务数',
    formula_en: 'checked on time ÷ check tasks',
    numerator: ['checkedOnTime'],
    denominator: 'checkTasks',
  },
};

/** Every rate with its names and formula, in display order: the API serves this list as is. */
export const KPI_DEFINITIONS: readonly KpiDefinition[] = (Object.keys(FORMULAS) as KpiRateKey[]).map(
  (key) => ({ key, ...FORMULAS[key] }),
);

/**
 * numerator ÷ denominator rounded to 4 decimals (0.01 percentage point: enough for the 98.80% style
 * of the reports, stable across engines); null when the denominator is 0 — "no cases", not 0%.
 * Rounding happens only here, at the end, so rolled-up counters never carry rounding error.
 */
export function ratio(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  // numerator × 10⁴ is an exact integer for counters, so the only rounding is Math.round's (half up).
  return Math.round((numerator * 10_000) / denominator) / 10_000;
}

/** All rates of one slice. Pure; counters that break their own invariants (closed > due) are not clamped. */
export function kpiRates(c: KpiCounters): KpiRates {
  const out = {} as KpiRates;
  for (const d of KPI_DEFINITIONS) {
    out[d.key] = ratio(
      d.numerator.reduce((s, k) => s + c[k], 0),
      c[d.denominator],
    );
  }
  return out;
}
