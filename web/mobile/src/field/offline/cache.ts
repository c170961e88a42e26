// Reads that keep working offline: every successful answer is kept on the device (IndexedDB
// `cache`); without network (or with the server in trouble) the last kept answer is shown, marked
// stale with the time it was saved.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { isRetryable } from '../api/client.ts';
import { CACHE, idbAll, idbDelete, idbGet, idbPut } from './idb.ts';

interface Entry<T> {
  key: string;
  at: string;
  data: T;
}

export interface Cached<T> {
  data: T;
  /** When the data was fetched from the server. */
  at: string;
  /** True when the server could not be reached and this is the kept copy. */
  stale: boolean;
}

export async function cachedRead<T>(key: string, load: () => Promise<T>): Promise<Cached<T>> {
  try {
    const data = await load();
    const at = new Date().toISOString();
    await idbPut<Entry<T>>(CACHE, { key, at, data }).catch(() => undefined);
    return { data, at, stale: false };
  } catch (e) {
    if (!isRetryable(e)) throw e;
    const kept = await idbGet<Entry<T>>(CACHE, key).catch(() => undefined);
    if (!kept) throw e;
    return { data: kept.data, at: kept.at, stale: true };
  }
}

export async function readKept<T>(key: string): Promise<T | undefined> {
  return (await idbGet<Entry<T>>(CACHE, key).catch(() => undefined))?.data;
}

export async function keep<T>(key: string, data: T): Promise<void> {
  await idbPut<Entry<T>>(CACHE, { key, at: new Date().toISOString(), data }).catch(() => undefined);
}

/** Forgets what was kept for a user (on logout); shared reference data stays. */
export async function forgetUserData(): Promise<void> {
  const all = await idbAll<Entry<unknown>>(CACHE).catch(() => []);
  for (const e of all) if (!e.key.startsWith('ref:')) await idbDelete(CACHE, e.key).catch(() => undefined);
}

export interface CachedState<T> {
  value: Cached<T> | null;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** `cachedRead` as a hook; a new `key` (or `reload()`) reads again, keeping the last value meanwhile. */
export function useCachedRead<T>(key: string | null, load: () => Promise<T>): CachedState<T> {
  const [tick, setTick] = useState(0);
  const [result, setResult] = useState<{ for: string; value: Cached<T> | null; error: unknown } | null>(null);
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });
  const current = key === null ? null : `${key}#${tick}`;
  useEffect(() => {
    if (key === null || current === null) return;
    let live = true;
    cachedRead(key, () => loadRef.current()).then(
      (v) => live && setResult({ for: current, value: v, error: null }),
      (e: unknown) => live && setResult((r) => ({ for: current, value: r?.value ?? null, error: e })),
    );
    return () => {
      live = false;
    };
  }, [key, current]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  const value = result?.value ?? null;
  const error = result?.error ?? null;
  const loading = current !== null && result?.for !== current;
  return useMemo(() => ({ value, error, loading, reload }), [value, error, loading, reload]);
}
