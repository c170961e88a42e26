// Dates and numbers in the user's language, always in Asia/Shanghai (the product's zone,
// whatever the browser's): dayjs with the utc and timezone plugins, and Intl for numbers.
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import 'dayjs/locale/zh-cn';
import type { Lang } from './messages.ts';

dayjs.extend(utc);
dayjs.extend(timezone);

export const TIME_ZONE = 'Asia/Shanghai';

const DAYJS_LOCALE: Record<Lang, string> = { 'zh-CN': 'zh-cn', en: 'en' };
const PATTERNS: Record<Lang, { date: string; dateTime: string }> = {
  'zh-CN': { date: 'YYYY年M月D日', dateTime: 'YYYY-MM-DD HH:mm' },
  en: { date: 'MMM D, YYYY', dateTime: 'MMM D, YYYY HH:mm' },
};

/** Sets dayjs' global locale (antd's date pickers follow it). */
export function setDayjsLocale(lang: Lang): void {
  dayjs.locale(DAYJS_LOCALE[lang]);
}

type DateInput = string | number | Date | null | undefined;

export interface Formatters {
  date: (v: DateInput) => string;
  dateTime: (v: DateInput) => string;
  number: (n: number | null | undefined, digits?: number) => string;
  /** A ratio (0.953) as a percentage (95.3 %). */
  percent: (ratio: number | null | undefined, digits?: number) => string;
}

export function formatters(lang: Lang): Formatters {
  const p = PATTERNS[lang];
  const at = (v: string | number | Date) => dayjs(v).tz(TIME_ZONE).locale(DAYJS_LOCALE[lang]);
  return {
    date: (v) => (v === null || v === undefined ? '—' : at(v).format(p.date)),
    dateTime: (v) => (v === null || v === undefined ? '—' : at(v).format(p.dateTime)),
    number: (n, digits = 0) =>
      n === null || n === undefined
        ? '—'
        : new Intl.NumberFormat(lang, { maximumFractionDigits: digits }).format(n),
    percent: (r, digits = 1) =>
      r === null || r === undefined
        ? '—'
        : new Intl.NumberFormat(lang, {
            style: 'percent',
            minimumFractionDigits: digits,
            maximumFractionDigits: digits,
          }).format(r),
  };
}
