// Working calendar and time limits: hand-checked instants around the 2025/2026 holidays and 调休 days,
// validation of calendar data and working hours, and properties checked against a brute-force oracle.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { AppError } from '../../src/domain/errors.ts';
import {
  buildWorkingCalendar,
  calendarYearsFromReference,
  localDateOf,
  localInstant,
  parseCalendarYear,
  type CalendarYear,
} from '../../src/domain/calendar/working-calendar.ts';
import {
  deadlineFor,
  describeTimeLimit,
  formatTimeLimit,
  parseTimeLimit,
  type TimeLimit,
} from '../../src/domain/calendar/time-limit.ts';

const HOUR = 3_600_000;
const reference: unknown = JSON.parse(
  readFileSync(new URL('../../reference/cn-holidays.json', import.meta.url), 'utf8'),
);
const years = calendarYearsFromReference(reference);
const cal = buildWorkingCalendar(years);

/** 'YYYY-MM-DDTHH:MM' Shanghai wall-clock time, built without the module under test. */
function sh(s: string): Date {
  return new Date(`${s}:00+08:00`);
}
function iso(d: Date): string {
  return new Date(d.getTime() + 8 * HOUR).toISOString().slice(0, 16); // Shanghai wall clock, for messages
}

function issueFields(fn: () => unknown, code: string): string[] {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof AppError, `expected AppError, got ${String(err)}`);
    assert.equal(err.code, code);
    for (const it of err.issues) {
      assert.match(it.zh, /[\u4e00-\u9fff]/, `zh reason for ${it.field}`);
      assert.match(it.en, /[a-z]{3}/i, `en reason for ${it.field}`);
    }
    return err.issues.map((i) => i.field);
  }
  assert.fail('expected a throw');
}

// ---------------------------------------------------------------- independent oracle (brute force)

const holidaySet = new Set<string>();
const makeupSet = new Set<string>();
for (const y of Object.values((reference as { years: Record<string, Record<string, unknown>> }).years)) {
  for (const h of y.holidays as { days: string[] }[]) for (const d of h.days) holidaySet.add(d);
  for (const d of y.makeup_workdays as string[]) makeupSet.add(d);
}
const PERIODS: [number, number][] = [
  [8.5 * HOUR, 12 * HOUR],
  [14 * HOUR, 17.5 * HOUR],
];
function oracleWorking(date: string): boolean {
  if (makeupSet.has(date)) return true;
  const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
  return wd >= 1 && wd <= 5 && !holidaySet.has(date);
}
/** Working periods of the days from `from`'s day on, as absolute [start, end) ms, in order. */
function* oraclePeriods(fromMs: number): Generator<[number, number]> {
  const shift = 8 * HOUR;
  let midnight = Math.floor((fromMs + shift) / 86_400_000) * 86_400_000 - shift;
  for (;;) {
    const date = new Date(midnight + shift).toISOString().slice(0, 10);
    if (oracleWorking(date)) for (const [s, e] of PERIODS) yield [midnight + s, midnight + e];
    midnight += 86_400_000;
  }
}
function oracleBetween(a: number, b: number): number {
  if (b < a) return 0 - oracleBetween(b, a); // 0 - x: +0, not -0
  let sum = 0;
  for (const [s, e] of oraclePeriods(a)) {
    if (s >= b) break;
    sum += Math.max(0, Math.min(e, b) - Math.max(s, a));
  }
  return sum;
}
function oracleAdd(t: number, ms: number): number {
  let left = ms;
  for (const [s, e] of oraclePeriods(t)) {
    const from = Math.max(s, t);
    if (from >= e) continue;
    if (left <= e - from) return from + left;
    left -= e - from;
  }
  throw new Error('unreachable');
}

// ---------------------------------------------------------------- data

void test('reference file loads 2025 and 2026 with every holiday and make-up day', () => {
  assert.deepEqual(
    years.map((y) => [y.year, y.holidays.length, y.makeupWorkdays.length]),
    [
      [2025, 6, 5],
      [2026, 7, 6],
    ],
  );
  assert.equal(cal.hasYear(2025), true);
  assert.equal(cal.hasYear(2026), true);
  assert.equal(cal.hasYear(2027), false);
  assert.equal(cal.workingMsPerDay, 7 * HOUR);
});

void test('isWorkingDay: holidays, 调休 weekends, plain weekends and weekdays', () => {
  const table: [string, boolean][] = [
    ['2025-01-01', false], // 元旦, Wednesday
    ['2025-01-25', false], // plain Saturday
    ['2025-01-26', true], // Sunday, 调休 for 春节
    ['2025-01-27', true], // Monday before 春节
    ['2025-01-28', false], // 春节
    ['2025-02-04', false], // last day of 春节, Tuesday
    ['2025-02-05', true],
    ['2025-02-08', true], // Saturday, 调休
    ['2025-02-09', false], // Sunday
    ['2025-04-27', true], // Sunday, 调休 for 劳动节
    ['2025-09-28', true], // Sunday, 调休 for 国庆
    ['2025-10-08', false], // 国庆/中秋, Wednesday
    ['2025-10-11', true], // Saturday, 调休
    ['2026-01-04', true], // Sunday, 调休 for 元旦
    ['2026-02-14', true], // Saturday, 调休 for 春节
    ['2026-02-23', false], // 春节, Monday
    ['2026-10-01', false],
    ['2026-10-07', false], // 国庆, Wednesday
    ['2026-10-08', true],
    ['2026-10-10', true], // Saturday, 调休
    ['2026-10-11', false], // Sunday
    ['2026-12-31', true], // Thursday
    ['2027-01-01', true], // no 2027 data: plain Friday
    ['2027-01-02', false], // Saturday
  ];
  for (const [date, expected] of table) assert.equal(cal.isWorkingDay(date), expected, date);
  assert.deepEqual(
    issueFields(() => cal.isWorkingDay('2025-13-01'), 'VALIDATION_FAILED'),
    ['localDate'],
  );
});

void test('2025 and 2026 each have 248 working days; 2027 falls back to its 261 weekdays', () => {
  const between = (a: string, b: string): number => cal.workingMsBetween(sh(a), sh(b)) / cal.workingMsPerDay;
  assert.equal(between('2025-01-01T00:00', '2026-01-01T00:00'), 248);
  assert.equal(between('2026-01-01T00:00', '2027-01-01T00:00'), 248);
  assert.equal(between('2027-01-01T00:00', '2028-01-01T00:00'), 261);
});

void test('year fallback: a calendar without 2026 data treats 2026 holidays as plain weekdays', () => {
  const only2025 = buildWorkingCalendar(years.filter((y) => y.year === 2025));
  assert.equal(only2025.hasYear(2026), false);
  assert.equal(only2025.isWorkingDay('2026-10-01'), true); // Thursday
  assert.equal(only2025.isWorkingDay('2026-10-10'), false); // Saturday, 调休 unknown without data
  assert.equal(only2025.isWorkingDay('2025-10-01'), false);
  // 2026-09-30 (Wed) 16:00 + 1 working day: 1.5 h on Wed, 5.5 h on Thu 10-01 → 16:00
  assert.equal(iso(only2025.addWorkingDays(sh('2026-09-30T16:00'), 1)), '2026-10-01T16:00');
  assert.equal(iso(cal.addWorkingDays(sh('2026-09-30T16:00'), 1)), '2026-10-08T16:00');
});

// ---------------------------------------------------------------- hand-checked arithmetic

void test('adding working time: hand-checked instants', () => {
  const table: [string, string, number, string][] = [
    // [start, what, amount, expected Shanghai wall clock]
    ['2025-03-04T11:00', 'h', 4, '2025-03-04T17:00'], // Tue: 1 h before lunch + 3 h after
    ['2025-03-04T11:00', 'h', 2, '2025-03-04T15:00'], // lunch 12:00–14:00 excluded
    ['2025-03-04T12:30', 'h', 1, '2025-03-04T15:00'], // starts in lunch: counts from 14:00
    ['2025-03-04T08:30', 'h', 3.5, '2025-03-04T12:00'], // lands on a period end: 12:00, not 14:00
    ['2025-03-04T08:30', 'd', 1, '2025-03-04T17:30'],
    ['2025-03-04T10:00', 'd', 1, '2025-03-05T10:00'],
    ['2025-03-07T20:00', 'h', 4, '2025-03-10T14:30'], // reported Friday 20:00: Mon 08:30 + 3.5 h + 0.5 h
    ['2025-03-07T20:00', 'd', 1, '2025-03-10T17:30'],
    ['2025-03-07T20:00', 'd', 2, '2025-03-11T17:30'],
    ['2025-01-25T09:00', 'h', 1, '2025-01-26T09:30'], // Saturday → 调休 Sunday 01-26
    ['2025-01-27T10:00', 'd', 1, '2025-02-05T10:00'], // 春节 01-28..02-04 skipped
    ['2025-01-27T10:00', 'd', 2, '2025-02-06T10:00'],
    ['2025-02-07T15:00', 'd', 1, '2025-02-08T15:00'], // Fri 2.5 h, then 调休 Saturday 02-08 4.5 h
    ['2025-09-27T12:00', 'h', 2, '2025-09-28T10:30'], // Saturday → 调休 Sunday 09-28
    ['2025-10-10T16:00', 'h', 3, '2025-10-11T10:00'], // Fri 1.5 h, then 调休 Saturday 10-11
    ['2025-09-30T16:00', 'd', 1, '2025-10-09T16:00'], // 国庆/中秋 10-01..10-08
    ['2026-09-18T17:00', 'h', 1, '2026-09-20T09:00'], // Fri 0.5 h, Sat off, 调休 Sunday 09-20
    ['2026-09-30T16:00', 'd', 2, '2026-10-09T16:00'], // 国庆 10-01..10-07
    ['2026-09-30T16:00', 'd', 3, '2026-10-10T16:00'], // 调休 Saturday 10-10
    ['2026-09-30T16:00', 'd', 4, '2026-10-12T16:00'],
    ['2026-09-30T16:00', 'd', 5, '2026-10-13T16:00'],
    ['2026-12-31T10:00', 'd', 2, '2027-01-04T10:00'], // into 2027 (fallback): Fri 01-01, then Mon
  ];
  for (const [start, unit, amount, expected] of table) {
    const got = unit === 'h' ? cal.addWorkingHours(sh(start), amount) : cal.addWorkingDays(sh(start), amount);
    assert.equal(iso(got), expected, `${start} + ${amount}${unit}`);
    assert.equal(got.getTime(), sh(expected).getTime());
  }
});

void test('nextWorkingMoment: hand-checked instants', () => {
  const table: [string, string][] = [
    ['2025-03-04T08:30', '2025-03-04T08:30'],
    ['2025-03-04T08:29', '2025-03-04T08:30'],
    ['2025-03-04T12:00', '2025-03-04T14:00'], // a period end is not inside the period
    ['2025-03-04T13:15', '2025-03-04T14:00'],
    ['2025-03-04T17:30', '2025-03-05T08:30'],
    ['2025-03-07T20:00', '2025-03-10T08:30'], // Friday evening → Monday
    ['2025-01-27T18:00', '2025-02-05T08:30'], // over 春节
    ['2025-02-07T18:00', '2025-02-08T08:30'], // 调休 Saturday
    ['2026-09-30T17:30', '2026-10-08T08:30'],
  ];
  for (const [t, expected] of table) assert.equal(iso(cal.nextWorkingMoment(sh(t))), expected, t);
  const justBeforeNoon = new Date(sh('2025-03-04T12:00').getTime() - 1);
  assert.equal(cal.nextWorkingMoment(justBeforeNoon).getTime(), justBeforeNoon.getTime());
});

void test('workingMsBetween: hand-checked spans, sign and half-open interval', () => {
  assert.equal(cal.workingMsBetween(sh('2026-09-30T00:00'), sh('2026-10-09T00:00')), 14 * HOUR);
  assert.equal(cal.workingMsBetween(sh('2025-01-27T00:00'), sh('2025-02-10T00:00')), 35 * HOUR);
  assert.equal(cal.workingMsBetween(sh('2025-03-04T11:00'), sh('2025-03-04T15:00')), 2 * HOUR);
  assert.equal(cal.workingMsBetween(sh('2025-03-04T15:00'), sh('2025-03-04T11:00')), -2 * HOUR);
  assert.equal(cal.workingMsBetween(sh('2025-03-07T18:00'), sh('2025-03-10T08:30')), 0);
  assert.equal(cal.workingMsBetween(sh('2025-03-04T12:00'), sh('2025-03-04T14:00')), 0);
});

void test('addWorkingMs: 0 returns the start unchanged; negative and malformed amounts are refused', () => {
  const evening = sh('2025-03-07T20:00');
  assert.equal(cal.addWorkingMs(evening, 0).getTime(), evening.getTime());
  assert.throws(() => cal.addWorkingMs(evening, -1), RangeError);
  assert.throws(() => cal.addWorkingHours(evening, -0.5), RangeError);
  assert.throws(() => cal.addWorkingDays(evening, -1), RangeError);
  assert.throws(() => cal.addWorkingMs(evening, 1.5), RangeError);
  assert.throws(() => cal.addWorkingMs(evening, Number.NaN), RangeError);
  assert.throws(() => cal.addWorkingMs(new Date(Number.NaN), 1), RangeError);
  assert.throws(() => cal.addWorkingMs(evening, Number.MAX_SAFE_INTEGER), RangeError);
});

void test('long spans: 999 working days are exact and cheap', () => {
  const start = sh('2025-01-02T09:00');
  const t0 = performance.now();
  const end = cal.addWorkingDays(start, 999);
  assert.equal(cal.workingMsBetween(start, end), 999 * cal.workingMsPerDay);
  assert.equal(end.getTime(), oracleAdd(start.getTime(), 999 * cal.workingMsPerDay));
  assert.ok(performance.now() - t0 < 200);
});

// ---------------------------------------------------------------- validation

void test('parseCalendarYear lists every problem with its field path', () => {
  const input = {
    year: 2025,
    holidays: [
      { name: '  ', days: ['2025-01-01'] },
      { name: 'X', days: ['2025/01/02', '2025-02-30', '2024-12-31', '2025-01-01'] },
      { name: '春节', days: ['2025-02-01'] },
      { days: ['2025-05-01'] },
      { name: 'Y', days: [] },
    ],
    makeupWorkdays: ['2025-01-27', '2025-01-26', '2025-01-26', '2025-02-01', 20250208],
  };
  assert.deepEqual(
    issueFields(() => parseCalendarYear(input), 'CALENDAR_YEAR_INVALID'),
    [
      'holidays[0].name', // blank
      'holidays[1].days[0]', // bad format
      'holidays[1].days[1]', // impossible date
      'holidays[1].days[2]', // not in 2025
      'holidays[1].days[3]', // duplicate of holidays[0].days[0]
      'holidays[3].name', // missing
      'holidays[4].days', // empty
      'makeupWorkdays[0]', // a Monday
      'makeupWorkdays[2]', // duplicate
      'makeupWorkdays[3]', // also a holiday
      'makeupWorkdays[4]', // not a string
    ],
  );
  assert.deepEqual(
    issueFields(
      () => parseCalendarYear({ year: 1999, holidays: [], makeupWorkdays: [] }),
      'CALENDAR_YEAR_INVALID',
    ),
    ['year'],
  );
  assert.deepEqual(
    issueFields(
      () => parseCalendarYear({ year: 2101, holidays: [], makeupWorkdays: [] }),
      'CALENDAR_YEAR_INVALID',
    ),
    ['year'],
  );
  assert.deepEqual(
    issueFields(() => parseCalendarYear({ year: 2100 }), 'CALENDAR_YEAR_INVALID'),
    ['holidays', 'makeupWorkdays'],
  );
  const ok = parseCalendarYear({
    year: 2100,
    holidays: [{ name: ' 元旦 ', days: ['2100-01-01'] }],
    makeupWorkdays: [],
  });
  assert.deepEqual(ok, {
    year: 2100,
    holidays: [{ name: '元旦', days: ['2100-01-01'] }],
    makeupWorkdays: [],
  });
});

void test('calendarYearsFromReference reports paths as written in the file', () => {
  const bad = {
    years: {
      '2025': { holidays: [{ name: '元旦', days: ['2025-01-01'] }], makeup_workdays: ['2025-01-27'] },
      '1999': { holidays: [], makeup_workdays: [] },
      '2026': 'none',
    },
  };
  assert.deepEqual(
    issueFields(() => calendarYearsFromReference(bad), 'CALENDAR_YEAR_INVALID'),
    ['years.1999', 'years.2025.makeup_workdays[0]', 'years.2026'],
  );
  assert.deepEqual(
    issueFields(() => calendarYearsFromReference({}), 'CALENDAR_YEAR_INVALID'),
    ['years'],
  );
});

void test('buildWorkingCalendar refuses repeated years and bad working hours', () => {
  const y2025 = years[0] as CalendarYear;
  assert.deepEqual(
    issueFields(() => buildWorkingCalendar([y2025, y2025]), 'CALENDAR_YEAR_INVALID'),
    ['years[1].year'],
  );
  const badHours = {
    periods: [
      { start: '8:30', end: '12:00' },
      { start: '14:00', end: '13:00' },
      { start: '12:30', end: '18:00' },
      { start: '18:00', end: '24:01' },
    ],
  };
  assert.deepEqual(
    issueFields(() => buildWorkingCalendar(years, badHours), 'VALIDATION_FAILED'),
    ['periods[0].start', 'periods[1].end', 'periods[2].start', 'periods[3].end'],
  );
  assert.deepEqual(
    issueFields(() => buildWorkingCalendar(years, { periods: [] }), 'VALIDATION_FAILED'),
    ['periods'],
  );
});

void test('custom working hours: one 09:00–17:00 period', () => {
  const c = buildWorkingCalendar(years, { periods: [{ start: '09:00', end: '17:00' }] });
  assert.equal(c.workingMsPerDay, 8 * HOUR);
  assert.equal(iso(c.addWorkingHours(sh('2025-03-04T16:00'), 2)), '2025-03-05T10:00');
  assert.equal(iso(c.addWorkingHours(sh('2025-03-04T11:00'), 4)), '2025-03-04T15:00');
  assert.equal(iso(c.addWorkingDays(sh('2025-03-04T09:00'), 1)), '2025-03-04T17:00');
});

void test('localInstant / localDateOf use UTC+8 regardless of the machine zone', () => {
  assert.equal(localInstant('2025-01-27', '08:30').toISOString(), '2025-01-27T00:30:00.000Z');
  assert.equal(localDateOf(new Date('2025-01-26T16:00:00Z')), '2025-01-27');
  assert.equal(localDateOf(new Date('2025-01-26T15:59:59.999Z')), '2025-01-26');
});

// ---------------------------------------------------------------- time limits

void test('parseTimeLimit / formatTimeLimit / describeTimeLimit', () => {
  assert.deepEqual(parseTimeLimit('4h'), { amount: 4, unit: 'hour' });
  assert.deepEqual(parseTimeLimit('5d'), { amount: 5, unit: 'day' });
  assert.deepEqual(parseTimeLimit('999d'), { amount: 999, unit: 'day' });
  assert.deepEqual(parseTimeLimit('30m'), { amount: 30, unit: 'minute' });
  for (const bad of [
    '0h',
    '0.5d',
    '0.5h',
    '0m',
    '1000d',
    '04h',
    '4',
    'h',
    '4H',
    '4M',
    ' 4h',
    '4h ',
    '-1d',
    '4w',
    '',
  ]) {
    assert.deepEqual(
      issueFields(() => parseTimeLimit(bad, 'categories[3].limit'), 'VALIDATION_FAILED'),
      ['categories[3].limit'],
      bad,
    );
  }
  assert.deepEqual(
    issueFields(() => parseTimeLimit('x'), 'VALIDATION_FAILED'),
    ['limit'],
  );
  assert.equal(formatTimeLimit({ amount: 4, unit: 'hour' }), '4h');
  assert.equal(formatTimeLimit({ amount: 5, unit: 'day' }), '5d');
  assert.deepEqual(describeTimeLimit({ amount: 4, unit: 'hour' }), {
    zh: '4个工作时',
    en: '4 working hours',
  });
  assert.deepEqual(describeTimeLimit({ amount: 5, unit: 'day' }), { zh: '5个工作日', en: '5 working days' });
  assert.deepEqual(describeTimeLimit({ amount: 1, unit: 'day' }), { zh: '1个工作日', en: '1 working day' });
  assert.equal(formatTimeLimit({ amount: 30, unit: 'minute' }), '30m');
  assert.deepEqual(describeTimeLimit({ amount: 30, unit: 'minute' }), {
    zh: '30个工作分钟',
    en: '30 working minutes',
  });
  assert.throws(() => formatTimeLimit({ amount: 1.5, unit: 'day' }), AppError);
});

void test('deadlineFor: hand-checked deadlines', () => {
  assert.equal(iso(deadlineFor(sh('2025-03-07T20:00'), parseTimeLimit('4h'), cal)), '2025-03-10T14:30');
  assert.equal(iso(deadlineFor(sh('2025-01-27T10:00'), parseTimeLimit('2d'), cal)), '2025-02-06T10:00');
  assert.equal(iso(deadlineFor(sh('2026-09-30T16:00'), parseTimeLimit('5d'), cal)), '2026-10-13T16:00');
  // 30 working minutes from 11:45 spans the lunch break: 15 min before, 15 min after 14:00.
  assert.equal(iso(deadlineFor(sh('2025-03-07T11:45'), parseTimeLimit('30m'), cal)), '2025-03-07T14:15');
  assert.throws(() => deadlineFor(sh('2025-03-07T20:00'), { amount: 0, unit: 'hour' }, cal), AppError);
});

void test('property: parseTimeLimit(formatTimeLimit(l)) round-trips', () => {
  const limitArb: fc.Arbitrary<TimeLimit> = fc.record({
    amount: fc.integer({ min: 1, max: 999 }),
    unit: fc.constantFrom('minute' as const, 'hour' as const, 'day' as const),
  });
  fc.assert(fc.property(limitArb, (l) => assert.deepEqual(parseTimeLimit(formatTimeLimit(l)), { ...l })));
});

// ---------------------------------------------------------------- properties

const instantArb = fc
  .oneof(
    {
      weight: 4,
      arbitrary: fc.date({ min: sh('2025-01-01T00:00'), max: sh('2026-12-31T23:59'), noInvalidDate: true }),
    },
    {
      weight: 1,
      arbitrary: fc.date({ min: sh('2027-01-01T00:00'), max: sh('2027-12-31T23:59'), noInvalidDate: true }),
    },
  )
  // Half the time snap to a whole quarter hour so period boundaries are hit exactly.
  .chain((d) => fc.constantFrom(d, new Date(Math.floor(d.getTime() / (15 * 60_000)) * 15 * 60_000)));
const msArb = fc.oneof(
  fc.integer({ min: 1, max: 2 * HOUR }),
  fc.integer({ min: 1, max: 60 * 7 * HOUR }),
  fc.integer({ min: 1, max: 4 * 7 }).map((q) => q * 15 * 60_000), // whole quarter hours: period ends
);

void test('property: addWorkingMs agrees with the brute-force oracle, and between(t, add(t, ms)) = ms', () => {
  fc.assert(
    fc.property(instantArb, msArb, (t, ms) => {
      const r = cal.addWorkingMs(t, ms);
      assert.equal(r.getTime(), oracleAdd(t.getTime(), ms), `${iso(t)} + ${ms}`);
      assert.equal(cal.workingMsBetween(t, r), ms);
    }),
  );
});

void test('property: workingMsBetween agrees with the oracle, is antisymmetric and additive', () => {
  fc.assert(
    fc.property(instantArb, instantArb, instantArb, (a, b, c) => {
      const ab = cal.workingMsBetween(a, b);
      assert.equal(ab, oracleBetween(a.getTime(), b.getTime()));
      assert.equal(cal.workingMsBetween(b, a), 0 - ab); // 0 - ab: +0, not -0, when ab is 0
      assert.equal(ab + cal.workingMsBetween(b, c), cal.workingMsBetween(a, c));
    }),
    { numRuns: 60 },
  );
});

void test('property: 0 ≤ workingMsBetween(a, b) ≤ b − a for a ≤ b', () => {
  fc.assert(
    fc.property(instantArb, instantArb, (x, y) => {
      const [a, b] = x <= y ? [x, y] : [y, x];
      const w = cal.workingMsBetween(a, b);
      assert.ok(w >= 0 && w <= b.getTime() - a.getTime());
    }),
  );
});

void test('property: adding more working time never gives an earlier instant', () => {
  fc.assert(
    fc.property(instantArb, msArb, msArb, (t, x, y) => {
      const [lo, hi] = x <= y ? [x, y] : [y, x];
      assert.ok(cal.addWorkingMs(t, lo) <= cal.addWorkingMs(t, hi));
    }),
  );
});

void test('property: add(add(t, a), b) = add(t, a + b) for a > 0', () => {
  fc.assert(
    fc.property(instantArb, msArb, fc.oneof(fc.constant(0), msArb), (t, a, b) => {
      assert.equal(
        cal.addWorkingMs(cal.addWorkingMs(t, a), b).getTime(),
        cal.addWorkingMs(t, a + b).getTime(),
      );
    }),
  );
});

void test('property: add with ms > 0 lands inside a working period (start exclusive, end inclusive) of a working day', () => {
  const periodMinutes = [
    [8 * 60 + 30, 12 * 60],
    [14 * 60, 17 * 60 + 30],
  ] as const;
  fc.assert(
    fc.property(instantArb, msArb, (t, ms) => {
      const r = cal.addWorkingMs(t, ms);
      const wall = new Date(r.getTime() + 8 * HOUR);
      const date = wall.toISOString().slice(0, 10);
      const minute = (wall.getTime() % 86_400_000) / 60_000; // fractional minutes of the Shanghai day
      assert.ok(oracleWorking(date), `${iso(r)} is not on a working day`);
      assert.ok(
        periodMinutes.some(([s, e]) => minute > s && minute <= e),
        `${iso(r)} is outside (start, end] of every period`,
      );
    }),
  );
});

void test('property: nextWorkingMoment is t inside working hours, else a period start with no working time skipped', () => {
  fc.assert(
    fc.property(instantArb, (t) => {
      const n = cal.nextWorkingMoment(t);
      assert.ok(n >= t);
      assert.equal(cal.workingMsBetween(t, n), 0);
      assert.equal(cal.workingMsBetween(n, new Date(n.getTime() + 1)), 1); // working time starts at n
      assert.equal(cal.addWorkingMs(t, 1).getTime(), n.getTime() + 1);
    }),
  );
});
