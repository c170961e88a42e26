// Loads something once per change of `deps` (primitives: ids, filters), with loading / error state and a reload;
// a newer load cancels the older one (AbortSignal) so a slow answer never overwrites a new one.
// While reloading, the previous data stays available (no flicker to empty).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

export type AsyncDeps = readonly (string | number | boolean | null | undefined)[];

export interface AsyncResult<T> {
  data: T | undefined;
  loading: boolean;
  error: unknown;
  reload: () => void;
}

interface Settled<T> {
  /** The load this result belongs to. */
  run: object | null;
  data: T | undefined;
  error: unknown;
}

export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, deps: AsyncDeps): AsyncResult<T> {
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });
  const [round, setRound] = useState(0);
  const key = JSON.stringify(deps);
  // A new run whenever the caller's deps change or reload() is called.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- key and round are the triggers, not inputs
  const run = useMemo(() => ({}), [key, round]);
  const [settled, setSettled] = useState<Settled<T>>({ run: null, data: undefined, error: undefined });
  useEffect(() => {
    const ac = new AbortController();
    loadRef.current(ac.signal).then(
      (data) => {
        if (!ac.signal.aborted) setSettled({ run, data, error: undefined });
      },
      (error: unknown) => {
        if (!ac.signal.aborted) setSettled((s) => ({ run, data: s.data, error }));
      },
    );
    return () => ac.abort();
  }, [run]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  const done = settled.run === run;
  return { data: settled.data, loading: !done, error: done ? settled.error : undefined, reload };
}
