// The working periods of one working day (local Asia/Shanghai clock times) and the within-day arithmetic:
// how much working time has elapsed at a given time of day, and the inverse.

import { AppError, type FieldIssue } from '../errors.ts';
import { parseHhmm } from './local-date.ts';

/** 'HH:MM' local times, ordered and non-overlapping; an end may be '24:00'. */
export interface WorkingHours {
  periods: { start: string; end: string }[];
}

/** 08:30–12:00 and 14:00–17:30: 7 working hours a day. */
export const DEFAULT_WORKING_HOURS: WorkingHours = {
  periods: [
    { start: '08:30', end: '12:00' },
    { start: '14:00', end: '17:30' },
  ],
};

/** Validated working hours in ms after local midnight. */
export interface DayShape {
  starts: number[];
  ends: number[];
  /** Working ms in the periods before period i. */
  before: number[];
  perDay: number;
}

/**
 * Validates working hours into ms offsets. Refuses (VALIDATION_FAILED, every issue listed) no periods,
 * times not 'HH:MM' in 00:00..24:00, start not before end, periods out of order or overlapping.
 */
export function dayShapeOf(hours: WorkingHours): DayShape {
  const issues: FieldIssue[] = [];
  const raw: unknown = (hours as { periods?: unknown } | null)?.periods;
  if (!Array.isArray(raw) || raw.length === 0) {
    issues.push({
      field: 'periods',
      zh: '至少需要一个工作时段',
      en: 'At least one working period is required',
    });
    throw new AppError('VALIDATION_FAILED', { issues });
  }
  const starts: number[] = [];
  const ends: number[] = [];
  let prevEnd: number | null = null;
  raw.forEach((p: unknown, i) => {
    const at = `periods[${i}]`;
    const rec = (typeof p === 'object' && p !== null ? p : {}) as { start?: unknown; end?: unknown };
    const read = (key: 'start' | 'end'): number | null => {
      const v = rec[key];
      const min = typeof v === 'string' ? parseHhmm(v) : null;
      if (min === null) {
        issues.push({
          field: `${at}.${key}`,
          zh: '时间应为 HH:MM（00:00–24:00）',
          en: 'Time must be HH:MM (00:00–24:00)',
        });
      }
      return min;
    };
    const s = read('start');
    const e = read('end');
    if (s === null || e === null) {
      prevEnd = null; // cannot judge order against an unreadable period
      return;
    }
    if (s >= e) {
      issues.push({ field: `${at}.end`, zh: '结束时间应晚于开始时间', en: 'End must be after start' });
    } else if (prevEnd !== null && s < prevEnd) {
      issues.push({
        field: `${at}.start`,
        zh: '工作时段应按时间顺序排列且互不重叠',
        en: 'Periods must be in order and must not overlap',
      });
    }
    starts.push(s * 60_000);
    ends.push(e * 60_000);
    prevEnd = e;
  });
  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', { issues });
  const before: number[] = [];
  let perDay = 0;
  starts.forEach((s, i) => {
    before.push(perDay);
    perDay += ends[i]! - s;
  });
  return { starts, ends, before, perDay };
}

/** Working ms elapsed on a working day by `offset` ms after local midnight. */
export function workedBy(shape: DayShape, offset: number): number {
  let worked = 0;
  for (let i = 0; i < shape.starts.length; i++) {
    const s = shape.starts[i]!;
    const e = shape.ends[i]!;
    if (offset <= s) break;
    worked += Math.min(offset, e) - s;
  }
  return worked;
}

/**
 * The earliest offset (ms after midnight) by which `worked` ms have elapsed, for 0 < worked ≤ perDay.
 * Landing exactly on a period's end gives that end, never the next period's start.
 */
export function offsetForWorked(shape: DayShape, worked: number): number {
  for (let i = 0; i < shape.starts.length; i++) {
    const len = shape.ends[i]! - shape.starts[i]!;
    const into = worked - shape.before[i]!;
    if (into <= len) return shape.starts[i]! + into;
  }
  throw new RangeError(`worked ${worked} exceeds a working day of ${shape.perDay} ms`);
}
