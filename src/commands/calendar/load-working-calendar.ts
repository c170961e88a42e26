// The working calendar built from the database (stored years + working hours), cached per process and
// per database. A change in this process drops the cache at once; changes by other processes are seen
// through the 'calendar' revision counter, checked at most once a second.
import {
  DEFAULT_WORKING_HOURS,
  buildWorkingCalendar,
  type CalendarYear,
  type WorkingCalendar,
  type WorkingHours,
} from '../../domain/calendar/working-calendar.ts';
import { calendarRevision, findWorkingHours, listCalendarYears } from '../../store/calendar-store.ts';
import type { Db } from '../../store/db.ts';
import type { AppContext } from '../context.ts';

export interface CalendarSnapshot {
  revision: number;
  years: CalendarYear[];
  hours: WorkingHours;
  calendar: WorkingCalendar;
}

const REVISION_CHECK_MS = 1000;
const cache = new WeakMap<Db, { snapshot: CalendarSnapshot; checkedAt: number }>();

/** The current calendar data and the calendar built from it (cached; rebuilt after any change). */
export async function loadCalendarSnapshot(ctx: AppContext): Promise<CalendarSnapshot> {
  const hit = cache.get(ctx.db);
  const now = Date.now();
  if (hit && now - hit.checkedAt < REVISION_CHECK_MS) return hit.snapshot;
  const revision = await calendarRevision(ctx.db);
  if (hit && hit.snapshot.revision === revision) {
    hit.checkedAt = now;
    return hit.snapshot;
  }
  const [rows, stored] = [await listCalendarYears(ctx.db), await findWorkingHours(ctx.db)];
  const years = rows.map((r) => ({ year: r.year, holidays: r.holidays, makeupWorkdays: r.makeup_workdays }));
  const hours = stored ?? DEFAULT_WORKING_HOURS;
  const snapshot = { revision, years, hours, calendar: buildWorkingCalendar(years, hours) };
  cache.set(ctx.db, { snapshot, checkedAt: now });
  return snapshot;
}

/** The working calendar every deadline is computed with (holidays, 调休 days, working hours). */
export async function loadWorkingCalendar(ctx: AppContext): Promise<WorkingCalendar> {
  return (await loadCalendarSnapshot(ctx)).calendar;
}

/** Drops this process's cached calendar for the database (called after a change is committed). */
export function invalidateWorkingCalendar(db: Db): void {
  cache.delete(db);
}
