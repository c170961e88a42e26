// One year of the official holiday arrangement (国务院办公厅节假日安排): the public holidays and the
// make-up working days (调休上班日, weekend days worked in exchange). Parsing validates everything
// and reports every problem at once, each naming its field path, so a data file is fixed in one pass.

import { AppError, type FieldIssue } from '../errors.ts';
import { WEEKDAY_EN, WEEKDAY_ZH, parseLocalDate, weekdayOf, yearOfDay } from './local-date.ts';

export interface CalendarYear {
  year: number;
  holidays: { name: string; days: string[] }[];
  makeupWorkdays: string[];
}

export const MIN_CALENDAR_YEAR = 2000;
export const MAX_CALENDAR_YEAR = 2100;

type Kind = 'holiday' | 'makeup';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Validates one year's data ({year, holidays:[{name, days}], makeupWorkdays}) and returns a clean copy.
 * Refuses (CALENDAR_YEAR_INVALID, every issue listed): year outside 2000..2100, missing/empty name or days,
 * bad/impossible dates, dates outside the year, weekday make-up days, days repeated or both holiday and make-up.
 */
export function parseCalendarYear(input: unknown): CalendarYear {
  const issues: FieldIssue[] = [];
  const add = (field: string, zh: string, en: string): void => {
    issues.push({ field, zh, en });
  };
  if (!isRecord(input)) {
    add(
      'calendarYear',
      '应为对象 {year, holidays, makeupWorkdays}',
      'Must be an object {year, holidays, makeupWorkdays}',
    );
    throw new AppError('CALENDAR_YEAR_INVALID', { issues });
  }

  const rawYear = input.year;
  let year: number | undefined;
  if (
    typeof rawYear === 'number' &&
    Number.isInteger(rawYear) &&
    rawYear >= MIN_CALENDAR_YEAR &&
    rawYear <= MAX_CALENDAR_YEAR
  ) {
    year = rawYear;
  } else {
    add(
      'year',
      `年份应为 ${MIN_CALENDAR_YEAR} 至 ${MAX_CALENDAR_YEAR} 之间的整数`,
      `Year must be an integer from ${MIN_CALENDAR_YEAR} to ${MAX_CALENDAR_YEAR}`,
    );
  }

  const holidayAt = new Map<number, string>(); // day number → path of its first holiday occurrence
  const makeupAt = new Map<number, string>();

  // Checks one date string; returns it when valid (so it is kept), undefined otherwise.
  const checkDay = (value: unknown, path: string, kind: Kind): string | undefined => {
    if (typeof value !== 'string') {
      add(path, '日期应为 YYYY-MM-DD 格式的字符串', 'Date must be a YYYY-MM-DD string');
      return undefined;
    }
    const parsed = parseLocalDate(value);
    if ('error' in parsed) {
      if (parsed.error === 'format') {
        add(path, `日期格式应为 YYYY-MM-DD：${value}`, `Date must be formatted YYYY-MM-DD: ${value}`);
      } else {
        add(path, `日期不存在：${value}`, `No such date: ${value}`);
      }
      return undefined;
    }
    const day = parsed.day;
    let ok = true;
    if (year !== undefined && yearOfDay(day) !== year) {
      add(path, `日期 ${value} 不在 ${year} 年内`, `Date ${value} is not in ${year}`);
      ok = false;
    }
    const wd = weekdayOf(day);
    if (kind === 'makeup' && wd !== 0 && wd !== 6) {
      add(
        path,
        `调休上班日应为周六或周日，${value} 是${WEEKDAY_ZH[wd]}`,
        `A make-up working day must be a Saturday or Sunday; ${value} is a ${WEEKDAY_EN[wd]}`,
      );
      ok = false;
    }
    const sameKind = kind === 'holiday' ? holidayAt : makeupAt;
    const first = sameKind.get(day);
    if (first !== undefined) {
      add(path, `日期 ${value} 重复（已见于 ${first}）`, `Duplicate date ${value} (already at ${first})`);
      return undefined;
    }
    sameKind.set(day, path);
    const asHoliday = kind === 'makeup' ? holidayAt.get(day) : undefined;
    if (asHoliday !== undefined) {
      add(
        path,
        `日期 ${value} 既是节假日（${asHoliday}）又是调休上班日`,
        `Date ${value} is both a holiday (${asHoliday}) and a make-up working day`,
      );
      ok = false;
    }
    return ok ? value : undefined;
  };

  const holidays: CalendarYear['holidays'] = [];
  if (!Array.isArray(input.holidays)) {
    add('holidays', '应为节假日数组', 'Must be an array of holidays');
  } else {
    input.holidays.forEach((h: unknown, i) => {
      const at = `holidays[${i}]`;
      if (!isRecord(h)) {
        add(at, '应为对象 {name, days}', 'Must be an object {name, days}');
        return;
      }
      const name = typeof h.name === 'string' ? h.name.trim() : '';
      if (name === '') add(`${at}.name`, '节假日名称不能为空', 'Holiday name is required');
      const days: string[] = [];
      if (!Array.isArray(h.days) || h.days.length === 0) {
        add(`${at}.days`, '应为非空的日期数组', 'Must be a non-empty array of dates');
      } else {
        h.days.forEach((d: unknown, j) => {
          const ok = checkDay(d, `${at}.days[${j}]`, 'holiday');
          if (ok !== undefined) days.push(ok);
        });
      }
      holidays.push({ name, days });
    });
  }

  const makeupWorkdays: string[] = [];
  if (!Array.isArray(input.makeupWorkdays)) {
    add(
      'makeupWorkdays',
      '应为调休上班日数组（可为空）',
      'Must be an array of make-up working days (may be empty)',
    );
  } else {
    input.makeupWorkdays.forEach((d: unknown, i) => {
      const ok = checkDay(d, `makeupWorkdays[${i}]`, 'makeup');
      if (ok !== undefined) makeupWorkdays.push(ok);
    });
  }

  if (issues.length > 0 || year === undefined) throw new AppError('CALENDAR_YEAR_INVALID', { issues });
  return { year, holidays, makeupWorkdays };
}

/**
 * Reads the reference file's shape ({years: {"2025": {holidays, makeup_workdays}}}) into years sorted by year.
 * Refuses (CALENDAR_YEAR_INVALID) with every issue of every year, paths as in the file ('years.2025.makeup_workdays[1]').
 */
export function calendarYearsFromReference(json: unknown): CalendarYear[] {
  const issues: FieldIssue[] = [];
  if (!isRecord(json) || !isRecord(json.years)) {
    issues.push({ field: 'years', zh: '应为以年份为键的对象', en: 'Must be an object keyed by year' });
    throw new AppError('CALENDAR_YEAR_INVALID', { issues });
  }
  const out: CalendarYear[] = [];
  for (const [key, value] of Object.entries(json.years)) {
    const base = `years.${key}`;
    if (!isRecord(value)) {
      issues.push({
        field: base,
        zh: '应为对象 {holidays, makeup_workdays}',
        en: 'Must be an object {holidays, makeup_workdays}',
      });
      continue;
    }
    try {
      out.push(
        parseCalendarYear({
          year: /^\d{4}$/.test(key) ? Number(key) : NaN,
          holidays: value.holidays,
          makeupWorkdays: value.makeup_workdays,
        }),
      );
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'CALENDAR_YEAR_INVALID') throw err;
      for (const issue of err.issues) {
        const field =
          issue.field === 'year'
            ? base
            : `${base}.${issue.field.replace(/^makeupWorkdays/, 'makeup_workdays')}`;
        issues.push({ ...issue, field });
      }
    }
  }
  if (issues.length > 0) throw new AppError('CALENDAR_YEAR_INVALID', { issues });
  return out.sort((a, b) => a.year - b.year);
}
