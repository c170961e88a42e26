// Handling time limits (办理时限) such as '30m' (30 working minutes, for emergencies like 燃气泄漏),
// '4h' (4 working hours) or '5d' (5 working days), and the deadline they give from a start instant
// under a working calendar.

import { invalid } from '../errors.ts';
import type { WorkingCalendar } from './working-calendar.ts';

export type TimeLimit = { amount: number; unit: 'minute' | 'hour' | 'day' };

export const MAX_TIME_LIMIT_AMOUNT = 999;

const LIMIT_RE = /^([1-9]\d{0,2})([mhd])$/;
const SUFFIX = { minute: 'm', hour: 'h', day: 'd' } as const;

/**
 * '30m' → 30 working minutes, '4h' → 4 working hours, '5d' → 5 working days. Refuses (VALIDATION_FAILED on `field`) anything else:
 * zero, fractions, leading zeros, amounts over 999, other units, upper case, spaces.
 */
export function parseTimeLimit(s: string, field = 'limit'): TimeLimit {
  const m = typeof s === 'string' ? LIMIT_RE.exec(s) : null;
  if (!m) {
    throw invalid(
      field,
      `时限格式应为 1–${MAX_TIME_LIMIT_AMOUNT} 的整数加单位 m（工作分钟）、h（工作时）或 d（工作日），如 30m、4h、5d`,
      `A time limit is a whole number 1–${MAX_TIME_LIMIT_AMOUNT} followed by m (working minutes), h (working hours) or d (working days), e.g. 30m, 4h, 5d`,
    );
  }
  return { amount: Number(m[1]), unit: m[2] === 'm' ? 'minute' : m[2] === 'h' ? 'hour' : 'day' };
}

/** The canonical text of a limit ('30m', '4h', '5d'); parseTimeLimit(formatTimeLimit(l)) equals l. Refuses invalid limits. */
export function formatTimeLimit(l: TimeLimit): string {
  checkTimeLimit(l);
  return `${l.amount}${SUFFIX[l.unit]}`;
}

/**
 * The deadline: `limit` of working time counted from `start` (from the next working moment if `start`
 * falls outside working hours). A day is the calendar's workingMsPerDay. Refuses invalid limits.
 */
export function deadlineFor(start: Date, limit: TimeLimit, cal: WorkingCalendar): Date {
  checkTimeLimit(limit);
  switch (limit.unit) {
    case 'minute':
      return cal.addWorkingMs(start, limit.amount * 60_000);
    case 'hour':
      return cal.addWorkingHours(start, limit.amount);
    case 'day':
      return cal.addWorkingDays(start, limit.amount);
  }
}

/** Human text in both languages: '4个工作时' / '4 working hours', '1个工作日' / '1 working day'. */
export function describeTimeLimit(l: TimeLimit): { zh: string; en: string } {
  checkTimeLimit(l);
  const plural = l.amount === 1 ? '' : 's';
  switch (l.unit) {
    case 'minute':
      return { zh: `${l.amount}个工作分钟`, en: `${l.amount} working minute${plural}` };
    case 'hour':
      return { zh: `${l.amount}个工作时`, en: `${l.amount} working hour${plural}` };
    case 'day':
      return { zh: `${l.amount}个工作日`, en: `${l.amount} working day${plural}` };
  }
}

/** Refuses (VALIDATION_FAILED on 'limit') a TimeLimit that parseTimeLimit could not have produced. */
export function checkTimeLimit(l: TimeLimit, field = 'limit'): void {
  const ok =
    typeof l === 'object' &&
    l !== null &&
    Number.isInteger(l.amount) &&
    l.amount >= 1 &&
    l.amount <= MAX_TIME_LIMIT_AMOUNT &&
    (l.unit === 'minute' || l.unit === 'hour' || l.unit === 'day');
  if (!ok) {
    throw invalid(
      field,
      `时限应为 1–${MAX_TIME_LIMIT_AMOUNT} 个工作分钟、工作时或工作日`,
      `A time limit must be 1–${MAX_TIME_LIMIT_AMOUNT} working minutes, hours or days`,
    );
  }
}
