// Loads the official holiday arrangements (reference/cn-holidays.json: 2025–2026) and the default
// working hours; years and hours already stored are left as they are.
import { readFile } from 'node:fs/promises';
import { DEFAULT_WORKING_HOURS, calendarYearsFromReference } from '../../domain/calendar/working-calendar.ts';
import { bumpCalendarRevision, insertCalendarYears, saveWorkingHours } from '../../store/calendar-store.ts';
import type { Queryable } from '../../store/db.ts';

export const HOLIDAYS_JSON = new URL('../../../reference/cn-holidays.json', import.meta.url);

/** Inserts the reference years that are missing; returns how many years were added. */
export async function seedCalendar(q: Queryable): Promise<number> {
  const years = calendarYearsFromReference(JSON.parse(await readFile(HOLIDAYS_JSON, 'utf8')) as unknown);
  const now = new Date();
  const added = await insertCalendarYears(q, years, now);
  await saveWorkingHours(q, DEFAULT_WORKING_HOURS, now, true);
  if (added > 0) await bumpCalendarRevision(q, now);
  return added;
}
