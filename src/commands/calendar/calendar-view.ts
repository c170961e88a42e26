// How the calendar is shown: instants as ISO 8601 with the +08:00 offset (the platform's local time,
// Asia/Shanghai, fixed UTC+8) and each local day with its type and holiday name.
import {
  SHANGHAI_OFFSET_MS,
  WEEKDAY_EN,
  WEEKDAY_ZH,
  formatLocalDate,
  weekdayOf,
  yearOfDay,
} from '../../domain/calendar/local-date.ts';
import type { CalendarSnapshot } from './load-working-calendar.ts';

/** '2025-10-09T15:00:00+08:00' (milliseconds only when not zero). */
export function toShanghaiIso(t: Date): string {
  const iso = new Date(t.getTime() + SHANGHAI_OFFSET_MS).toISOString();
  return (iso.endsWith('.000Z') ? iso.slice(0, 19) : iso.slice(0, 23)) + '+08:00';
}

export type DayType = 'workday' | 'weekend' | 'holiday' | 'makeup_workday';

export interface DayView {
  date: string;
  weekday: { zh: string; en: string };
  type: DayType;
  is_working_day: boolean;
  /** The holiday's name (春节, 国庆节、中秋节 …) on holidays, else null. */
  holiday: string | null;
  /** False when no holiday data is loaded for the day's year (plain Mon–Fri is assumed). */
  has_data: boolean;
}

/** Every local day from `fromDay` to `toDay` (day numbers, inclusive) with its type. */
export function dayViews(snapshot: CalendarSnapshot, fromDay: number, toDay: number): DayView[] {
  const holidays = new Map<string, string>();
  const makeups = new Set<string>();
  for (const y of snapshot.years) {
    for (const h of y.holidays) for (const d of h.days) holidays.set(d, h.name);
    for (const d of y.makeupWorkdays) makeups.add(d);
  }
  const out: DayView[] = [];
  for (let day = fromDay; day <= toDay; day++) {
    const date = formatLocalDate(day);
    const wd = weekdayOf(day);
    const holiday = holidays.get(date) ?? null;
    const weekend = wd === 0 || wd === 6;
    const type: DayType = makeups.has(date)
      ? 'makeup_workday'
      : holiday
        ? 'holiday'
        : weekend
          ? 'weekend'
          : 'workday';
    out.push({
      date,
      weekday: { zh: WEEKDAY_ZH[wd]!, en: WEEKDAY_EN[wd]! },
      type,
      is_working_day: snapshot.calendar.isWorkingDay(date),
      holiday,
      has_data: snapshot.calendar.hasYear(yearOfDay(day)),
    });
  }
  return out;
}
