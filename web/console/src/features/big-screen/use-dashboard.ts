// Short polling of /dashboard: the first load, then one request every `intervalMs` after the
// previous answer (never two at once); the last good answer stays on screen when a poll fails,
// and the failure is reported so the screen can say it is showing older data.
import { useEffect, useState } from 'react';
import { fetchDashboard, type Dashboard } from './dashboard-api.ts';

export interface DashboardState {
  data: Dashboard | undefined;
  /** The last poll's failure (cleared by the next success). */
  error: unknown;
  /** When the data on screen was received (browser clock). */
  receivedAt: number | null;
}

export function useDashboard(region: string | null, intervalMs: number): DashboardState {
  const [state, setState] = useState<DashboardState>({ data: undefined, error: undefined, receivedAt: null });
  useEffect(() => {
    const ac = new AbortController();
    let timer: number | undefined;
    const poll = async () => {
      try {
        const data = await fetchDashboard(region, ac.signal);
        if (!ac.signal.aborted) setState({ data, error: undefined, receivedAt: Date.now() });
      } catch (error) {
        if (!ac.signal.aborted) setState((s) => ({ ...s, error }));
      }
      if (!ac.signal.aborted) timer = window.setTimeout(() => void poll(), intervalMs);
    };
    void poll();
    return () => {
      ac.abort();
      window.clearTimeout(timer);
    };
  }, [region, intervalMs]);
  return state;
}

const STORAGE_KEY = 'wangge.bigScreen.refreshSeconds';
export const DEFAULT_REFRESH_SECONDS = 30;

/** The poll interval: ?refresh=SECONDS, else localStorage wangge.bigScreen.refreshSeconds, else 30 s. */
export function refreshSeconds(search: URLSearchParams): number {
  const valid = (v: string | null) => {
    const n = Number(v);
    return v !== null && v !== '' && Number.isFinite(n) && n >= 1 && n <= 3600 ? n : null;
  };
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(STORAGE_KEY);
  } catch {
    saved = null;
  }
  return valid(search.get('refresh')) ?? valid(saved) ?? DEFAULT_REFRESH_SECONDS;
}
