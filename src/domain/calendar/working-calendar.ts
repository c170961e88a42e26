// The working calendar: which local (Asia/Shanghai, fixed UTC+8) days are working days, and arithmetic in
// working time (working periods of working days only). Pure: no I/O, no clock; every instant is passed in.
//
// All arithmetic goes through one cumulative function W(t) = working ms from a fixed origin up to t,
// computed in O(log n) from a closed-form Mon–Fri count plus sorted corrections for holidays (−1) and
// make-up working days (+1). Then between(a, b) = W(b) − W(a), and adding ms finds the earliest instant
// with W = W(t) + ms by binary search over days. Spans of any length cost the same; nothing steps by minute.
//
// Rules: a day is a working day if it is a make-up working day (调休), or Mon–Fri and not a holiday.
// Years without data fall back to plain Mon–Fri (hasYear tells whether a year has data).

import { AppError, invalid, type FieldIssue } from '../errors.ts';
import { parseCalendarYear, type CalendarYear } from './calendar-year.ts';
import {
  MAX_DATE_MS,
  dayOfInstant,
  dayStartMs,
  instantMs,
  parseLocalDate,
  weekdayOf,
  yearOfDay,
} from './local-date.ts';
import {
  DEFAULT_WORKING_HOURS,
  dayShapeOf,
  offsetForWorked,
  workedBy,
  type WorkingHours,
} from './working-hours.ts';

export {
  MAX_CALENDAR_YEAR,
  MIN_CALENDAR_YEAR,
  calendarYearsFromReference,
  parseCalendarYear,
} from './calendar-year.ts';
export type { CalendarYear } from './calendar-year.ts';
export { DEFAULT_WORKING_HOURS, type WorkingHours } from './working-hours.ts';
export { SHANGHAI_OFFSET_MS, localDateOf, localInstant } from './local-date.ts';

export interface WorkingCalendar {
  /** Is the local date 'YYYY-MM-DD' a working day? Refuses a malformed date (VALIDATION_FAILED). */
  isWorkingDay(localDate: string): boolean;
  /** Was holiday data loaded for this year? Without it the year is treated as plain Mon–Fri. */
  hasYear(year: number): boolean;
  /** Working ms in one working day (7 h = 25 200 000 with the default hours). */
  workingMsPerDay: number;
  /** The earliest instant by which `ms` of working time has elapsed since `from`; 0 returns `from` unchanged. */
  addWorkingMs(from: Date, ms: number): Date;
  /** addWorkingMs with hours × 3 600 000 (rounded to whole ms). */
  addWorkingHours(from: Date, hours: number): Date;
  /** addWorkingMs with days × workingMsPerDay (rounded to whole ms). */
  addWorkingDays(from: Date, days: number): Date;
  /** Working ms in [a, b); negative if b < a (= −between(b, a)). */
  workingMsBetween(a: Date, b: Date): number;
  /** `t` itself if inside a working period [start, end) of a working day, else the next period's start. */
  nextWorkingMoment(t: Date): Date;
}

// Binary-search bounds for day numbers: a little beyond the Date range (±1e8 days).
const MIN_DAY = -110_000_000;
const MAX_DAY = 110_000_000;

/** Mon–Fri days in [day 4, day) (day 4 = Monday 1970-01-05), negative when day < 4. */
function weekdaysBefore(day: number): number {
  const e = day - 4;
  const weeks = Math.floor(e / 7);
  return weeks * 5 + Math.min(e - weeks * 7, 5);
}

/**
 * Builds a calendar from validated years (each is re-checked with parseCalendarYear) and working hours.
 * Refuses CALENDAR_YEAR_INVALID for bad or repeated years (paths 'years[i]…'), VALIDATION_FAILED for bad hours.
 */
export function buildWorkingCalendar(
  years: CalendarYear[],
  hours: WorkingHours = DEFAULT_WORKING_HOURS,
): WorkingCalendar {
  const shape = dayShapeOf(hours);
  const perDay = shape.perDay;

  const issues: FieldIssue[] = [];
  const loaded = new Set<number>();
  const holidays = new Set<number>();
  const makeups = new Set<number>();
  years.forEach((raw, i) => {
    let y: CalendarYear;
    try {
      y = parseCalendarYear(raw);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      issues.push(...err.issues.map((it) => ({ ...it, field: `years[${i}].${it.field}` })));
      return;
    }
    if (loaded.has(y.year)) {
      issues.push({
        field: `years[${i}].year`,
        zh: `年份 ${y.year} 重复`,
        en: `Year ${y.year} is given twice`,
      });
      return;
    }
    loaded.add(y.year);
    for (const h of y.holidays) for (const d of h.days) holidays.add(dayOf(d));
    for (const d of y.makeupWorkdays) makeups.add(dayOf(d));
  });
  if (issues.length > 0) throw new AppError('CALENDAR_YEAR_INVALID', { issues });

  // Corrections to the Mon–Fri count: −1 for a holiday on a weekday, +1 for a make-up day (always a weekend).
  const deltas = new Map<number, number>();
  for (const d of holidays) if (isWeekday(d)) deltas.set(d, -1);
  for (const d of makeups) deltas.set(d, 1);
  const corrDays = [...deltas.keys()].sort((a, b) => a - b);
  const corrPrefix = [0]; // corrPrefix[k] = sum of the first k corrections
  for (const d of corrDays) corrPrefix.push(corrPrefix[corrPrefix.length - 1]! + deltas.get(d)!);

  const isWorking = (day: number): boolean => makeups.has(day) || (isWeekday(day) && !holidays.has(day));

  /** Working days in [day 4, day), corrections included. */
  const workingDaysBefore = (day: number): number => {
    let lo = 0;
    let hi = corrDays.length; // first index with corrDays[idx] >= day
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (corrDays[mid]! < day) lo = mid + 1;
      else hi = mid;
    }
    return weekdaysBefore(day) + corrPrefix[lo]!;
  };

  /** W(t): working ms from the origin up to the instant t (epoch ms). */
  const cumulative = (t: number): number => {
    const day = dayOfInstant(t);
    const within = isWorking(day) ? workedBy(shape, t - dayStartMs(day)) : 0;
    return workingDaysBefore(day) * perDay + within;
  };

  /** The earliest instant at which W reaches `target`. */
  const earliestReaching = (target: number): number => {
    if (!Number.isSafeInteger(target)) throw new RangeError('Working time out of range');
    const index = Math.floor((target - 1) / perDay); // 0-based working day (from the origin) holding it
    const worked = target - index * perDay; // in (0, perDay]
    // The working day with exactly `index` working days before it: smallest d with workingDaysBefore(d+1) > index.
    let lo = MIN_DAY;
    let hi = MAX_DAY;
    if (workingDaysBefore(hi + 1) <= index || workingDaysBefore(lo + 1) > index) {
      throw new RangeError('Result is outside the range of Date');
    }
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      if (workingDaysBefore(mid + 1) > index) hi = mid;
      else lo = mid + 1;
    }
    const result = dayStartMs(lo) + offsetForWorked(shape, worked);
    if (Math.abs(result) > MAX_DATE_MS) throw new RangeError('Result is outside the range of Date');
    return result;
  };

  const addWorkingMs = (from: Date, ms: number): Date => {
    const t = instantMs(from, 'from');
    if (!Number.isSafeInteger(ms) || ms < 0) {
      throw new RangeError(`Working time to add must be a whole, non-negative number of ms; got ${ms}`);
    }
    if (ms === 0) return new Date(t);
    return new Date(earliestReaching(cumulative(t) + ms));
  };

  const scaled = (amount: number, unit: number, what: string): number => {
    if (!Number.isFinite(amount) || amount < 0) {
      throw new RangeError(`${what} to add must be a finite, non-negative number; got ${amount}`);
    }
    return Math.round(amount * unit);
  };

  return {
    workingMsPerDay: perDay,
    isWorkingDay(localDate: string): boolean {
      const parsed =
        typeof localDate === 'string' ? parseLocalDate(localDate) : ({ error: 'format' } as const);
      if ('error' in parsed) {
        throw invalid(
          'localDate',
          `日期应为有效的 YYYY-MM-DD：${localDate}`,
          `Not a valid YYYY-MM-DD date: ${localDate}`,
        );
      }
      return isWorking(parsed.day);
    },
    hasYear: (year: number): boolean => loaded.has(year),
    addWorkingMs,
    addWorkingHours: (from, hours) => addWorkingMs(from, scaled(hours, 3_600_000, 'Hours')),
    addWorkingDays: (from, days) => addWorkingMs(from, scaled(days, perDay, 'Days')),
    workingMsBetween: (a, b) => cumulative(instantMs(b, 'b')) - cumulative(instantMs(a, 'a')),
    nextWorkingMoment(t: Date): Date {
      // W rises 1 ms per ms inside a working period and is flat outside, so the earliest instant reaching
      // W(t) + 1 is exactly 1 ms after the next working moment.
      return new Date(earliestReaching(cumulative(instantMs(t, 't')) + 1) - 1);
    },
  };
}

function isWeekday(day: number): boolean {
  const wd = weekdayOf(day);
  return wd >= 1 && wd <= 5;
}

/** Day number of a date already validated by parseCalendarYear. */
function dayOf(localDate: string): number {
  const parsed = parseLocalDate(localDate);
  if ('error' in parsed) throw new Error(`unreachable: unvalidated date ${localDate}`);
  return parsed.day;
}

/** The calendar year (Shanghai local) an instant falls in; handy with hasYear. */
export function localYearOf(t: Date): number {
  return yearOfDay(dayOfInstant(instantMs(t, 't')));
}
