// KPI formulas: a hand-described month of one street, its counters counted by hand and its rates
// computed by hand; rounding and zero denominators; counters add like a commutative monoid.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  KPI_COUNTER_KEYS,
  KPI_DEFINITIONS,
  addCounters,
  emptyCounters,
  kpiRates,
  ratio,
  type KpiCounters,
  type KpiRates,
} from '../../src/domain/kpi/formulas.ts';

// One street, one month. 13 reports: 10 by inspectors, 3 from the public (hotline C3, resident app C4,
// merchant C7).
//   R12  inspector report of a non-problem                → 不予立案 (rejected)
//   R13  inspector report duplicating C3                  → 合并 (merged)
//   C11  inspector report, registered by mistake          → 作废 (voided) before dispatch; not due
//   C1   inspector; right unit; 签收 on time; reported back on time; 核查 passed; closed on time; 满意
//   C2   inspector; like C1 but 基本满意
//   C3   hotline, 核实 on time; right unit; 签收 on time; reported back late; closed late; 不满意 → 重办
//        on the 30th (the redo belongs to next month; this closure still counts)
//   C4   resident app, 核实 on time; unit 退回 (属地不符), 改派 to the right unit; 签收 on time;
//        reported back on time; first 核查 failed (返工), second passed; closed on time; 满意
//   C5   inspector; right unit; 签收 late; reported back on time; closed on time; not followed up
//   C6   inspector; right unit; 签收 on time; first report-back on time but 核查 failed (返工), the
//        second came after the deadline (so not handled on time); the second 核查 was late; closed late; 满意
//   C7   merchant, 核实 on time; the dispatcher corrected the unit himself (改派, no 退回);
//        签收 on time; reported back on time; closed on time; 不满意 (not reopened)
//   C8   inspector; right unit; 签收 late; still handling at month end, past its deadline
//   C9   inspector; right unit; never acknowledged, past its deadline
//   C10  inspector; right unit; not yet acknowledged; deadline next month → not due
// Report-backs: C1–C7 once, plus C4 and C6 again after rework = 9 核查 tasks, one late (C6's second).
const MONTH: KpiCounters = {
  reported: 13,
  registered: 11, // C1–C11
  rejected: 1, // R12
  merged: 1, // R13
  voided: 1, // C11
  due: 9, // C1–C9
  closed: 7, // C1–C7
  closedOnTime: 5, // C1 C2 C4 C5 C7
  dispatched: 10, // C1–C10
  dispatchedAccurately: 8, // all but C4 (returned) and C7 (reassigned)
  acknowledged: 8, // C1–C8
  acknowledgedOnTime: 6, // C1 C2 C3 C4 C6 C7
  handled: 7, // C1–C7
  handledOnTime: 5, // C1 C2 C4 C5 C7
  reworked: 2, // C4 C6
  returned: 1, // C4
  reopened: 1, // C3
  followedUp: 6, // C1 C2 C3 C4 C6 C7
  satisfied: 3, // C1 C4 C6
  basicallySatisfied: 1, // C2
  dissatisfied: 2, // C3 C7
  publicReports: 3, // C3 C4 C7
  inspectorReports: 10, // C1 C2 C5 C6 C8 C9 C10 C11 R12 R13
  inspectorValidReports: 7, // C1 C2 C5 C6 C8 C9 C10 (C11 voided, R12 rejected, R13 a duplicate)
  verifyTasks: 3, // C3 C4 C7
  verifiedOnTime: 3,
  checkTasks: 9,
  checkedOnTime: 8,
};

// Computed by hand, rounded half up at the 4th decimal.
const MONTH_RATES: KpiRates = {
  closureRate: 0.7778, // 7/9 = 0.77777…
  onTimeClosureRate: 0.5556, // 5/9 = 0.55555…
  reworkRate: 0.2857, // 2/7 = 0.285714…
  timelyAcknowledgementRate: 0.6, // 6/10
  onTimeHandlingRate: 0.625, // 5/8
  satisfactionRate: 0.6667, // (3+1)/6 = 0.66666…
  publicReportRate: 0.2308, // 3/13 = 0.230769…
  accurateDispatchRate: 0.8, // 8/10
  returnRate: 0.1, // 1/10
  reopenRate: 0.1429, // 1/7 = 0.142857…
  inspectorValidReportRate: 0.7, // 7/10
  inspectorOnTimeVerifyRate: 1, // 3/3
  inspectorOnTimeCheckRate: 0.8889, // 8/9 = 0.88888…
};

const ALL_NULL: KpiRates = {
  closureRate: null,
  onTimeClosureRate: null,
  reworkRate: null,
  timelyAcknowledgementRate: null,
  onTimeHandlingRate: null,
  satisfactionRate: null,
  publicReportRate: null,
  accurateDispatchRate: null,
  returnRate: null,
  reopenRate: null,
  inspectorValidReportRate: null,
  inspectorOnTimeVerifyRate: null,
  inspectorOnTimeCheckRate: null,
};

void test('a hand-counted month gives the hand-computed rates', () => {
  assert.deepEqual(kpiRates(MONTH), MONTH_RATES);
});

void test('the hand-counted month is internally consistent', () => {
  const m = MONTH;
  assert.equal(m.reported, m.registered + m.rejected + m.merged);
  assert.equal(m.reported, m.publicReports + m.inspectorReports);
  assert.equal(m.followedUp, m.satisfied + m.basicallySatisfied + m.dissatisfied);
  assert.ok(m.closedOnTime <= m.closed && m.closed <= m.due);
  assert.ok(m.handledOnTime <= m.handled && m.handled <= m.acknowledged && m.acknowledged <= m.dispatched);
});

void test('zero denominators give null, not 0 and not NaN', () => {
  assert.deepEqual(kpiRates(emptyCounters()), ALL_NULL);
  // Cases were reported but none was dispatched, due, followed up or checked yet.
  const early: KpiCounters = { ...emptyCounters(), reported: 4, publicReports: 1, inspectorReports: 3 };
  assert.deepEqual(kpiRates(early), { ...ALL_NULL, publicReportRate: 0.25, inspectorValidReportRate: 0 });
});

void test('a zero numerator over a non-zero denominator is 0', () => {
  const r = kpiRates({ ...emptyCounters(), due: 5, handled: 3, dispatched: 2, dispatchedAccurately: 2 });
  assert.equal(r.closureRate, 0);
  assert.equal(r.onTimeClosureRate, 0);
  assert.equal(r.reworkRate, 0);
  assert.equal(r.returnRate, 0);
  assert.equal(r.accurateDispatchRate, 1);
  assert.equal(r.reopenRate, null);
});

void test('rounding: 4 decimals, half up', () => {
  const cases: [number, number, number][] = [
    [1, 3, 0.3333],
    [2, 3, 0.6667],
    [1, 8, 0.125],
    [1, 32, 0.0313], // 0.03125 → half up
    [3, 32, 0.0938], // 0.09375 → half up
    [1, 20_000, 0.0001], // 0.00005 → half up
    [1, 20_001, 0], // 0.0000499…
    [988, 1000, 0.988], // Zhangzhou's 98.8%
    [9999, 10_000, 0.9999],
    [19_999, 20_000, 1], // 0.99995 → 1
    [7, 7, 1],
    [0, 7, 0],
  ];
  for (const [n, d, want] of cases) assert.equal(ratio(n, d), want, `${n}/${d}`);
  assert.equal(ratio(5, 0), null);
});

void test('rolled-up rates divide summed counters; they do not average sub-rates', () => {
  // Grid A: 1 of 2 due closed (50%); grid B: 1 of 4 (25%). The community: 2 of 6, not 37.5%.
  const a: KpiCounters = { ...emptyCounters(), due: 2, closed: 1 };
  const b: KpiCounters = { ...emptyCounters(), due: 4, closed: 1 };
  assert.equal(kpiRates(a).closureRate, 0.5);
  assert.equal(kpiRates(b).closureRate, 0.25);
  assert.equal(kpiRates(addCounters(a, b)).closureRate, 0.3333);
  // The month added to itself keeps every rate.
  assert.deepEqual(kpiRates(addCounters(MONTH, MONTH)), MONTH_RATES);
});

void test('KPI_DEFINITIONS: one entry per rate, bilingual, over real counters', () => {
  const keys = KPI_DEFINITIONS.map((d) => d.key);
  assert.deepEqual([...keys].sort(), Object.keys(ALL_NULL).sort());
  assert.equal(new Set(keys).size, keys.length);
  for (const d of KPI_DEFINITIONS) {
    for (const s of [d.zh, d.en, d.formula_zh, d.formula_en]) assert.ok(s.trim().length > 0, d.key);
    for (const k of [...d.numerator, d.denominator])
      assert.ok(KPI_COUNTER_KEYS.includes(k), `${d.key}: ${k}`);
  }
  const byKey = new Map(KPI_DEFINITIONS.map((d) => [d.key, d]));
  assert.equal(byKey.get('closureRate')?.zh, '结案率');
  assert.equal(byKey.get('onTimeClosureRate')?.zh, '按期结案率');
  assert.deepEqual(byKey.get('satisfactionRate')?.numerator, ['satisfied', 'basicallySatisfied']);
  assert.equal(byKey.get('reopenRate')?.denominator, 'closed');
});

void test('emptyCounters has every counter at 0, and fresh objects each call', () => {
  const e = emptyCounters();
  assert.equal(KPI_COUNTER_KEYS.length, 28);
  for (const k of KPI_COUNTER_KEYS) assert.equal(e[k], 0);
  e.closed = 3;
  assert.equal(emptyCounters().closed, 0);
});

const counters: fc.Arbitrary<KpiCounters> = fc.record(
  Object.fromEntries(KPI_COUNTER_KEYS.map((k) => [k, fc.nat({ max: 1_000_000 })])) as Record<
    keyof KpiCounters,
    fc.Arbitrary<number>
  >,
  { noNullPrototype: true },
);

void test('addCounters is associative and commutative, with emptyCounters as identity', () => {
  fc.assert(
    fc.property(counters, counters, counters, (a, b, c) => {
      assert.deepEqual(addCounters(addCounters(a, b), c), addCounters(a, addCounters(b, c)));
      assert.deepEqual(addCounters(a, b), addCounters(b, a));
      assert.deepEqual(addCounters(a, emptyCounters()), a);
    }),
  );
});

void test('addCounters does not mutate its inputs', () => {
  fc.assert(
    fc.property(counters, counters, (a, b) => {
      const [a0, b0] = [{ ...a }, { ...b }];
      addCounters(a, b);
      assert.deepEqual(a, a0);
      assert.deepEqual(b, b0);
    }),
  );
});

void test('kpiRates: every rate is null exactly when its denominator is 0, else the rounded ratio', () => {
  fc.assert(
    fc.property(counters, (c) => {
      const r = kpiRates(c);
      for (const d of KPI_DEFINITIONS) {
        const den = c[d.denominator];
        const num = d.numerator.reduce((s, k) => s + c[k], 0);
        const got = r[d.key];
        if (den === 0) assert.equal(got, null, d.key);
        else {
          assert.ok(got !== null && Number.isFinite(got), d.key);
          assert.ok(Math.abs(got - num / den) <= 0.00005 + 1e-12, d.key);
          assert.equal(Math.round(got * 10_000) / 10_000, got, d.key);
        }
      }
    }),
  );
});
