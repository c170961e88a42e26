// Lists the local days of a date range (at most 366) with their type: working day, weekend, holiday
// (with its name) or make-up working day (调休上班).
import { parseLocalDate } from '../../domain/calendar/local-date.ts';
import { AppError, type FieldIssue } from '../../domain/errors.ts';
import type { AppContext } from '../context.ts';
import { dayViews, type DayView } from './calendar-view.ts';
import { loadCalendarSnapshot } from './load-working-calendar.ts';

export const MAX_CALENDAR_DAYS = 366;

/** The days from `from` to `to` (YYYY-MM-DD, inclusive). Refuses VALIDATION_FAILED for bad dates or ranges. */
export async function listCalendarDays(ctx: AppContext, from: string, to: string): Promise<DayView[]> {
  const issues: FieldIssue[] = [];
  const a = parseLocalDate(from);
  const b = parseLocalDate(to);
  if ('error' in a)
    issues.push({ field: 'from', zh: `不是有效日期：${from}`, en: `not a valid date: ${from}` });
  if ('error' in b) issues.push({ field: 'to', zh: `不是有效日期：${to}`, en: `not a valid date: ${to}` });
  if ('day' in a && 'day' in b) {
    if (b.day < a.day)
      issues.push({ field: 'to', zh: '结束日期不能早于开始日期', en: 'to must not be before from' });
    else if (b.day - a.day + 1 > MAX_CALENDAR_DAYS) {
      issues.push({
        field: 'to',
        zh: `一次最多查询 ${MAX_CALENDAR_DAYS} 天`,
        en: `at most ${MAX_CALENDAR_DAYS} days at a time`,
      });
    }
  }
  if (issues.length || !('day' in a) || !('day' in b)) throw new AppError('VALIDATION_FAILED', { issues });
  return dayViews(await loadCalendarSnapshot(ctx), a.day, b.day);
}
