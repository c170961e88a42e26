// GET /api/v1/dashboard: everything the big screen draws for a region (default: the user's
// scope), from src/commands/dashboard/get-dashboard.ts. Rates are 0..1, or null with no cases due.
import { api } from '../../api/client.ts';

export type Rate = number | null;

export interface Counters {
  reported: number;
  registered: number;
  closed: number;
  closedOnTime: number;
  due: number;
  [name: string]: number;
}

export interface Rates {
  closureRate: Rate;
  onTimeClosureRate: Rate;
  satisfactionRate: Rate;
  [name: string]: Rate;
}

export interface Dashboard {
  region: { code: string; name: string };
  generated_at: string;
  today: { reported: number; registered: number; closed: number };
  month: { from: string; counters: Counters; rates: Rates };
  open: { total: number; overdue: number; due_soon: number };
  trend: { day: string; reported: number; closed: number }[];
  regions: { key: string; name: string; counters: Counters; rates: Rates }[];
  units: { key: string; name: string; reported: number; closed: number; on_time_closure_rate: Rate }[];
  categories: { code: string; name: string; reported: number }[];
  hot_grids: { grid_code: string; name: string; open: number; overdue: number; lng: number; lat: number }[];
  feed: {
    code: string;
    title: string;
    state: string;
    channel: string;
    category: string | null;
    village: string | null;
    colour: 'green' | 'yellow' | 'red';
    reported_at: string;
  }[];
}

export function fetchDashboard(region: string | null, signal?: AbortSignal): Promise<Dashboard> {
  return api.get<Dashboard>('/dashboard', region ? { region } : undefined, signal);
}

/** Higher first, nulls (nothing due) last. */
export function byRateDesc(a: Rate, b: Rate): number {
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  return b - a;
}
