// The working calendar's data: one row per year of holidays and make-up working days (调休), the
// working hours in settings('working_hours'), and a revision counter (revisions topic 'calendar') that
// every change bumps so that each process knows when to rebuild its cached calendar.
import type { CalendarYear, WorkingHours } from '../domain/calendar/working-calendar.ts';
import type { Queryable } from './db.ts';

export interface CalendarYearRow {
  year: number;
  holidays: { name: string; days: string[] }[];
  makeup_workdays: string[];
  updated_at: Date;
  updated_by: string | null;
}

const SELECT_YEAR = 'SELECT year, holidays, makeup_workdays, updated_at, updated_by FROM calendar_years';
const HOURS_KEY = 'working_hours';
const TOPIC = 'calendar';

/** Every stored year, oldest first. */
export async function listCalendarYears(q: Queryable): Promise<CalendarYearRow[]> {
  return (await q.query<CalendarYearRow>(`${SELECT_YEAR} ORDER BY year`)).rows;
}

/** One stored year, undefined when the year has no data. */
export async function findCalendarYear(q: Queryable, year: number): Promise<CalendarYearRow | undefined> {
  return (await q.query<CalendarYearRow>(`${SELECT_YEAR} WHERE year = $1`, [year])).rows[0];
}

/** Adds or replaces a year; returns true when it was new. */
export async function upsertCalendarYear(
  q: Queryable,
  y: CalendarYear,
  by: string | null,
  now: Date,
): Promise<boolean> {
  const existed = await findCalendarYear(q, y.year);
  await q.query(
    `INSERT INTO calendar_years (year, holidays, makeup_workdays, updated_at, updated_by)
     VALUES ($1, $2::jsonb, $3::jsonb, $4, $5)
     ON CONFLICT (year) DO UPDATE SET holidays = EXCLUDED.holidays, makeup_workdays = EXCLUDED.makeup_workdays,
       updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
    [y.year, JSON.stringify(y.holidays), JSON.stringify(y.makeupWorkdays), now, by],
  );
  return !existed;
}

/** Inserts years that are not stored yet (seeding) in one statement; returns the count added. */
export async function insertCalendarYears(q: Queryable, years: CalendarYear[], now: Date): Promise<number> {
  if (!years.length) return 0;
  const rows = years.map((y) => ({ year: y.year, holidays: y.holidays, makeup_workdays: y.makeupWorkdays }));
  const r = await q.query(
    `INSERT INTO calendar_years (year, holidays, makeup_workdays, updated_at)
     SELECT x.year, x.holidays, x.makeup_workdays, $2
     FROM jsonb_to_recordset($1::jsonb) AS x(year int, holidays jsonb, makeup_workdays jsonb)
     ON CONFLICT (year) DO NOTHING`,
    [JSON.stringify(rows), now],
  );
  return r.rowCount;
}

/** The stored working hours, undefined when none are set (the default applies). */
export async function findWorkingHours(q: Queryable): Promise<WorkingHours | undefined> {
  const r = await q.query<{ value: WorkingHours }>('SELECT value FROM settings WHERE key = $1', [HOURS_KEY]);
  return r.rows[0]?.value;
}

/** Stores the working hours; with onlyIfMissing, an existing value is kept (seeding). */
export async function saveWorkingHours(
  q: Queryable,
  hours: WorkingHours,
  now: Date,
  onlyIfMissing = false,
): Promise<void> {
  await q.query(
    `INSERT INTO settings (key, value, updated_at) VALUES ($1, $2::jsonb, $3)
     ON CONFLICT (key) DO ${onlyIfMissing ? 'NOTHING' : 'UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at'}`,
    [HOURS_KEY, JSON.stringify(hours), now],
  );
}

/** The calendar's change counter (0 before the first change). */
export async function calendarRevision(q: Queryable): Promise<number> {
  const r = await q.query<{ revision: number }>('SELECT revision FROM revisions WHERE topic = $1', [TOPIC]);
  return r.rows[0]?.revision ?? 0;
}

/** Bumps the change counter: every process rebuilds its calendar on its next read. */
export async function bumpCalendarRevision(q: Queryable, now: Date): Promise<void> {
  await q.query(
    `INSERT INTO revisions (topic, revision, updated_at) VALUES ($1, 1, $2)
     ON CONFLICT (topic) DO UPDATE SET revision = revisions.revision + 1, updated_at = EXCLUDED.updated_at`,
    [TOPIC, now],
  );
}
