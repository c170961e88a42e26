// Local dates and clock times of the working calendar, which are always Asia/Shanghai.
// Asia/Shanghai has been UTC+8 with no daylight-saving time since 1991, so a fixed +8 h offset is
// exact for every date this platform handles; the machine's own time zone is never consulted.
// A "day number" is the count of local days since 1970-01-01 (negative before it).

/** Asia/Shanghai's fixed offset from UTC (UTC+8, no DST since 1991). */
export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
export const DAY_MS = 86_400_000;
/** Largest |epoch ms| a Date can hold (ECMAScript TimeClip). */
export const MAX_DATE_MS = 8.64e15;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HHMM_RE = /^(\d{2}):(\d{2})$/;

export const WEEKDAY_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'] as const;
export const WEEKDAY_EN = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;

/** Day number of a 'YYYY-MM-DD' string; 'format' if it is not that shape, 'impossible' for e.g. 2025-02-30. */
export function parseLocalDate(s: string): { day: number } | { error: 'format' | 'impossible' } {
  const m = DATE_RE.exec(s);
  if (!m) return { error: 'format' };
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const probe = new Date(0);
  probe.setUTCFullYear(y, mo - 1, d); // setUTCFullYear, not Date.UTC: years 0..99 stay literal
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) {
    return { error: 'impossible' };
  }
  return { day: Math.round(probe.getTime() / DAY_MS) };
}

/** 'YYYY-MM-DD' of a day number. */
export function formatLocalDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Calendar year of a day number. */
export function yearOfDay(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

/** 0 = Sunday … 6 = Saturday (1970-01-01, day 0, was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Local day number containing the instant `ms` (epoch milliseconds). */
export function dayOfInstant(ms: number): number {
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/** Epoch ms of local midnight at the start of a day number. */
export function dayStartMs(day: number): number {
  return day * DAY_MS - SHANGHAI_OFFSET_MS;
}

/** Minutes after local midnight of 'HH:MM' (00:00..24:00); null if malformed or out of range. */
export function parseHhmm(s: string): number | null {
  const m = HHMM_RE.exec(s);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return null;
  return h * 60 + min;
}

/** The Asia/Shanghai local date ('YYYY-MM-DD') of an instant; refuses an invalid Date (RangeError). */
export function localDateOf(t: Date): string {
  return formatLocalDate(dayOfInstant(instantMs(t, 't')));
}

/** The instant of a Shanghai local date and 'HH:MM' time; refuses malformed input (RangeError). */
export function localInstant(localDate: string, hhmm = '00:00'): Date {
  const parsed = parseLocalDate(localDate);
  const minutes = parseHhmm(hhmm);
  if ('error' in parsed) throw new RangeError(`Not a local date (YYYY-MM-DD): ${localDate}`);
  if (minutes === null) throw new RangeError(`Not a local time (HH:MM): ${hhmm}`);
  return new Date(dayStartMs(parsed.day) + minutes * 60_000);
}

/** Epoch ms of a Date, refusing anything that is not a valid Date (RangeError). */
export function instantMs(t: Date, name: string): number {
  const ms = t instanceof Date ? t.getTime() : NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`${name} must be a valid Date`);
  return ms;
}
