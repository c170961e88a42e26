// The report period in the URL: a month (?month=2026-03) or a custom range of days
// (?from=2026-03-01&to=2026-03-15, both inclusive on screen); the API takes [from, to) with `to`
// the day after the last. Dates are local dates in Asia/Shanghai.
import dayjs, { type Dayjs } from 'dayjs';
import { TIME_ZONE } from '../../i18n/format.ts';

export interface Period {
  mode: 'month' | 'range';
  /** First day, YYYY-MM-DD. */
  from: string;
  /** Last day, inclusive, YYYY-MM-DD. */
  last: string;
  /** The day after the last (the API's exclusive `to`). */
  to: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;

export function thisMonth(): string {
  return dayjs().tz(TIME_ZONE).format('YYYY-MM');
}

export function monthPeriod(month: string): Period {
  const first = dayjs(`${month}-01`);
  return {
    mode: 'month',
    from: first.format('YYYY-MM-DD'),
    last: first.endOf('month').format('YYYY-MM-DD'),
    to: first.add(1, 'month').format('YYYY-MM-DD'),
  };
}

export function rangePeriod(from: string, last: string): Period {
  return { mode: 'range', from, last, to: dayjs(last).add(1, 'day').format('YYYY-MM-DD') };
}

/** The period of the URL's query, the current month by default. */
export function readPeriod(params: URLSearchParams): Period {
  const from = params.get('from');
  const last = params.get('to');
  if (from && last && DAY.test(from) && DAY.test(last) && dayjs(from).isValid() && dayjs(last).isValid()) {
    return rangePeriod(from, last);
  }
  const month = params.get('month');
  return monthPeriod(month && MONTH.test(month) && dayjs(`${month}-01`).isValid() ? month : thisMonth());
}

/** The query parameters that stand for a period. */
export function periodParams(p: Period): Record<string, string> {
  return p.mode === 'month' ? { month: p.from.slice(0, 7) } : { from: p.from, to: p.last };
}

export function toDay(d: Dayjs): string {
  return d.format('YYYY-MM-DD');
}
