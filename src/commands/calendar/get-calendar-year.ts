// Reads one stored year of the holiday arrangement, with every day of the year and its type.
import { parseLocalDate } from '../../domain/calendar/local-date.ts';
import { AppError } from '../../domain/errors.ts';
import { findCalendarYear, type CalendarYearRow } from '../../store/calendar-store.ts';
import type { AppContext } from '../context.ts';
import { dayViews, type DayView } from './calendar-view.ts';
import { loadCalendarSnapshot } from './load-working-calendar.ts';

/** The stored year and its days. Refuses CALENDAR_YEAR_NOT_FOUND when the year has no data. */
export async function getCalendarYear(
  ctx: AppContext,
  year: number,
): Promise<{ row: CalendarYearRow; days: DayView[] }> {
  const row = await findCalendarYear(ctx.db, year);
  if (!row) throw new AppError('CALENDAR_YEAR_NOT_FOUND', { details: { year } });
  const first = parseLocalDate(`${year}-01-01`);
  const last = parseLocalDate(`${year}-12-31`);
  if (!('day' in first) || !('day' in last))
    throw new AppError('CALENDAR_YEAR_NOT_FOUND', { details: { year } });
  return { row, days: dayViews(await loadCalendarSnapshot(ctx), first.day, last.day) };
}
