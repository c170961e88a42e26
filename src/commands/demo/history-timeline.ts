// When the demo history's reports come in: how many per day (working days busier than days off,
// the Spring Festival quiet, summer and typhoon days busy, a slow rise as the platform is adopted)
// and at what hour (grid workers on their patrols, the public from morning to late evening,
// cameras around the clock).
import type { Channel } from '../../domain/cases/channels.ts';
import {
  DAY_MS,
  dayOfInstant,
  dayStartMs,
  formatLocalDate,
  weekdayOf,
} from '../../domain/calendar/local-date.ts';
import type { Rng } from './history-random.ts';
import { WeightedTable } from './history-random.ts';
import type { HistoryWorld } from './history-world.ts';

const HOUR_MS = 3_600_000;
// Reports per hour of the local day (0–23), relative.
const FIELD_HOURS = [0, 0, 0, 0, 0, 0, 0.2, 1.5, 6, 8, 8, 5, 1.5, 1.5, 5, 7, 7, 4, 1, 0.5, 0.3, 0.1, 0, 0];
const PUBLIC_HOURS = [
  0.4, 0.2, 0.1, 0.1, 0.1, 0.3, 0.8, 2.5, 5, 6.5, 6.5, 5.5, 4, 4, 5, 5.5, 5.5, 5, 4, 4.5, 4.5, 3.5, 2, 1,
];
const SENSOR_HOURS = [1.5, 1, 1, 1, 1, 1.5, 3, 5, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 5, 5, 4, 3, 2.5, 2];
const ALL_HOURS = PUBLIC_HOURS.map((p, h) => 0.5 * FIELD_HOURS[h]! + 0.4 * p + 0.1 * SENSOR_HOURS[h]!);
const MONTH_FACTOR = [0.95, 0.85, 1, 1, 1.05, 1.1, 1.15, 1.15, 1.1, 0.95, 1, 0.95];

/** Relative reports per local hour for a channel. */
export function hourProfile(channel: Channel): readonly number[] {
  if (channel === 'grid_worker' || channel === 'upper_level') return FIELD_HOURS;
  return channel === 'sensor' ? SENSOR_HOURS : PUBLIC_HOURS;
}

/** One local day of the history window: its volume weight and the part of it inside the window. */
export interface HistoryDay {
  day: number;
  date: string;
  month: number;
  working: boolean;
  typhoon: boolean;
  /** Instants of the day inside the window: [from, to]. */
  from: number;
  to: number;
  weight: number;
}

/** Two-day typhoon spells in July–September, drawn from the seed (3 a year). */
function typhoonDays(days: HistoryDay[], rng: Rng): Set<number> {
  const summer = days.filter((d) => d.month >= 7 && d.month <= 9);
  const out = new Set<number>();
  for (let i = 0; i < 3 && summer.length; i++) {
    const d = rng.pick(summer).day;
    out.add(d).add(d + 1);
  }
  return out;
}

/** Share of a day's reports that fall between the local hours of [from, to]. */
function coverage(dayStart: number, from: number, to: number): number {
  let inside = 0;
  let all = 0;
  ALL_HOURS.forEach((w, h) => {
    const a = dayStart + h * HOUR_MS;
    const overlap = Math.max(0, Math.min(to, a + HOUR_MS) - Math.max(from, a)) / HOUR_MS;
    inside += w * overlap;
    all += w;
  });
  return inside / all;
}

/** The days of the window [endAt − days, endAt], each with its relative volume. */
export function historyDays(w: HistoryWorld, startMs: number, endMs: number, rng: Rng): HistoryDay[] {
  const first = dayOfInstant(startMs);
  const last = dayOfInstant(endMs);
  const days: HistoryDay[] = [];
  for (let day = first; day <= last; day++) {
    const date = formatLocalDate(day);
    const start = dayStartMs(day);
    days.push({
      day,
      date,
      month: Number(date.slice(5, 7)),
      working: w.calendar.isWorkingDay(date),
      typhoon: false,
      from: Math.max(start, startMs),
      to: Math.min(start + DAY_MS - 1, endMs),
      weight: 0,
    });
  }
  const typhoons = typhoonDays(days, rng);
  const span = Math.max(1, last - first);
  for (const d of days) {
    d.typhoon = typhoons.has(d.day);
    const wd = weekdayOf(d.day);
    let f = d.working ? 1 : wd === 0 || wd === 6 ? 0.6 : 0.45; // weekend, or a holiday on a weekday
    if (w.festivalDays.has(d.day)) f = 0.3;
    else if ([1, 2, 3, 4, 5].some((k) => w.festivalDays.has(d.day + k))) f *= 0.8; // going home
    f *= MONTH_FACTOR[d.month - 1]! * (d.typhoon ? 1.7 : 1) * (0.9 + (0.2 * (d.day - first)) / span);
    f *= 0.85 + 0.3 * rng.next(); // no two days alike
    d.weight = f * coverage(dayStartMs(d.day), d.from, d.to);
  }
  return days;
}

/** Splits `total` over the days by weight, exactly (largest remainders, ties in day order). */
export function allocate(days: readonly HistoryDay[], total: number): number[] {
  const sum = days.reduce((s, d) => s + d.weight, 0);
  if (sum <= 0) return days.map((_, i) => (i === days.length - 1 ? total : 0));
  const raw = days.map((d) => (total * d.weight) / sum);
  const counts = raw.map(Math.floor);
  let left = total - counts.reduce((s, c) => s + c, 0);
  const order = raw
    .map((r, i) => ({ i, frac: r - Math.floor(r) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left-- <= 0) break;
    counts[i]!++;
  }
  return counts;
}

const hourTables = new Map<readonly number[], WeightedTable<number>>();

/** A report instant on `d` for a channel, following its hour profile, inside the window. */
export function reportInstant(d: HistoryDay, channel: Channel, rng: Rng): number {
  const profile = hourProfile(channel);
  let table = hourTables.get(profile);
  if (!table) {
    table = new WeightedTable(
      profile.map((_, h) => h),
      profile,
    );
    hourTables.set(profile, table);
  }
  const start = dayStartMs(d.day);
  for (let attempt = 0; attempt < 20; attempt++) {
    const t = start + table.pick(rng) * HOUR_MS + Math.floor(rng.next() * HOUR_MS);
    if (t >= d.from && t <= d.to) return t;
  }
  return d.from + Math.floor(rng.next() * (d.to - d.from));
}
