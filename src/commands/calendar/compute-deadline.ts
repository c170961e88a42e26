// The deadline of a time limit ('4h' working hours, '5d' working days) counted from a start instant on
// the working calendar (holidays and 调休 days included).
import { localYearOf } from '../../domain/calendar/working-calendar.ts';
import {
  deadlineFor,
  describeTimeLimit,
  parseTimeLimit,
  type TimeLimit,
} from '../../domain/calendar/time-limit.ts';
import type { AppContext } from '../context.ts';
import { loadWorkingCalendar } from './load-working-calendar.ts';

export interface DeadlineResult {
  limit: TimeLimit;
  text: { zh: string; en: string };
  deadline: Date;
  workingMs: number;
  /** False when the start's or the deadline's year has no holiday data (plain Mon–Fri was assumed). */
  hasCalendarData: boolean;
}

/** Computes the deadline. Refuses VALIDATION_FAILED (field `limit`) for a malformed limit. */
export async function computeDeadline(
  ctx: AppContext,
  start: Date,
  limitText: string,
): Promise<DeadlineResult> {
  const limit = parseTimeLimit(limitText, 'limit');
  const cal = await loadWorkingCalendar(ctx);
  const deadline = deadlineFor(start, limit, cal);
  return {
    limit,
    text: describeTimeLimit(limit),
    deadline,
    workingMs: limit.unit === 'hour' ? limit.amount * 3_600_000 : limit.amount * cal.workingMsPerDay,
    hasCalendarData: cal.hasYear(localYearOf(start)) && cal.hasYear(localYearOf(deadline)),
  };
}
