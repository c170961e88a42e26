// The shapes of the KPI formulas (CJ/T 292 style evaluation of 数字城管 / 网格化 work, plus the
// 12345 hotline rates). Counters are plain sums over one slice — a region subtree, a unit, a person,
// a period — so rollups can add them and the same formulas apply at every level.

/** Event counts for one slice. Every field is a non-negative integer; slices combine by addition. */
export interface KpiCounters {
  /** 上报数: reports received from every channel. */
  reported: number;
  /** 立案数: reports accepted as cases. */
  registered: number;
  /** 不予立案数. */
  rejected: number;
  /** 合并数: reports merged into another case as duplicates. */
  merged: number;
  /** 作废数. */
  voided: number;
  /** 应结案数: registered cases whose deadline fell inside the period, plus those closed early. */
  due: number;
  /** 结案数. */
  closed: number;
  /** 按期结案数: closed no later than the deadline (extensions included). */
  closedOnTime: number;
  /** 派遣数. */
  dispatched: number;
  /** 准确派遣数: dispatched with no return and no reassignment. */
  dispatchedAccurately: number;
  /** 签收数. */
  acknowledged: number;
  /** 按时签收数: acknowledged within the acknowledgement limit. */
  acknowledgedOnTime: number;
  /** 处置数: cases whose unit reported back. */
  handled: number;
  /** 按时处置数: reported back within the handling deadline. */
  handledOnTime: number;
  /** 返工数: failed verification at least once. */
  reworked: number;
  /** 回退数 (退回). */
  returned: number;
  /** 重办数. */
  reopened: number;
  /** 回访数. */
  followedUp: number;
  /** 满意. */
  satisfied: number;
  /** 基本满意. */
  basicallySatisfied: number;
  /** 不满意. */
  dissatisfied: number;
  /** 监督举报数: reports from residents, the hotline and merchants (not from inspectors or grid workers). */
  publicReports: number;
  /** 监督员上报数. */
  inspectorReports: number;
  /** 监督员有效上报数: inspector reports that were registered. */
  inspectorValidReports: number;
  /** 核实任务数. */
  verifyTasks: number;
  /** 按时核实数. */
  verifiedOnTime: number;
  /** 核查任务数 (one per report-back). */
  checkTasks: number;
  /** 按时核查数. */
  checkedOnTime: number;
}

export type KpiCounterKey = keyof KpiCounters;

/** The rates, each in [0, 1] for consistent counters, rounded to 4 decimals; null when the denominator is 0. */
export interface KpiRates {
  closureRate: number | null;
  onTimeClosureRate: number | null;
  reworkRate: number | null;
  timelyAcknowledgementRate: number | null;
  onTimeHandlingRate: number | null;
  satisfactionRate: number | null;
  publicReportRate: number | null;
  accurateDispatchRate: number | null;
  returnRate: number | null;
  reopenRate: number | null;
  inspectorValidReportRate: number | null;
  inspectorOnTimeVerifyRate: number | null;
  inspectorOnTimeCheckRate: number | null;
}

export type KpiRateKey = keyof KpiRates;

/** One rate as the API and the big screen show it: names, the formula in words, and its counters. */
export interface KpiDefinition {
  key: KpiRateKey;
  zh: string;
  en: string;
  formula_zh: string;
  formula_en: string;
  /** Counters summed for the numerator (more than one for 满意率). */
  numerator: readonly KpiCounterKey[];
  denominator: KpiCounterKey;
}
